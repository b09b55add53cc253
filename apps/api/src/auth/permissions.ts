import { registerEnumType } from 'type-graphql';
import { Role } from './roles';

/**
 * The named permissions, defined once. Rules grant to them (auth/role-groups.ts); a role, system or custom,
 * is a set of them. Every member of a tenant, whatever their role, also reads the inventory (agents, models,
 * skills, policies' names, framework scores): see `anyMember` in auth/rules.ts.
 */
export enum PermissionName {
  TENANT_MANAGE = 'tenant.manage',
  MEMBERS_MANAGE = 'members.manage',
  ROLES_MANAGE = 'roles.manage',
  API_KEYS_MANAGE = 'api_keys.manage',
  AGENTS_WRITE = 'agents.write',
  COSTS_READ_AMOUNTS = 'costs.read_amounts',
  COSTS_EXPORT = 'costs.export',
  AUDIT_READ = 'audit.read',
  VIOLATIONS_READ = 'violations.read',
  BUDGETS_READ = 'budgets.read',
  COMPLIANCE_MANAGE = 'compliance.manage',
  COMPLIANCE_READ = 'compliance.read',
  WORKFLOWS_WRITE = 'workflows.write',
  HR_MANAGE = 'hr.manage',
  HR_READ_PII = 'hr.read_pii',
}

export const PERMISSION_DESCRIPTIONS: Record<PermissionName, string> = {
  [PermissionName.TENANT_MANAGE]:
    'Run the tenant: its settings, invitations, budgets and their amounts, waivers of violations, analytics, and the rest of what only admins did',
  [PermissionName.MEMBERS_MANAGE]: "Change members' roles, remove members, read their email addresses",
  [PermissionName.ROLES_MANAGE]: 'Create, change and delete custom roles',
  [PermissionName.API_KEYS_MANAGE]: 'Create and revoke API keys',
  [PermissionName.AGENTS_WRITE]: 'Build and operate agents, models, skills, channels, architectures and policies; read their configuration',
  [PermissionName.COSTS_READ_AMOUNTS]: 'Read money: costs, amounts, spend; act on budget alerts',
  [PermissionName.COSTS_EXPORT]: 'Export cost data',
  [PermissionName.AUDIT_READ]: 'Read the trail of who did what: the audit log, API keys, last sign-ins',
  [PermissionName.VIOLATIONS_READ]: 'Read policy rules, versions, violations and the decision trail',
  [PermissionName.BUDGETS_READ]: "Read governance telemetry: budgets (their thresholds), alerts, alert rules, metrics, agents' health history",
  [PermissionName.COMPLIANCE_MANAGE]: 'Own compliance: frameworks, controls, evidence, exceptions, records and their restricted data',
  [PermissionName.COMPLIANCE_READ]: 'Read all of compliance (frameworks, requirements, controls, evidence, exceptions, records) and export it',
  [PermissionName.WORKFLOWS_WRITE]: 'Ask for decisions directly and build workflows',
  [PermissionName.HR_MANAGE]: 'Create and change HR records (candidates, employees, performance reviews)',
  [PermissionName.HR_READ_PII]:
    "Read HR records' personal fields (the person's name and email, the record's data); admins only when the tenant's HR settings allow it",
};

registerEnumType(PermissionName, {
  name: 'PermissionName',
  description: 'A named permission; roles (system or custom) are sets of them',
  valuesConfig: Object.fromEntries(Object.entries(PermissionName).map(([key, value]) => [key, { description: PERMISSION_DESCRIPTIONS[value] }])),
});

export const PERMISSION_NAMES: readonly PermissionName[] = Object.values(PermissionName);

export function isPermissionName(value: unknown): value is PermissionName {
  return typeof value === 'string' && (PERMISSION_NAMES as readonly string[]).includes(value);
}

const P = PermissionName;

/**
 * The system roles as permission sets: exactly the matrix the six fixed roles had (test/permissions.test.ts and
 * test/authorization-differential.test.ts prove it field by field). Not editable.
 */
export const SYSTEM_ROLE_PERMISSIONS: Record<Role, readonly PermissionName[]> = {
  // Admins read HR personal fields only when the tenant allows it (hr_settings), never by their role alone.
  [Role.ADMIN]: PERMISSION_NAMES.filter((p) => p !== PermissionName.HR_READ_PII),
  [Role.DEVELOPER]: [P.AGENTS_WRITE, P.COSTS_READ_AMOUNTS, P.VIOLATIONS_READ, P.BUDGETS_READ, P.WORKFLOWS_WRITE],
  [Role.COMPLIANCE_OFFICER]: [P.VIOLATIONS_READ, P.BUDGETS_READ, P.COMPLIANCE_MANAGE, P.COMPLIANCE_READ, P.WORKFLOWS_WRITE],
  [Role.ANALYST]: [P.COSTS_READ_AMOUNTS, P.COSTS_EXPORT, P.BUDGETS_READ],
  [Role.AUDITOR]: [P.AUDIT_READ, P.VIOLATIONS_READ, P.BUDGETS_READ, P.COMPLIANCE_READ],
  [Role.VIEWER]: [],
  [Role.HR_MANAGER]: [P.HR_MANAGE, P.HR_READ_PII],
};

/**
 * What a permission brings with it: reading money includes the budgets and alerts it is spent against; owning
 * compliance includes reading it; reading compliance includes the controls and the violations they cover. Every
 * system role already holds these together; for custom roles they keep a type's objects readable wherever one of
 * their fields is (authorization checks an object's type once, auth/authorize.ts).
 */
export const IMPLIED_PERMISSIONS: Partial<Record<PermissionName, readonly PermissionName[]>> = {
  [PermissionName.COSTS_READ_AMOUNTS]: [PermissionName.BUDGETS_READ],
  [PermissionName.COMPLIANCE_MANAGE]: [PermissionName.COMPLIANCE_READ],
  [PermissionName.COMPLIANCE_READ]: [PermissionName.VIOLATIONS_READ],
};

/** `permissions` with everything they bring with them (IMPLIED_PERMISSIONS). */
export function withImplied(permissions: Iterable<string>): Set<string> {
  const all = new Set<string>(permissions);
  const pending = [...all];
  while (pending.length) {
    for (const implied of IMPLIED_PERMISSIONS[pending.pop() as PermissionName] ?? []) {
      if (!all.has(implied)) {
        all.add(implied);
        pending.push(implied);
      }
    }
  }
  return all;
}

const SYSTEM_SETS = new Map<string, ReadonlySet<string>>(Object.entries(SYSTEM_ROLE_PERMISSIONS).map(([role, names]) => [role, new Set<string>(names)]));

/** The part of a caller that says what it may do. */
export interface PermissionHolder {
  role: string | null;
  customRole?: { id: string; name: string; permissions: readonly string[] } | null;
  /** An API key's scopes: only these of its role's permissions (with what they imply) count; null or absent: all. */
  scopes?: readonly string[] | null;
}

/**
 * What the caller may do in its tenant: its custom role's permissions (with those they imply), else its system role's; null when it holds
 * no role there (not a member, or the tenant is not active). Rules read it once per request (their answers are memoized).
 */
export function grantedPermissions(caller: PermissionHolder): ReadonlySet<string> | null {
  const held = rolePermissions(caller);
  if (!held || !caller.scopes) return held;
  const scoped = withImplied(caller.scopes);
  return new Set([...held].filter((p) => scoped.has(p)));
}

/** What the caller's role grants, before an API key's scopes narrow it. */
export function rolePermissions(caller: PermissionHolder): ReadonlySet<string> | null {
  if (caller.customRole) return withImplied(caller.customRole.permissions);
  return caller.role ? (SYSTEM_SETS.get(caller.role) ?? null) : null;
}

/**
 * Who holds `permission`, for finding members in SQL: the system roles whose set has it, and the permissions a custom
 * role may list to have it (itself and those that imply it). A membership holds it when its role is one of the first or
 * its custom role's permissions overlap the second.
 */
export function holdersOf(permission: PermissionName): { systemRoles: string[]; customRolePermissions: string[] } {
  return {
    systemRoles: [...SYSTEM_SETS].filter(([, names]) => names.has(permission)).map(([role]) => role),
    customRolePermissions: PERMISSION_NAMES.filter((p) => withImplied([p]).has(permission)),
  };
}
