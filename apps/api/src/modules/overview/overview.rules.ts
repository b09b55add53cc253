import { anyMember, PermissionMap } from '../../auth/rules';
import { governanceReaders } from '../budgets';
import { governance as violationReaders } from '../policies';

/** Each count is readable by whoever may read the list it counts. */
export const overviewPermissions: PermissionMap = {
  Query: { overview: anyMember },
  TenantOverview: {
    '*': anyMember,
    openViolationsBySeverity: violationReaders,
    openAlertsBySeverity: governanceReaders,
  },
  AgentStatusCount: { '*': anyMember },
  ComplianceStatusCount: { '*': anyMember },
  PolicySeverityCount: { '*': violationReaders },
  AlertSeverityCount: { '*': governanceReaders },
};
