import { roleManagers } from '../../auth/role-groups';
import { anyMember, everyone, PermissionMap, signedIn } from '../../auth/rules';

export const rolePermissions: PermissionMap = {
  Query: { permissions: everyone, systemRoles: everyone, customRoles: anyMember, customRole: anyMember },
  PermissionInfo: { '*': everyone },
  SystemRole: { '*': everyone },
  CustomRole: { '*': anyMember },
  Mutation: { customRoleCreate: roleManagers, customRoleUpdate: roleManagers, customRoleDelete: roleManagers },
  CustomRolePayload: { '*': signedIn },
  CustomRoleDeletePayload: { '*': signedIn },
};
