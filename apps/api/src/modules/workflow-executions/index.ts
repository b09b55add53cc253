import type { StewardModule } from '../module';
import { readById } from '../../graphql/read-model';
import { registerDecisionListener } from '../approvals';
import { WorkflowExecution, WorkflowExecutionEvent, WorkflowNodeRun } from './execution.entity';
import { executionReads } from './execution.reads';
import { WorkflowExecutionEventResolver, WorkflowExecutionResolver } from './execution.resolver';
import { executionPermissions } from './execution.rules';
import { wakeApprovalNode } from './execution.service';

export { backoffSeconds, runNode } from './execution-engine';
export { driveExecution, runNodeJob, startExecution } from './execution.service';
export { WorkflowExecution, WorkflowExecutionStatus, WorkflowNodeRun, WorkflowNodeRunStatus } from './execution.entity';

// An approval node waits for its request: any decision wakes it.
registerDecisionListener('workflow', (ctx, request) => wakeApprovalNode(ctx, request.uuid));

export const workflowExecutionsModule: StewardModule = {
  name: 'workflow-executions',
  entities: [WorkflowExecution, WorkflowNodeRun, WorkflowExecutionEvent],
  resolvers: [WorkflowExecutionResolver, WorkflowExecutionEventResolver],
  permissions: executionPermissions,
  nodes: { WorkflowExecution: (ctx, id, selection) => readById(ctx, executionReads, selection).load(id) },
};
