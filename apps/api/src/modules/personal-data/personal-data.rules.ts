import { admins } from '../../auth/role-groups';
import { anyMember, PermissionMap } from '../../auth/rules';

/** Any member exports their own data; the service lets admins export anyone's and lists exports accordingly. */
export const personalDataPermissions: PermissionMap = {
  Query: { personalDataExports: anyMember },
  Mutation: { personalDataExportStart: anyMember, personalDataErase: admins },
  PersonalDataExport: { '*': anyMember },
  PersonalDataExportConnection: { '*': anyMember },
  PersonalDataExportEdge: { '*': anyMember },
  PersonalDataExportPayload: { '*': anyMember },
  PersonalDataErasePayload: { '*': admins },
};
