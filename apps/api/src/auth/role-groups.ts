import { grantedPermissions, PermissionHolder, PermissionName } from './permissions';
import { can, Permission } from './rules';

/**
 * The groups that rules grant to, declared once so that every module means the same people by the same
 * word. Each group is one named permission (auth/permissions.ts): a role, system or custom, is in the group
 * when it holds that permission. The system roles hold exactly the permissions that keep today's matrix; what
 * each role may do is written in docs/roles.md and docs/permissions.md.
 */
export const ROLE_GROUPS = {
  /** Run the tenant: settings, invitations, budgets, waivers. */
  admins: PermissionName.TENANT_MANAGE,
  /** Change members' roles, remove members, read their email addresses. */
  memberManagers: PermissionName.MEMBERS_MANAGE,
  /** Create, change and delete custom roles. */
  roleManagers: PermissionName.ROLES_MANAGE,
  /** Create and revoke API keys. */
  apiKeyManagers: PermissionName.API_KEYS_MANAGE,
  /** Build and operate agents, models, skills, channels and policies; see agents' configuration. */
  builders: PermissionName.AGENTS_WRITE,
  /** Read and report money (costs, amounts, spend) and act on budget alerts. */
  moneyReaders: PermissionName.COSTS_READ_AMOUNTS,
  /** Export cost data. */
  costExporters: PermissionName.COSTS_EXPORT,
  /** Read the trail of who did what: the audit log, API keys, last sign-ins. */
  trailReaders: PermissionName.AUDIT_READ,
  /** Read policy rules, violations and the decision trail (analysts and viewers see policy names only). */
  violationReaders: PermissionName.VIOLATIONS_READ,
  /**
   * Budgets, alerts and agent telemetry are governance: compliance officers and auditors see them (budgets' thresholds,
   * not their amounts); viewers do not. Metrics are read by this same group.
   */
  budgetReaders: PermissionName.BUDGETS_READ,
  /** Own compliance: frameworks, controls, evidence, exceptions, records; read compliance records' data and risk scores. */
  complianceOwners: PermissionName.COMPLIANCE_MANAGE,
  /** Read all of compliance (frameworks, requirements, controls, evidence, exceptions, records, exports) and export it. */
  complianceReaders: PermissionName.COMPLIANCE_READ,
  /** Ask for decisions directly and build workflows: those who build agents and those who review them. */
  processAuthors: PermissionName.WORKFLOWS_WRITE,
  /** Keep HR records (reading their personal fields is hr.read_pii, checked in modules/hr-records). */
  hrManagers: PermissionName.HR_MANAGE,
} as const satisfies Record<string, PermissionName>;

export type RoleGroup = keyof typeof ROLE_GROUPS;

/**
 * For the few checks made inside a resolver rather than by a rule (e.g. a field shown in part): whether the caller
 * (its system or custom role) is in the group.
 */
export function inRoleGroup(group: RoleGroup, caller: PermissionHolder | string | null): boolean {
  // A bare role is a system role: pass the caller itself (ctx.caller) so that custom roles count too.
  const holder = typeof caller === 'string' || caller === null ? { role: caller } : caller;
  return grantedPermissions(holder)?.has(ROLE_GROUPS[group]) === true;
}

const group = (name: RoleGroup): Permission => can(ROLE_GROUPS[name]);

export const admins = group('admins');
export const memberManagers = group('memberManagers');
export const roleManagers = group('roleManagers');
export const apiKeyManagers = group('apiKeyManagers');
export const builders = group('builders');
export const moneyReaders = group('moneyReaders');
export const costExporters = group('costExporters');
export const trailReaders = group('trailReaders');
export const violationReaders = group('violationReaders');
export const budgetReaders = group('budgetReaders');
export const complianceOwners = group('complianceOwners');
export const complianceReaders = group('complianceReaders');
export const processAuthors = group('processAuthors');
export const hrManagers = group('hrManagers');
