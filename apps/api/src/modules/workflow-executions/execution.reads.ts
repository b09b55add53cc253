import { ReadModel } from '../../graphql/read-model';
import { WorkflowExecution } from './execution.entity';

export const executionReads = new ReadModel(WorkflowExecution, {
  table: 'workflow_executions',
  always: ['uuid'],
  needs: { workflow: ['workflowId'], startedBy: ['startedById'] },
});
