/**
 * Every background job's name and payload, defined once: the worker registers its tasks under these
 * names and the SQL-side enqueue functions (migrations) are written from them.
 */
export const JOB = {
  budgetCheck: 'budgets:check',
  budgetCheckAll: 'budgets:checkAll',
  budgetRollover: 'budgets:rollover',
  policyReevaluate: 'policies:reevaluate',
  waiverLapse: 'policies:waiverLapse',
} as const;

export type JobName = (typeof JOB)[keyof typeof JOB];

export interface JobPayloads {
  [JOB.budgetCheck]: { tenantId: string };
  [JOB.budgetCheckAll]: Record<string, never>;
  [JOB.budgetRollover]: Record<string, never>;
  [JOB.policyReevaluate]: { tenantId: string; runId: string };
  [JOB.waiverLapse]: { tenantId: string; violationId: string };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A job's payload, checked: a payload written by an older version or by hand fails loudly, not halfway. */
export function payloadOf<N extends JobName>(name: N, payload: unknown): JobPayloads[N] {
  const record = (payload ?? {}) as Record<string, unknown>;
  const uuids = name === JOB.budgetCheck ? ['tenantId'] : name === JOB.policyReevaluate ? ['tenantId', 'runId'] : name === JOB.waiverLapse ? ['tenantId', 'violationId'] : [];
  for (const key of uuids) {
    if (typeof record[key] !== 'string' || !UUID.test(record[key] as string)) throw new Error(`job ${name}: payload.${key} must be a uuid`);
  }
  return record as JobPayloads[N];
}
