import { PermissionName, Role } from '../gql/graphql';

const everyRole = Object.values(Role);

/**
 * What each role may use, as the API's permission matrix (docs/permissions.md) grants it. The UI
 * hides what a role may not use; the API enforces it either way. access.test.ts names the API fields
 * behind each capability and fails when these roles differ from the ones the API grants.
 */
const capabilities = {
  'members.read': everyRole,
  'members.manage': [Role.Admin],
  'members.readEmail': [Role.Admin],
  'members.readLastLogin': [Role.Admin, Role.Auditor],
  'invitations.manage': [Role.Admin],
  'apiKeys.read': [Role.Admin, Role.Auditor],
  'apiKeys.manage': [Role.Admin],
  'roles.read': everyRole,
  'roles.manage': [Role.Admin],
  'audit.read': [Role.Admin, Role.Auditor],
  'tenant.usage': [Role.Admin],
  'webhooks.manage': [Role.Admin],
  'sso.manage': [Role.Admin],
  // Costs: amounts for those who answer for spend; budgets and alerts (without amounts) for governance too.
  'costs.readAmounts': [Role.Admin, Role.Developer, Role.Analyst],
  'costs.export': [Role.Admin, Role.Analyst],
  'budgets.read': [Role.Admin, Role.Developer, Role.Analyst, Role.ComplianceOfficer, Role.Auditor],
  'budgets.manage': [Role.Admin],
  'alerts.read': [Role.Admin, Role.Developer, Role.Analyst, Role.ComplianceOfficer, Role.Auditor],
  'alerts.respond': [Role.Admin, Role.Developer, Role.Analyst],
  graphiql: [Role.Admin, Role.Developer, Role.Analyst],
  // Observability: operators and reviewers read metrics, health details, events and alert rules; viewers see an agent's health status only.
  'metrics.read': [Role.Admin, Role.Developer, Role.Analyst, Role.ComplianceOfficer, Role.Auditor],
  'agents.readHealth': [Role.Admin, Role.Developer, Role.Analyst, Role.ComplianceOfficer, Role.Auditor],
  'analytics.read': [Role.Admin, Role.Developer, Role.Analyst, Role.ComplianceOfficer, Role.Auditor],
  'analytics.readPayload': [Role.Admin, Role.Developer, Role.Analyst],
  'alertRules.read': [Role.Admin, Role.Developer, Role.Analyst, Role.ComplianceOfficer, Role.Auditor],
  'alertRules.manage': [Role.Admin, Role.Developer],
  // Governance: agents, models and skills are inventory every role reads; their sensitive parts and
  // every change are for admins and developers; policies' rules and violations for governance roles.
  'agents.read': everyRole,
  'agents.manage': [Role.Admin, Role.Developer],
  'agents.readConfiguration': [Role.Admin, Role.Developer],
  'agents.readCost': [Role.Admin, Role.Developer, Role.Analyst],
  // AI agent tasks are agent telemetry: those who read budgets see an agent's tasks and their token totals.
  'agents.readTasks': [Role.Admin, Role.Developer, Role.Analyst, Role.ComplianceOfficer, Role.Auditor],
  'models.read': everyRole,
  'models.manage': [Role.Admin, Role.Developer],
  'skills.read': everyRole,
  'skills.manage': [Role.Admin, Role.Developer],
  'architectures.read': everyRole,
  'architectures.manage': [Role.Admin, Role.Developer],
  'policies.read': everyRole,
  'policies.readRules': [Role.Admin, Role.Developer, Role.ComplianceOfficer, Role.Auditor],
  'policies.manage': [Role.Admin, Role.Developer],
  'violations.read': [Role.Admin, Role.Developer, Role.ComplianceOfficer, Role.Auditor],
  'violations.waive': [Role.Admin],
  // Compliance: every role sees framework scores; compliance officers own frameworks, controls, evidence,
  // exceptions and records; auditors read everything and export; developers see the controls covering their agents.
  'compliance.readScores': everyRole,
  'compliance.read': [Role.Admin, Role.ComplianceOfficer, Role.Auditor],
  'compliance.readTrend': everyRole,
  'compliance.readControls': [Role.Admin, Role.Developer, Role.ComplianceOfficer, Role.Auditor],
  'compliance.manage': [Role.Admin, Role.ComplianceOfficer],
  'compliance.export': [Role.Admin, Role.ComplianceOfficer, Role.Auditor],
  'complianceRecords.read': [Role.Admin, Role.ComplianceOfficer, Role.Auditor],
  'complianceRecords.readRestricted': [Role.Admin, Role.ComplianceOfficer],
  'complianceRecords.manage': [Role.Admin, Role.ComplianceOfficer],
  // Approvals: everyone has an inbox and may decide what names them; the held change itself is for those who read agents' settings and policies' rules.
  'approvals.inbox': everyRole,
  'approvals.read': everyRole,
  'approvals.readChange': [Role.Admin, Role.Developer, Role.ComplianceOfficer, Role.Auditor],
  'approvals.decide': everyRole,
  'approvals.create': [Role.Admin, Role.Developer, Role.ComplianceOfficer],
  // Withdrawing someone else's request: the requester withdraws their own, those who run the tenant anyone's.
  'approvals.cancelAny': [Role.Admin],
  // Workflows: read by governance roles, written by those who build, run by those who operate them.
  'workflows.read': [Role.Admin, Role.Developer, Role.ComplianceOfficer, Role.Auditor],
  'workflows.manage': [Role.Admin, Role.Developer, Role.ComplianceOfficer],
  'workflows.run': [Role.Admin, Role.Developer, Role.ComplianceOfficer],
  // Recently deleted: those who delete some kind (agents, policies, skills, budgets or workflows) restore it; the list shows each only their kinds.
  'deleted.restore': [Role.Admin, Role.Developer, Role.ComplianceOfficer],
  // HR records: every member sees them (their personal fields only as the API answers); HR managers and admins keep them.
  'hr.read': everyRole,
  'hr.manage': [Role.Admin, Role.HrManager],
  // Whether admins read personal fields is the tenant's choice, made by those who run it; HR managers are told it.
  'hr.settings': [Role.Admin],
  'hr.readSettings': [Role.Admin, Role.HrManager],
  // GDPR: everyone exports their own personal data; admins export anyone's and erase it.
  'personalData.export': everyRole,
  'personalData.manage': [Role.Admin],
  // Platform administration: no tenant role grants it (see mayUse).
  'tenants.manage': [],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof capabilities;

/**
 * The system roles as the API defines them (docs/permissions.md, "System roles and permissions"; access.test.ts
 * checks the two agree).
 */
export const SYSTEM_ROLE_PERMISSIONS: Record<Role, readonly PermissionName[]> = {
  // Admins read HR personal fields only when the tenant's HR settings allow it, never by their role.
  [Role.Admin]: Object.values(PermissionName).filter((p) => p !== PermissionName.HrReadPii),
  [Role.Developer]: [
    PermissionName.AgentsWrite,
    PermissionName.CostsReadAmounts,
    PermissionName.ViolationsRead,
    PermissionName.BudgetsRead,
    PermissionName.WorkflowsWrite,
  ],
  [Role.ComplianceOfficer]: [
    PermissionName.ViolationsRead,
    PermissionName.BudgetsRead,
    PermissionName.ComplianceManage,
    PermissionName.ComplianceRead,
    PermissionName.WorkflowsWrite,
  ],
  [Role.Analyst]: [PermissionName.CostsReadAmounts, PermissionName.CostsExport, PermissionName.BudgetsRead],
  [Role.Auditor]: [PermissionName.AuditRead, PermissionName.ViolationsRead, PermissionName.BudgetsRead, PermissionName.ComplianceRead],
  [Role.Viewer]: [],
  [Role.HrManager]: [PermissionName.HrManage, PermissionName.HrReadPii],
};

/**
 * Capabilities whose permission is named rather than found from the system roles: admins-only ones that are not the
 * general "run the tenant" permission, and those whose system holders match another permission by coincidence
 * (controls: admins, developers, compliance officers and auditors, as violations.read is held; the API opens them
 * to compliance.read).
 */
const NAMED_CAPABILITY_PERMISSION: Partial<Record<Capability, PermissionName>> = {
  'compliance.readControls': PermissionName.ComplianceRead,
  'members.manage': PermissionName.MembersManage,
  'members.readEmail': PermissionName.MembersManage,
  'invitations.manage': PermissionName.MembersManage,
  'apiKeys.manage': PermissionName.ApiKeysManage,
  'roles.manage': PermissionName.RolesManage,
  // The API's rule: those who run the tenant, or read personal fields (HR managers; admins lack hr.read_pii).
  'hr.readSettings': PermissionName.HrReadPii,
};

/**
 * The permission behind a capability, for custom roles: 'member' when every role has it; else the permission
 * whose system holders are exactly the capability's roles (those named above, admins-only ones "run the
 * tenant"); null when no permission does (only platform admins, or a UI-only capability no permission matches).
 */
export function capabilityPermission(capability: Capability): PermissionName | 'member' | null {
  const holders = capabilities[capability] as readonly Role[];
  if (holders.length === everyRole.length) return 'member';
  if (holders.length === 0) return null;
  const named = NAMED_CAPABILITY_PERMISSION[capability];
  if (named) return named;
  const same = (permission: PermissionName) => everyRole.every((role) => SYSTEM_ROLE_PERMISSIONS[role].includes(permission) === holders.includes(role));
  if (holders.length === 1 && holders[0] === Role.Admin) return PermissionName.TenantManage;
  return Object.values(PermissionName).find(same) ?? null;
}

/**
 * Permissions that open a capability besides its own: the API lists controls to builders too (its rule then keeps
 * those covering agents they created), so a custom role holding agents.write reaches the Controls page as developers do,
 * and Recently deleted is offered to whoever may restore some kind.
 */
export const ALSO_OPENED_BY: Partial<Record<Capability, readonly PermissionName[]>> = {
  'compliance.readControls': [PermissionName.AgentsWrite],
  // Recently deleted lists each caller the kinds it may restore: builders' agents, policies and skills, admins'
  // budgets, member managers' members (the API's deletable groups).
  'deleted.restore': [PermissionName.AgentsWrite, PermissionName.TenantManage, PermissionName.MembersManage],
  'hr.readSettings': [PermissionName.TenantManage],
};

/** What a caller holding a custom role with `permissions` may use. */
export function canWith(permissions: readonly PermissionName[], capability: Capability): boolean {
  const needed = capabilityPermission(capability);
  if (needed === 'member' || (needed !== null && permissions.includes(needed))) return true;
  return (ALSO_OPENED_BY[capability] ?? []).some((permission) => permissions.includes(permission));
}

/** The caller as the shell knows it: a system role, or a custom role's permissions (isMember without a role). */
export interface AccessHolder {
  role: Role | null;
  isPlatformAdmin: boolean;
  isMember?: boolean;
  permissions?: readonly PermissionName[];
}

/** Whether the caller may use a capability in the tenant: by system role, or by its custom role's permissions. */
export function allowed(viewer: AccessHolder, capability: Capability): boolean {
  if (viewer.role) return (capabilities[capability] as readonly Role[]).includes(viewer.role);
  return viewer.isMember === true && canWith(viewer.permissions ?? [], capability);
}

/** Whether the caller may open a page or use a control: by tenant role, or as a platform admin for tenant administration. */
export function mayUse(viewer: AccessHolder, capability: Capability | null): boolean {
  if (capability === null) return true;
  if (capability === 'tenants.manage') return viewer.isPlatformAdmin;
  return allowed(viewer, capability);
}

export const roles: readonly Role[] = everyRole;

/** "COMPLIANCE_OFFICER" -> "Compliance officer" */
export function roleLabel(role: Role): string {
  if (role === Role.HrManager) return 'HR manager';
  const words = role.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const roleOptions = everyRole.map((role) => ({ value: role, label: roleLabel(role) }));

export function isRole(value: string | null | undefined): value is Role {
  return (everyRole as readonly string[]).includes(value ?? '');
}
