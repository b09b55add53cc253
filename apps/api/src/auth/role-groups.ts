import { Role } from './roles';
import { hasRole, Permission } from './rules';

/**
 * The groups of tenant roles that rules grant to, declared once so that every module means the same
 * people by the same word. What each role may do is written in docs/roles.md.
 */
export const ROLE_GROUPS = {
  /** Run the tenant: members, API keys, invitations, budgets, waivers. */
  admins: [Role.ADMIN],
  /** Build and operate agents, models, skills, channels and policies; see agents' configuration. */
  builders: [Role.ADMIN, Role.DEVELOPER],
  /** Read and report money (costs, amounts, spend) and act on budget alerts. */
  moneyReaders: [Role.ADMIN, Role.DEVELOPER, Role.ANALYST],
  /** Export cost data. */
  costExporters: [Role.ADMIN, Role.ANALYST],
  /** Read the trail of who did what: the audit log, API keys, last sign-ins. */
  trailReaders: [Role.ADMIN, Role.AUDITOR],
  /** Read policy rules, violations and the decision trail (analysts and viewers see policy names only). */
  violationReaders: [Role.ADMIN, Role.DEVELOPER, Role.COMPLIANCE_OFFICER, Role.AUDITOR],
  /**
   * Budgets, alerts and agent telemetry are governance: compliance officers and auditors see them (budgets' thresholds,
   * not their amounts); viewers do not. Metrics are read by this same group.
   */
  budgetReaders: [Role.ADMIN, Role.DEVELOPER, Role.ANALYST, Role.COMPLIANCE_OFFICER, Role.AUDITOR],
  /** Own compliance: frameworks, controls, evidence, exceptions, records; read compliance records' data and risk scores. */
  complianceOwners: [Role.ADMIN, Role.COMPLIANCE_OFFICER],
  /** Read all of compliance (frameworks, requirements, controls, evidence, exceptions, records, exports) and export it. */
  complianceReaders: [Role.ADMIN, Role.COMPLIANCE_OFFICER, Role.AUDITOR],
  /** Ask for decisions directly and build workflows: those who build agents and those who review them. */
  processAuthors: [Role.ADMIN, Role.DEVELOPER, Role.COMPLIANCE_OFFICER],
} as const satisfies Record<string, readonly Role[]>;

export type RoleGroup = keyof typeof ROLE_GROUPS;

/** For the few checks made inside a resolver rather than by a rule (e.g. a field shown in part). */
export function inRoleGroup(group: RoleGroup, role: Role | string | null): boolean {
  return role !== null && (ROLE_GROUPS[group] as readonly string[]).includes(role);
}

const group = (name: RoleGroup): Permission => hasRole(...ROLE_GROUPS[name]);

export const admins = group('admins');
export const builders = group('builders');
export const moneyReaders = group('moneyReaders');
export const costExporters = group('costExporters');
export const trailReaders = group('trailReaders');
export const violationReaders = group('violationReaders');
export const budgetReaders = group('budgetReaders');
export const complianceOwners = group('complianceOwners');
export const complianceReaders = group('complianceReaders');
export const processAuthors = group('processAuthors');
