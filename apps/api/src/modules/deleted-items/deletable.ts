import { registerEnumType } from 'type-graphql';
import type { RoleGroup } from '../../auth/role-groups';
import { PlanLimit } from '../tenants';

export enum DeletedItemKind {
  AGENT = 'agent',
  POLICY = 'policy',
  SKILL = 'skill',
  BUDGET = 'budget',
  WORKFLOW = 'workflow',
  MEMBER = 'membership',
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
    MEMBER: { description: 'A member of the tenant (their membership; the person keeps their account)' },
  },
});

export interface Deletable {
  kind: DeletedItemKind;
  /** GraphQL type name, for global ids and audit entity types. */
  typeName: string;
  /** Where its deleted rows live (the purge job reads it as the owner). */
  table: string;
  /** Its rows as (id, tenant_id, name, deleted_at, deleted_by_id), for the list: the table itself unless it has no name. */
  rows: string;
  /** Who may delete, restore and see deleted ones: the group that creates them. */
  group: RoleGroup;
  /** Counted against a plan limit while live, so restoring claims capacity again. */
  limit: PlanLimit | null;
}

const inPlace = (kind: DeletedItemKind, typeName: string, table: string, group: RoleGroup, limit: PlanLimit | null): Deletable => ({
  kind,
  typeName,
  table,
  rows: table,
  group,
  limit,
});

export const DELETABLE: Record<DeletedItemKind, Deletable> = {
  [DeletedItemKind.AGENT]: inPlace(DeletedItemKind.AGENT, 'Agent', 'agents', 'builders', PlanLimit.AGENTS),
  [DeletedItemKind.POLICY]: inPlace(DeletedItemKind.POLICY, 'Policy', 'policies', 'builders', PlanLimit.POLICIES),
  [DeletedItemKind.SKILL]: inPlace(DeletedItemKind.SKILL, 'Skill', 'skills', 'builders', null),
  [DeletedItemKind.BUDGET]: inPlace(DeletedItemKind.BUDGET, 'Budget', 'budgets', 'admins', null),
  [DeletedItemKind.WORKFLOW]: inPlace(DeletedItemKind.WORKFLOW, 'Workflow', 'workflows', 'processAuthors', null),
  // A removed membership waits in a table of its own (see deleted-members.ts), named after the person.
  [DeletedItemKind.MEMBER]: {
    kind: DeletedItemKind.MEMBER,
    typeName: 'Membership',
    table: 'deleted_memberships',
    rows: `(SELECT d.id, d.tenant_id, coalesce(nullif(u.full_name, ''), u.email) AS name, d.deleted_at, d.deleted_by_id
            FROM deleted_memberships d JOIN users u ON u.id = d.user_id)`,
    group: 'memberManagers',
    limit: PlanLimit.MEMBERS,
  },
};

/** The kind a global id's type names, if it is one that can be deleted. */
export function kindOfType(typeName: string): Deletable | null {
  return KINDS.find((k) => k.typeName === typeName) ?? null;
}

export const KINDS = Object.values(DELETABLE);
