import { complianceOwners, complianceReaders } from '../../auth/role-groups';
import { PermissionMap } from '../../auth/rules';

/** Auditors read records but not what the checks found nor the risk scores: those are for admins and compliance officers. */
export const complianceRecordPermissions: PermissionMap = {
  Query: { complianceRecords: complianceReaders },
  Mutation: {
    complianceRecordCreate: complianceOwners,
    complianceRecordApprove: complianceOwners,
    complianceRecordReject: complianceOwners,
    complianceRecordFlag: complianceOwners,
  },
  ComplianceRecord: { '*': complianceReaders, data: complianceOwners, riskScore: complianceOwners },
  ComplianceRecordConnection: { '*': complianceReaders },
  ComplianceRecordEdge: { '*': complianceReaders },
  ComplianceRecordPayload: { '*': complianceOwners },
};
