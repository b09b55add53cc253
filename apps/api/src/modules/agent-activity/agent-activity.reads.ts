import { ReadModel } from '../../graphql/read-model';
import { AgentActivity } from './agent-activity.entity';

export const agentActivityReads = new ReadModel(AgentActivity, { table: 'agent_activities', always: ['uuid'] });
