import { registerEnumType } from 'type-graphql';

/** Roles inside a tenant. What each may do is written in docs/roles.md and enforced by the rules. */
export enum Role {
  ADMIN = 'admin',
  DEVELOPER = 'developer',
  COMPLIANCE_OFFICER = 'compliance_officer',
  ANALYST = 'analyst',
  AUDITOR = 'auditor',
  VIEWER = 'viewer',
  HR_MANAGER = 'hr_manager',
}

registerEnumType(Role, {
  name: 'Role',
  description: "A member's or API key's role inside a tenant",
  valuesConfig: {
    ADMIN: { description: 'Runs the tenant: members, API keys, settings, and everything below' },
    DEVELOPER: { description: 'Builds and operates agents, models and policies' },
    COMPLIANCE_OFFICER: { description: 'Owns compliance frameworks, controls and evidence; reads policies and violations' },
    ANALYST: { description: 'Reads inventory, costs and metrics for analysis' },
    AUDITOR: { description: 'Reads the audit trail and compliance evidence; changes nothing' },
    VIEWER: { description: 'Reads the inventory without its sensitive parts' },
    HR_MANAGER: { description: 'Keeps HR records and reads their personal fields (who they are about, their data)' },
  },
});

export const ROLES = Object.values(Role);

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as string[]).includes(value);
}
