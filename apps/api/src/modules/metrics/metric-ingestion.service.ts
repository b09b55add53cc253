import type { TenantScope } from '../../scope';
import { UserInputProblem, UserInputProblems } from '../../graphql/errors';
import { isUuid, parseGlobalId } from '../../graphql/global-id';
import { labelProblem, MAX_NAME_LENGTH, METRIC_NAME } from './metric.definitions';
import { MAX_POINTS_PER_BATCH, MetricPointInput } from './metric.inputs';
import { tenantRetention } from './metric-settings';
import { batchDigest, claimBatch, TelemetryBatchOutcome } from './telemetry-batch';

const FUTURE_MS = 5 * 60_000;
const MAX_PROBLEMS = 100;

/** A point as stored: agent as a uuid, labels sorted by name. */
interface PointRow {
  agent: string;
  name: string;
  at: string;
  value: number;
  labels: string;
}

export interface RecordedBatch {
  outcome: TelemetryBatchOutcome;
  recordedCount: number;
}

/** An Agent global id, or (for OTLP resource attributes) a bare uuid. */
export function agentUuidOf(id: string): string | null {
  const parsed = parseGlobalId(id);
  if (parsed?.type === 'Agent' && isUuid(parsed.id)) return parsed.id;
  return isUuid(id) ? id.toLowerCase() : null;
}

function sortedLabels(labels: Record<string, unknown> | null | undefined): string {
  const entries = Object.entries(labels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(Object.fromEntries(entries));
}

/** Every problem of the batch at once (up to 100), each at its point's index. */
function checkPoints(points: MetricPointInput[], rawDays: number, now: number): { rows: PointRow[]; problems: UserInputProblem[] } {
  const problems: UserInputProblem[] = [];
  if (!points.length) return { rows: [], problems: [new UserInputProblem('points', 'A batch holds at least one point')] };
  if (points.length > MAX_POINTS_PER_BATCH)
    return { rows: [], problems: [new UserInputProblem('points', `A batch holds at most ${MAX_POINTS_PER_BATCH} points; this one has ${points.length}`)] };
  const oldest = now - rawDays * 86_400_000;
  const rows = points.map((p, index): PointRow => {
    const problem = (field: string, message: string) =>
      problems.length < MAX_PROBLEMS && problems.push(new UserInputProblem(`points.${index}.${field}`, message));
    const agent = agentUuidOf(p.agentId);
    if (!agent) problem('agentId', 'agentId is not a valid Agent id');
    const name = p.name.trim();
    if (name.length > MAX_NAME_LENGTH || !METRIC_NAME.test(name)) problem('name', 'name must be lower-case dotted words (a-z, 0-9, _), at most 100 characters');
    if (!Number.isFinite(p.value)) problem('value', 'value must be a finite number');
    const at = p.at instanceof Date ? p.at.getTime() : NaN;
    if (Number.isNaN(at)) problem('at', 'at must be a date-time');
    else if (at > now + FUTURE_MS) problem('at', 'at is more than 5 minutes in the future');
    else if (at < oldest) problem('at', `at is older than the raw retention of ${rawDays} days`);
    const labelIssue = labelProblem(p.labels);
    if (labelIssue) problem('labels', labelIssue);
    return {
      agent: agent ?? '',
      name,
      at: Number.isNaN(at) ? '' : new Date(at).toISOString(),
      value: p.value,
      labels: labelIssue ? '{}' : sortedLabels(p.labels),
    };
  });
  return { rows, problems };
}

/**
 * Writes the batch's points and marks their hours for the rollup job, in one statement, unless a
 * point names an agent that is not the tenant's: then it writes nothing and says which points. A mark
 * is a plain insert (an hour may be marked more than once): it never waits for a rollup job that has
 * taken the same hour and not yet committed.
 */
async function insertPoints(ctx: TenantScope, batchId: string, rows: PointRow[]): Promise<number[]> {
  const [result]: { unknown: number[] | null }[] = await ctx.tx.manager.query(
    `WITH input AS (
       SELECT * FROM unnest($2::uuid[], $3::text[], $4::timestamptz[], $5::float8[], $6::text[]) WITH ORDINALITY AS i(agent_id, name, at, value, labels, n)),
     unknown AS (SELECT i.n - 1 AS n FROM input i WHERE NOT EXISTS (SELECT 1 FROM agents a WHERE a.id = i.agent_id AND a.tenant_id = $1)),
     inserted AS (
       INSERT INTO metric_points (tenant_id, agent_id, name, at, value, labels, batch_id)
       SELECT $1::uuid, agent_id, name, at, value, labels::jsonb, $7 FROM input WHERE NOT EXISTS (SELECT 1 FROM unknown)
       RETURNING at),
     dirty AS (
       INSERT INTO metric_rollup_dirty (tenant_id, hour)
       SELECT DISTINCT $1::uuid, date_trunc('hour', at, 'UTC') FROM inserted)
     SELECT (SELECT array_agg(n ORDER BY n) FROM (SELECT n FROM unknown ORDER BY n LIMIT ${MAX_PROBLEMS}) u) AS unknown`,
    [
      ctx.caller.tenantId,
      rows.map((r) => r.agent),
      rows.map((r) => r.name),
      rows.map((r) => r.at),
      rows.map((r) => r.value),
      rows.map((r) => r.labels),
      batchId,
    ],
  );
  return result.unknown ?? [];
}

/**
 * Records a batch of points all together or not at all, idempotent by the client's batch key.
 * Statements per batch are constant: settings, batch claim, points (with their dirty hours), audit.
 */
export async function recordMetricPoints(ctx: TenantScope, batchKey: string, points: MetricPointInput[], now = Date.now()): Promise<RecordedBatch> {
  const retention = await tenantRetention(ctx);
  const { rows, problems } = checkPoints(points, retention.rawDays, now);
  if (problems.length) throw new UserInputProblems(problems);
  const claim = await claimBatch(ctx, 'metrics', batchKey, batchDigest(rows), rows.length);
  if (claim.duplicate) return { outcome: TelemetryBatchOutcome.DUPLICATE, recordedCount: claim.count };
  const unknown = await insertPoints(ctx, claim.batchId, rows);
  if (unknown.length) throw new UserInputProblems(unknown.map((n) => new UserInputProblem(`points.${n}.agentId`, 'No such agent in this tenant')));
  const times = rows.map((r) => r.at).sort();
  await ctx.audit.record({
    action: 'metricPoints.record',
    entityType: 'MetricPoint',
    after: { batchKey: batchKey.trim(), points: rows.length, from: times[0], to: times[times.length - 1] },
  });
  return { outcome: TelemetryBatchOutcome.RECORDED, recordedCount: rows.length };
}
