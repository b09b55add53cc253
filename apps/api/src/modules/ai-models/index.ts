import type { StewardModule } from '../module';
import { readById } from '../../graphql/read-model';
import { aiModelReads } from './ai-model.reads';
import { AiModel } from './ai-model.entity';
import { AiModelResolver } from './ai-model.resolver';
import { aiModelPermissions } from './ai-model.rules';

export { AGENT_MODEL_TYPES, AiModel, AiModelStatus } from './ai-model.entity';
export { aiModelById } from './ai-model.loaders';
export { aiModelReads } from './ai-model.reads';

export const aiModelsModule: StewardModule = {
  name: 'ai-models',
  entities: [AiModel],
  resolvers: [AiModelResolver],
  permissions: aiModelPermissions,
  nodes: { AiModel: (ctx, id, selection) => readById(ctx, aiModelReads, selection).load(id) },
};
