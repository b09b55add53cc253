import { registerEnumType } from 'type-graphql';

/** Roles inside a tenant. What each may do is written in docs/roles.md and enforced by the rules. */
export enum Role {
  admin = 'admin',
  developer = 'developer',
  compliance_officer = 'compliance_officer',
  analyst = 'analyst',
  auditor = 'auditor',
  viewer = 'viewer',
}

registerEnumType(Role, {
  name: 'Role',
  description: "A member's or API key's role inside a tenant",
  valuesConfig: {
    admin: { description: 'Runs the tenant: members, API keys, settings, and everything below' },
    developer: { description: 'Builds and operates agents, models and policies' },
    compliance_officer: { description: 'Owns compliance frameworks, controls and evidence; reads policies and violations' },
    analyst: { description: 'Reads inventory, costs and metrics for analysis' },
    auditor: { description: 'Reads the audit trail and compliance evidence; changes nothing' },
    viewer: { description: 'Reads the inventory without its sensitive parts' },
  },
});

export const ROLES = Object.values(Role);

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as string[]).includes(value);
}
