import type { StewardModule } from '../module';
import { readById } from '../../graphql/read-model';
import { registerDecisionListener } from '../approvals';
import { AgentTask } from './agent-task.entity';
import { agentTaskReads } from './agent-task.reads';
import { AgentTaskResolver, AgentTasksOfAgentResolver, AgentTasksOfExecutionResolver } from './agent-task.resolver';
import { WorkflowExecution, WorkflowExecutionEvent, WorkflowNodeRun } from './execution.entity';
import { executionReads } from './execution.reads';
import { WorkflowExecutionEventResolver, WorkflowExecutionResolver, WorkflowNodeRunResolver } from './execution.resolver';
import { executionPermissions } from './execution.rules';
import { wakeApprovalNode } from './execution.service';

export { backoffSeconds, runNode } from './execution-engine';
export { cancelExecution, driveExecution, runNodeJob, startExecution } from './execution.service';
export { claimTasks, completeTask } from './agent-task.service';
export { fireAllSchedules, fireEventJob, fireSchedules, workflowHooksRouter } from './workflow-triggers';
export { AgentTaskOutcome } from './agent-task.entity';
export { AgentTask, AgentTaskStatus } from './agent-task.entity';
export { WorkflowExecution, WorkflowExecutionStatus, WorkflowNodeRun, WorkflowNodeRunStatus } from './execution.entity';

// An approval node waits for its request: any decision wakes it.
registerDecisionListener('workflow', (ctx, request) => wakeApprovalNode(ctx, request.uuid));

export const workflowExecutionsModule: StewardModule = {
  name: 'workflow-executions',
  entities: [WorkflowExecution, WorkflowNodeRun, WorkflowExecutionEvent, AgentTask],
  resolvers: [
    WorkflowExecutionResolver,
    WorkflowExecutionEventResolver,
    WorkflowNodeRunResolver,
    AgentTaskResolver,
    AgentTasksOfAgentResolver,
    AgentTasksOfExecutionResolver,
  ],
  permissions: executionPermissions,
  nodes: {
    WorkflowExecution: (ctx, id, selection) => readById(ctx, executionReads, selection).load(id),
    AgentTask: (ctx, id, selection) => readById(ctx, agentTaskReads, selection).load(id),
  },
};
