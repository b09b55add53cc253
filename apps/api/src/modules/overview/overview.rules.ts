import { budgetReaders, violationReaders } from '../../auth/role-groups';
import { anyMember, PermissionMap } from '../../auth/rules';

/** Each count is readable by whoever may read the list it counts. */
export const overviewPermissions: PermissionMap = {
  Query: { overview: anyMember },
  TenantOverview: {
    '*': anyMember,
    openViolationsBySeverity: violationReaders,
    openAlertsBySeverity: budgetReaders,
  },
  AgentStatusCount: { '*': anyMember },
  ComplianceStatusCount: { '*': anyMember },
  PolicySeverityCount: { '*': violationReaders },
  AlertSeverityCount: { '*': budgetReaders },
};
