import { ReadModel } from '../../graphql/read-model';
import { AiModel } from './ai-model.entity';

export const aiModelReads = new ReadModel(AiModel, { table: 'ai_models', always: ['uuid'], needs: { runsAgents: ['type'], agents: [] } });
