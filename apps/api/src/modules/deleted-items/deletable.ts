import { registerEnumType } from 'type-graphql';
import type { RoleGroup } from '../../auth/role-groups';
import { PlanLimit } from '../tenants';

export enum DeletedItemKind {
  AGENT = 'agent',
  POLICY = 'policy',
  SKILL = 'skill',
  BUDGET = 'budget',
  WORKFLOW = 'workflow',
}
registerEnumType(DeletedItemKind, {
  name: 'DeletedItemKind',
  description: 'What kind of thing was deleted',
  valuesConfig: {
    AGENT: { description: 'An agent' },
    POLICY: { description: 'A governance policy' },
    SKILL: { description: 'A skill' },
    BUDGET: { description: 'A budget' },
    WORKFLOW: { description: 'A workflow' },
  },
});

export interface Deletable {
  kind: DeletedItemKind;
  /** GraphQL type name, for global ids and audit entity types. */
  typeName: string;
  table: string;
  /** Who may delete, restore and see deleted ones: the group that creates them. */
  group: RoleGroup;
  /** Counted against a plan limit while live, so restoring claims capacity again. */
  limit: PlanLimit | null;
}

export const DELETABLE: Record<DeletedItemKind, Deletable> = {
  [DeletedItemKind.AGENT]: { kind: DeletedItemKind.AGENT, typeName: 'Agent', table: 'agents', group: 'builders', limit: PlanLimit.AGENTS },
  [DeletedItemKind.POLICY]: { kind: DeletedItemKind.POLICY, typeName: 'Policy', table: 'policies', group: 'builders', limit: PlanLimit.POLICIES },
  [DeletedItemKind.SKILL]: { kind: DeletedItemKind.SKILL, typeName: 'Skill', table: 'skills', group: 'builders', limit: null },
  [DeletedItemKind.BUDGET]: { kind: DeletedItemKind.BUDGET, typeName: 'Budget', table: 'budgets', group: 'admins', limit: null },
  [DeletedItemKind.WORKFLOW]: { kind: DeletedItemKind.WORKFLOW, typeName: 'Workflow', table: 'workflows', group: 'processAuthors', limit: null },
};

export const KINDS = Object.values(DELETABLE);
