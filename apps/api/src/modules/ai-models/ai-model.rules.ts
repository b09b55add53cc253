import { builders } from '../../auth/role-groups';
import { anyMember, PermissionMap } from '../../auth/rules';

export const aiModelPermissions: PermissionMap = {
  Query: { aiModels: anyMember, aiModel: anyMember },
  AiModel: { '*': anyMember, configuration: builders },
  AiModelConnection: { '*': anyMember },
  AiModelEdge: { '*': anyMember },
  Mutation: { aiModelRegister: builders, aiModelUpdate: builders, aiModelDeploy: builders, aiModelUndeploy: builders, aiModelArchive: builders },
  AiModelPayload: { '*': builders },
};
