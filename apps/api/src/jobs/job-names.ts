/**
 * Every background job, defined once: its name, its payload's fields and who queues it. The worker
 * registers its tasks under these names and checks payloads against these fields; the SQL-side
 * enqueue functions (migrations) are written from them, and jobs.test.ts reads those functions back
 * from the database to hold both sides to this list.
 */
interface JobDefinition {
  name: string;
  /** Payload fields and their kind; every job payload field is a uuid so far. */
  payload: Record<string, 'uuid'>;
  /** database: a steward.enqueue_* function, in the transaction that asks; schedule: the worker's crontab; worker: another task. */
  queuedBy: readonly ('database' | 'schedule' | 'worker')[];
}

export const JOBS = {
  budgetCheck: { name: 'budgets:check', payload: { tenantId: 'uuid' }, queuedBy: ['database', 'worker'] },
  budgetCheckAll: { name: 'budgets:checkAll', payload: {}, queuedBy: ['schedule'] },
  budgetRollover: { name: 'budgets:rollover', payload: {}, queuedBy: ['schedule'] },
  policyReevaluate: { name: 'policies:reevaluate', payload: { tenantId: 'uuid', runId: 'uuid' }, queuedBy: ['database'] },
  waiverLapse: { name: 'policies:waiverLapse', payload: { tenantId: 'uuid', violationId: 'uuid' }, queuedBy: ['database'] },
  metricsRollup: { name: 'metrics:rollup', payload: {}, queuedBy: ['schedule', 'worker'] },
  metricsPartitions: { name: 'metrics:partitions', payload: {}, queuedBy: ['schedule'] },
  healthSilence: { name: 'health:silence', payload: {}, queuedBy: ['schedule'] },
  alertRulesEvaluate: { name: 'alertRules:evaluate', payload: {}, queuedBy: ['schedule'] },
  complianceRefresh: { name: 'compliance:refresh', payload: { tenantId: 'uuid' }, queuedBy: ['database'] },
  complianceSweep: { name: 'compliance:sweep', payload: {}, queuedBy: ['schedule'] },
  complianceSnapshot: { name: 'compliance:snapshot', payload: {}, queuedBy: ['schedule'] },
  complianceExceptionLapse: { name: 'compliance:exceptionLapse', payload: { tenantId: 'uuid', exceptionId: 'uuid' }, queuedBy: ['database'] },
  complianceExport: { name: 'compliance:export', payload: { tenantId: 'uuid', exportId: 'uuid' }, queuedBy: ['database'] },
  approvalDeadline: { name: 'approvals:deadline', payload: { tenantId: 'uuid', requestId: 'uuid' }, queuedBy: ['database'] },
  workflowNode: { name: 'workflows:node', payload: { tenantId: 'uuid', nodeRunId: 'uuid' }, queuedBy: ['database'] },
  eventsPrune: { name: 'events:prune', payload: {}, queuedBy: ['schedule'] },
  workflowSchedule: { name: 'workflows:schedule', payload: {}, queuedBy: ['schedule'] },
  webhookDeliver: { name: 'webhooks:deliver', payload: { tenantId: 'uuid', deliveryId: 'uuid' }, queuedBy: ['database'] },
  trialExpiry: { name: 'plans:trialExpiry', payload: {}, queuedBy: ['schedule'] },
  workflowEvent: { name: 'workflows:event', payload: { tenantId: 'uuid', eventId: 'uuid' }, queuedBy: ['database'] },
  mailSend: { name: 'mail:send', payload: { mailId: 'uuid' }, queuedBy: ['database'] },
  deletedPurge: { name: 'data:purgeDeleted', payload: {}, queuedBy: ['schedule'] },
  credentialRetention: { name: 'data:credentialRetention', payload: {}, queuedBy: ['schedule'] },
  channelDeliver: { name: 'channels:deliver', payload: { tenantId: 'uuid', deliveryId: 'uuid' }, queuedBy: ['database'] },
  personalDataExport: { name: 'personalData:export', payload: { tenantId: 'uuid', exportId: 'uuid' }, queuedBy: ['database'] },
} as const satisfies Record<string, JobDefinition>;

type JobKey = keyof typeof JOBS;

/** Job names by key, for code and SQL templates: JOB.budgetCheck is 'budgets:check'. */
export const JOB = Object.fromEntries(Object.entries(JOBS).map(([key, job]) => [key, job.name])) as { readonly [K in JobKey]: (typeof JOBS)[K]['name'] };

export type JobName = (typeof JOB)[JobKey];

export type JobPayloads = {
  [K in JobKey as (typeof JOBS)[K]['name']]: { [F in keyof (typeof JOBS)[K]['payload']]: string };
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const byName = new Map<string, JobDefinition>(Object.values(JOBS).map((job) => [job.name, job]));

export function jobDefinition(name: string): JobDefinition | undefined {
  return byName.get(name);
}

/** A job's payload, checked against its definition: a payload written by an older version or by hand fails loudly, not halfway. */
export function payloadOf<N extends JobName>(name: N, payload: unknown): JobPayloads[N] {
  const job = byName.get(name);
  if (!job) throw new Error(`job ${name}: not a defined job`);
  const record = (payload ?? {}) as Record<string, unknown>;
  for (const [key, kind] of Object.entries(job.payload)) {
    const value = record[key];
    if (kind === 'uuid' && (typeof value !== 'string' || !UUID.test(value))) throw new Error(`job ${name}: payload.${key} must be a uuid`);
  }
  return record as JobPayloads[N];
}
