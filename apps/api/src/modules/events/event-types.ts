import { registerEnumType } from 'type-graphql';

/** A payload field of an event type: its JSON kind and what it means. */
interface PayloadField {
  kind: 'string' | 'number' | 'uuid' | 'date' | 'datetime' | 'string|null' | 'uuid|null' | 'number|null' | 'date|null' | 'datetime|null';
  description: string;
}

interface EventTypeDefinition {
  description: string;
  /** GraphQL type name of what the event is about. */
  subject: string;
  payload: Record<string, PayloadField>;
}

/**
 * Every domain event type, defined once. The database emits them (triggers of migration
 * 17662000000000, in the transaction of the change, so an event exists exactly when its change
 * committed); docs/events.md, the GraphQL enum DomainEventType and the tests are made from this list.
 * A payload changes only by adding fields; anything else is a new schema version.
 */
export const EVENT_TYPES = {
  'agent.created': {
    description: 'An agent was registered (as a draft)',
    subject: 'Agent',
    payload: { name: { kind: 'string', description: 'Name of the agent' }, status: { kind: 'string', description: 'Lifecycle status it starts in' } },
  },
  'agent.lifecycle.changed': {
    description: "An agent's lifecycle status changed (deployed, suspended, resumed, archived)",
    subject: 'Agent',
    payload: {
      name: { kind: 'string', description: 'Name of the agent' },
      from: { kind: 'string', description: 'Status before: draft, deployed, suspended or archived' },
      to: { kind: 'string', description: 'Status after' },
    },
  },
  'agent.deploy.requested': {
    description:
      'Someone asked to deploy an agent; written whether the deploy went through at once or was held for approval (not again when an approval applies it)',
    subject: 'Agent',
    payload: {
      name: { kind: 'string', description: 'Name of the agent' },
      status: { kind: 'string', description: 'Lifecycle status when the deploy was asked for' },
    },
  },
  'policy.decision.warned': {
    description: 'A policy in warn mode judged a change to an agent a violation and let it through with a warning',
    subject: 'PolicyDecision',
    payload: {
      policyId: { kind: 'uuid', description: 'The policy' },
      agentId: { kind: 'uuid|null', description: 'The agent judged' },
      agentName: { kind: 'string', description: 'Name of the agent at the time' },
      ruleName: { kind: 'string', description: 'The rule that was broken' },
      trigger: { kind: 'string', description: 'What was judged: create, update, deploy, suspend, resume, archive or reevaluation' },
    },
  },
  'policy.decision.blocked': {
    description: 'A policy in block mode refused a change to an agent',
    subject: 'PolicyDecision',
    payload: {
      policyId: { kind: 'uuid', description: 'The policy' },
      agentId: { kind: 'uuid|null', description: 'The agent judged' },
      agentName: { kind: 'string', description: 'Name of the agent at the time' },
      ruleName: { kind: 'string', description: 'The rule that was broken' },
      trigger: { kind: 'string', description: 'What was judged: create, update, deploy, suspend, resume, archive or reevaluation' },
    },
  },
  'violation.opened': {
    description: 'A policy violation was recorded (open, or blocked when the change was refused)',
    subject: 'PolicyViolation',
    payload: {
      policyId: { kind: 'uuid', description: 'The policy broken' },
      agentId: { kind: 'uuid|null', description: 'The agent, when the violation is about one' },
      agentName: { kind: 'string', description: 'Name of the agent (or design) at the time' },
      severity: { kind: 'string', description: 'critical, high, medium or low' },
      enforcement: { kind: 'string', description: 'The policy mode: audit, warn, block or require_approval' },
      status: { kind: 'string', description: 'open or blocked' },
      message: { kind: 'string', description: 'What is wrong, in words' },
    },
  },
  'violation.resolved': {
    description: 'A violation no longer holds (the agent was fixed, or the policy changed)',
    subject: 'PolicyViolation',
    payload: { policyId: { kind: 'uuid', description: 'The policy' }, agentName: { kind: 'string', description: 'Name of the agent at the time' } },
  },
  'violation.waived': {
    description: 'A violation was waived, with a reason and possibly an expiry',
    subject: 'PolicyViolation',
    payload: {
      policyId: { kind: 'uuid', description: 'The policy' },
      agentName: { kind: 'string', description: 'Name of the agent at the time' },
      reason: { kind: 'string', description: 'Why it was waived' },
      expiresAt: { kind: 'datetime|null', description: 'When the waiver lapses; null when it does not' },
    },
  },
  'violation.reopened': {
    description: 'A waived or resolved violation counts again (a waiver lapsed or was revoked)',
    subject: 'PolicyViolation',
    payload: { policyId: { kind: 'uuid', description: 'The policy' }, agentName: { kind: 'string', description: 'Name of the agent at the time' } },
  },
  'policy.reevaluation.queued': {
    description: "A re-evaluation of a policy's current version against everything in its scope was queued",
    subject: 'PolicyEvaluationRun',
    payload: {
      policyId: { kind: 'uuid', description: 'The policy' },
      policyVersion: { kind: 'number', description: 'The version being applied' },
      total: { kind: 'number', description: 'Agents (or designs) in scope when it was queued' },
    },
  },
  'policy.reevaluation.progressed': {
    description: 'A re-evaluation run moved on: it started, a batch committed, or it succeeded, failed or was cancelled',
    subject: 'PolicyEvaluationRun',
    payload: {
      policyId: { kind: 'uuid', description: 'The policy' },
      status: { kind: 'string', description: 'queued, running, succeeded, failed or cancelled' },
      processed: { kind: 'number', description: 'Agents (or designs) judged so far' },
      total: { kind: 'number', description: 'Agents (or designs) in scope' },
      violationsFound: { kind: 'number', description: 'Rule violations found so far' },
    },
  },
  'alert.raised': {
    description: 'An alert was raised (budget threshold, metric rule, agent health or compliance)',
    subject: 'Alert',
    payload: {
      source: { kind: 'string', description: 'budget, metric_rule, health or compliance' },
      severity: { kind: 'string', description: 'info, warning or critical' },
      message: { kind: 'string', description: 'What happened, in words' },
      agentId: { kind: 'uuid|null', description: 'The agent it is about, when one' },
      budgetId: { kind: 'uuid|null', description: 'The budget it is about, for budget alerts' },
    },
  },
  'alert.acknowledged': {
    description: 'Someone acknowledged an alert',
    subject: 'Alert',
    payload: { severity: { kind: 'string', description: 'info, warning or critical' }, message: { kind: 'string', description: 'The alert text' } },
  },
  'alert.resolved': {
    description: 'An alert was resolved (by someone, or by itself at the end of its period or episode)',
    subject: 'Alert',
    payload: { severity: { kind: 'string', description: 'info, warning or critical' }, message: { kind: 'string', description: 'The alert text' } },
  },
  'budget.threshold.crossed': {
    description: "A budget's spend crossed one of its thresholds in the current period",
    subject: 'Budget',
    payload: {
      alertId: { kind: 'uuid', description: 'The alert raised for it' },
      threshold: { kind: 'number', description: 'The percentage crossed' },
      severity: { kind: 'string', description: 'info, warning or critical' },
      periodStart: { kind: 'date', description: 'First day of the period' },
      spend: { kind: 'string', description: 'Spend in the period when it was crossed, as a decimal string' },
    },
  },
  'approval.requested': {
    description: 'A decision was asked for (an approval request was opened)',
    subject: 'ApprovalRequest',
    payload: {
      kind: { kind: 'string', description: 'agent_change, policy_change, workflow or manual' },
      title: { kind: 'string', description: 'What is asked' },
      deadline: { kind: 'datetime|null', description: 'When it escalates or decides by default; null without a deadline' },
    },
  },
  'approval.step.opened': {
    description: "An approval request passed on to its next step: that step's deciders are asked now (the first step opens with approval.requested)",
    subject: 'ApprovalRequest',
    payload: {
      kind: { kind: 'string', description: 'agent_change, policy_change, workflow or manual' },
      title: { kind: 'string', description: 'What is asked' },
      level: { kind: 'number', description: 'The step that opened, counted from 1' },
      step: { kind: 'string', description: 'Name of the step' },
      deadline: { kind: 'datetime|null', description: "When the step's timeout acts; null without one" },
    },
  },
  'approval.decision.recorded': {
    description:
      'Someone approved or rejected an approval request and its step still waits for more decisions (a decision that closes the step is announced by approval.step.opened or approval.decided instead)',
    subject: 'ApprovalRequest',
    payload: {
      kind: { kind: 'string', description: 'agent_change, policy_change, workflow or manual' },
      title: { kind: 'string', description: 'What is asked' },
      level: { kind: 'number', description: 'The step decided on, counted from 1' },
      step: { kind: 'string', description: 'Name of the step' },
      decision: { kind: 'string', description: 'approve or reject' },
      approvals: { kind: 'number', description: 'Approvals of the step so far, this one included' },
      rejections: { kind: 'number', description: 'Rejections of the step so far, this one included' },
    },
  },
  'approval.comment.added': {
    description: "Someone commented on an approval request (the comment's text is not in the event; read the request)",
    subject: 'ApprovalRequest',
    payload: {
      kind: { kind: 'string', description: 'agent_change, policy_change, workflow or manual' },
      title: { kind: 'string', description: 'What is asked' },
      commentId: { kind: 'uuid', description: 'The comment written' },
    },
  },
  'approval.decided': {
    description: 'An approval request ended: approved, rejected, expired or cancelled',
    subject: 'ApprovalRequest',
    payload: {
      kind: { kind: 'string', description: 'agent_change, policy_change, workflow or manual' },
      title: { kind: 'string', description: 'What was asked' },
      status: { kind: 'string', description: 'approved, rejected, expired or cancelled' },
    },
  },
  'evidence.expiring': {
    description: 'Compliance evidence is near its renewal date (the expiry sweep warned ahead of time)',
    subject: 'ComplianceEvidence',
    payload: {
      title: { kind: 'string', description: 'Title of the evidence' },
      controlId: { kind: 'uuid', description: 'The control it supports' },
      renewalDue: { kind: 'date|null', description: 'When it must be renewed' },
    },
  },
  'evidence.expired': {
    description: 'Compliance evidence passed its renewal date and no longer counts',
    subject: 'ComplianceEvidence',
    payload: {
      title: { kind: 'string', description: 'Title of the evidence' },
      controlId: { kind: 'uuid', description: 'The control it supported' },
      renewalDue: { kind: 'date|null', description: 'When it was due' },
    },
  },
  'member.added': {
    description: 'A user became a member of the tenant',
    subject: 'User',
    payload: { role: { kind: 'string', description: 'Their role' } },
  },
  'member.role.changed': {
    description: "A member's role changed",
    subject: 'User',
    payload: { from: { kind: 'string', description: 'Role before' }, to: { kind: 'string', description: 'Role after' } },
  },
  'member.removed': {
    description: 'A member left or was removed from the tenant',
    subject: 'User',
    payload: { role: { kind: 'string', description: 'The role they had' } },
  },
  'api_key.created': {
    description: 'An API key was created',
    subject: 'ApiKey',
    payload: {
      name: { kind: 'string', description: 'Name of the key' },
      role: { kind: 'string', description: 'Role the key acts with' },
      prefix: { kind: 'string', description: 'The visible start of the secret' },
    },
  },
  'api_key.revoked': {
    description: 'An API key was revoked',
    subject: 'ApiKey',
    payload: { name: { kind: 'string', description: 'Name of the key' } },
  },
} as const satisfies Record<string, EventTypeDefinition>;

export type EventTypeName = keyof typeof EVENT_TYPES;

/** Payloads as they are written now; older events keep the version they were written with. */
export const EVENT_SCHEMA_VERSION = 1;

/** The GraphQL enum: keys upper case, values the type as stored and as webhooks and subscriptions name it. */
export const DomainEventType = Object.fromEntries(Object.keys(EVENT_TYPES).map((type) => [enumKey(type), type])) as Record<string, EventTypeName>;

export function enumKey(type: string): string {
  return type.toUpperCase().replace(/\./g, '_');
}

registerEnumType(DomainEventType, {
  name: 'DomainEventType',
  description: 'What happened: every type of domain event, as listed in docs/events.md',
  valuesConfig: Object.fromEntries(Object.entries(EVENT_TYPES).map(([type, def]) => [enumKey(type), { description: `${type}: ${def.description}` }])),
});
