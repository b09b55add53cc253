import { ReadModel } from '../../graphql/read-model';
import { AgentTask } from './agent-task.entity';

export const agentTaskReads = new ReadModel(AgentTask, {
  table: 'agent_tasks',
  always: ['uuid'],
  needs: { agent: ['agentId'], execution: ['executionId'] },
});
