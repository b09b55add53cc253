import { WorkflowEvent, WorkflowExecutionStatus, WorkflowTriggerKind, WorkflowType } from '../../gql/graphql';

export const TYPE_LABEL: Record<WorkflowType, string> = {
  [WorkflowType.Approval]: 'Approval',
  [WorkflowType.Notification]: 'Notification',
  [WorkflowType.Automation]: 'Automation',
  [WorkflowType.Compliance]: 'Compliance',
};

export const TRIGGER_LABEL: Record<WorkflowTriggerKind, string> = {
  [WorkflowTriggerKind.Manual]: 'Started by hand',
  [WorkflowTriggerKind.Schedule]: 'On a schedule',
  [WorkflowTriggerKind.Webhook]: 'By a webhook',
  [WorkflowTriggerKind.Event]: 'On a Steward event',
};

/** The Steward events a workflow can start on, as people name them. */
export const EVENT_LABEL: Record<WorkflowEvent, string> = {
  [WorkflowEvent.AgentDeployRequested]: 'agent.deploy.requested: a deploy was asked for',
  [WorkflowEvent.ApprovalDecided]: 'approval.decided: an approval request was decided',
  [WorkflowEvent.BudgetThresholdCrossed]: 'budget.threshold.crossed: spend crossed a budget threshold',
  [WorkflowEvent.EvidenceExpiring]: 'evidence.expiring: compliance evidence is about to expire',
  [WorkflowEvent.ViolationOpened]: 'violation.opened: a policy violation opened',
};
export const eventOptions = Object.values(WorkflowEvent).map((value) => ({ value, label: EVENT_LABEL[value] }));

export const typeOptions = Object.values(WorkflowType).map((value) => ({ value, label: TYPE_LABEL[value] }));
export const triggerOptions = Object.values(WorkflowTriggerKind).map((value) => ({ value, label: TRIGGER_LABEL[value] }));

export function triggerText(trigger: { kind: WorkflowTriggerKind; cron: string | null; event: WorkflowEvent | null }): string {
  if (trigger.kind === WorkflowTriggerKind.Schedule) return `Schedule: ${trigger.cron ?? '—'}`;
  if (trigger.kind === WorkflowTriggerKind.Event) return `On ${trigger.event ? EVENT_LABEL[trigger.event].split(':')[0] : '—'}`;
  return TRIGGER_LABEL[trigger.kind];
}

export const EXECUTION_COLOR: Record<WorkflowExecutionStatus, string> = {
  [WorkflowExecutionStatus.Running]: 'blue',
  [WorkflowExecutionStatus.Succeeded]: 'teal',
  [WorkflowExecutionStatus.Failed]: 'red',
  [WorkflowExecutionStatus.Cancelled]: 'gray',
};
