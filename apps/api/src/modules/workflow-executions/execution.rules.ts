import { processAuthors, violationReaders } from '../../auth/role-groups';
import { PermissionMap } from '../../auth/rules';

export const executionPermissions: PermissionMap = {
  Query: { workflowExecutions: violationReaders, workflowExecution: violationReaders },
  Mutation: { workflowRun: processAuthors, workflowExecutionCancel: processAuthors, workflowExecutionNodeRetry: processAuthors },
  WorkflowExecution: { '*': violationReaders },
  WorkflowExecutionConnection: { '*': violationReaders },
  WorkflowExecutionEdge: { '*': violationReaders },
  WorkflowNodeRun: { '*': violationReaders },
  WorkflowExecutionEvent: { '*': violationReaders },
  WorkflowExecutionPayload: { '*': processAuthors },
};
