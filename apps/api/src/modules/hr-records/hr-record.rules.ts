import { PermissionName } from '../../auth/permissions';
import { admins, hrManagers } from '../../auth/role-groups';
import { anyMember, anyOf, can, PermissionMap } from '../../auth/rules';

/** Whether admins read personal fields: admins choose it; those who read personal fields are told it too. */
const settingsReaders = anyOf(admins, can(PermissionName.HR_READ_PII));

/**
 * Every member sees HR records; their personal fields (subjectName, subjectEmail, data) answer null unless the
 * caller holds hr.read_pii or is an admin whom the tenant's HR settings allow (hr-record.personal.ts), so that
 * "without them" reads as a record, not an error. HR managers (and admins) keep them.
 */
export const hrRecordPermissions: PermissionMap = {
  Query: { hrRecords: anyMember, hrRecordDataSchemas: anyMember, hrSettings: settingsReaders },
  Mutation: {
    hrRecordCreate: hrManagers,
    hrRecordUpdate: hrManagers,
    hrRecordActivate: hrManagers,
    hrRecordDeactivate: hrManagers,
    hrRecordInsightsSet: hrManagers,
    hrSettingsUpdate: admins,
  },
  HrRecord: { '*': anyMember },
  HrRecordConnection: { '*': anyMember },
  HrRecordEdge: { '*': anyMember },
  HrRecordDataSchema: { '*': anyMember },
  HrRecordPayload: { '*': hrManagers },
  HrSettings: { '*': settingsReaders },
  HrSettingsPayload: { '*': admins },
};
