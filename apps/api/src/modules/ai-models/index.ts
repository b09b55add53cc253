import type { StewardModule } from '../module';
import { loader } from '../../graphql/loader';
import { AiModel } from './ai-model.entity';
import { aiModelById } from './ai-model.loaders';
import { AiModelResolver } from './ai-model.resolver';
import { aiModelPermissions } from './ai-model.rules';

export { AGENT_MODEL_TYPES, AiModel, AiModelStatus } from './ai-model.entity';
export { aiModelById } from './ai-model.loaders';

export const aiModelsModule: StewardModule = {
  name: 'ai-models',
  entities: [AiModel],
  resolvers: [AiModelResolver],
  permissions: aiModelPermissions,
  nodes: { AiModel: (ctx, id) => loader(ctx, aiModelById).load(id) },
};
