import { budgetReaders, builders, moneyReaders, processAuthors, violationReaders } from '../../auth/role-groups';
import { PermissionMap } from '../../auth/rules';

/**
 * Executions are read by those who read policies' decisions and run by process authors. AI agent
 * tasks are agent telemetry (budget readers see them), their cost is money; runtimes claim and report
 * with a developer key (or an admin's).
 */
export const executionPermissions: PermissionMap = {
  Query: { workflowExecutions: violationReaders, workflowExecution: violationReaders, agentTask: budgetReaders },
  Mutation: {
    workflowRun: processAuthors,
    workflowExecutionCancel: processAuthors,
    workflowExecutionNodeRetry: processAuthors,
    agentTasksClaim: builders,
    agentTaskProgress: builders,
    agentTaskComplete: builders,
  },
  WorkflowExecution: { '*': violationReaders },
  WorkflowExecutionConnection: { '*': violationReaders },
  WorkflowExecutionEdge: { '*': violationReaders },
  WorkflowNodeRun: { '*': violationReaders },
  WorkflowExecutionEvent: { '*': violationReaders },
  WorkflowExecutionPayload: { '*': processAuthors },
  Agent: { tasks: budgetReaders, taskTotals: budgetReaders },
  AgentTask: { '*': budgetReaders, cost: moneyReaders, execution: violationReaders },
  AgentTaskConnection: { '*': budgetReaders },
  AgentTaskEdge: { '*': budgetReaders },
  AgentTaskTotals: { '*': budgetReaders, cost: moneyReaders },
  AgentTaskPayload: { '*': builders },
  AgentTasksClaimPayload: { '*': builders },
};
