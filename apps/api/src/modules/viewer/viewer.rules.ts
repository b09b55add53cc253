import { everyone, PermissionMap } from '../../auth/rules';

export const viewerPermissions: PermissionMap = {
  Query: { viewer: everyone },
  Viewer: { '*': everyone },
};
