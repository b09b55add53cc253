import { anyMember, hasRole, PermissionMap } from '../../auth/rules';
import { Role } from '../../auth/roles';

const builders = hasRole(Role.admin, Role.developer);

export const aiModelPermissions: PermissionMap = {
  Query: { aiModels: anyMember, aiModel: anyMember },
  AiModel: { '*': anyMember, configuration: builders },
  AiModelConnection: { '*': anyMember },
  AiModelEdge: { '*': anyMember },
  Mutation: { aiModelRegister: builders, aiModelUpdate: builders },
  AiModelPayload: { '*': builders },
};
