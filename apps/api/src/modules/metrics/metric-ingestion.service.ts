import type { TenantScope } from '../../scope';
import { UserInputProblem, UserInputProblems } from '../../graphql/errors';
import { isUuid, parseGlobalId } from '../../graphql/global-id';
import { labelProblem, MAX_NAME_LENGTH, METRIC_NAME } from './metric.definitions';
import { MAX_POINTS_PER_BATCH, MetricPointInput } from './metric.inputs';
import { DEFAULT_RETENTION, retentionGuess, retentionRead, SETTINGS_SQL, SettingsRow, tenantRetention } from './metric-settings';
import { batchDigest, batchKeyConflict, storedBatch, TelemetryBatchOutcome } from './telemetry-batch';

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
  if (!labels) return '{}';
  const keys = Object.keys(labels);
  if (keys.length < 2) return JSON.stringify(labels);
  const entries = Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(Object.fromEntries(entries));
}

/** Every problem of the batch at once (up to 100), each at its point's index. Agent ids and names repeat: each is checked once. */
function checkPoints(points: MetricPointInput[], rawDays: number, now: number): { rows: PointRow[]; problems: UserInputProblem[] } {
  const problems: UserInputProblem[] = [];
  if (!points.length) return { rows: [], problems: [new UserInputProblem('points', 'A batch holds at least one point')] };
  if (points.length > MAX_POINTS_PER_BATCH)
    return { rows: [], problems: [new UserInputProblem('points', `A batch holds at most ${MAX_POINTS_PER_BATCH} points; this one has ${points.length}`)] };
  const oldest = now - rawDays * 86_400_000;
  const agents = new Map<string, string | null>();
  const names = new Map<string, string | null>();
  const rows = points.map((p, index): PointRow => {
    const problem = (field: string, message: string) =>
      problems.length < MAX_PROBLEMS && problems.push(new UserInputProblem(`points.${index}.${field}`, message));
    let agent = agents.get(p.agentId);
    if (agent === undefined) agents.set(p.agentId, (agent = agentUuidOf(p.agentId)));
    if (!agent) problem('agentId', 'agentId is not a valid Agent id');
    let name = names.get(p.name);
    if (name === undefined) {
      const trimmed = p.name.trim();
      names.set(p.name, (name = trimmed.length <= MAX_NAME_LENGTH && METRIC_NAME.test(trimmed) ? trimmed : null));
    }
    if (name === null) problem('name', 'name must be lower-case dotted words (a-z, 0-9, _), at most 100 characters');
    if (!Number.isFinite(p.value)) problem('value', 'value must be a finite number');
    const at = p.at instanceof Date ? p.at.getTime() : NaN;
    if (Number.isNaN(at)) problem('at', 'at must be a date-time');
    else if (at > now + FUTURE_MS) problem('at', 'at is more than 5 minutes in the future');
    else if (at < oldest) problem('at', `at is older than the raw retention of ${rawDays} days`);
    const labelIssue = labelProblem(p.labels);
    if (labelIssue) problem('labels', labelIssue);
    return {
      agent: agent ?? '',
      name: name ?? p.name.trim(),
      at: Number.isNaN(at) ? '' : (p.at as Date).toISOString(),
      value: p.value,
      labels: labelIssue ? '{}' : sortedLabels(p.labels),
    };
  });
  return { rows, problems };
}

/** A PostgreSQL array literal of values that need no quoting inside one (uuids, ISO timestamps, finite numbers) or only double quotes (metric names). */
function arrayLiteral(values: readonly (string | number)[], quote = false): string {
  return quote ? `{"${values.join('","')}"}` : `{${values.join(',')}}`;
}

type Written =
  | { kind: 'recorded' }
  | { kind: 'unclaimed'; stored: { digest: string; item_count: number } | null }
  | { kind: 'unknownAgents'; agents: string[] }
  | { kind: 'settingsChanged'; settings: SettingsRow };

/**
 * The batch in one statement: checks the agents (each distinct agent once) and that the tenant's raw retention is
 * still what the points were checked against, claims the batch key, writes the points, marks their hours for the
 * rollup job and adds the audit entry, which comes last (it reads the points written, so the tenant's audit chain
 * head is locked only once they are in, until commit). When an agent is not the tenant's, the settings changed, or
 * the key was claimed before, it writes nothing but what the savepoint undoes, and says why. A mark is a plain
 * insert (an hour may be marked more than once): it never waits for a rollup job that has taken the same hour.
 */
async function writeBatch(ctx: TenantScope, batchKey: string, digest: string, rows: PointRow[], rawDays: number): Promise<Written> {
  const agents = [...new Set(rows.map((r) => r.agent))];
  const hours = [...new Set(rows.map((r) => Math.floor(Date.parse(r.at) / 3_600_000) * 3_600_000))].map((h) => new Date(h).toISOString());
  const times = rows.map((r) => r.at).sort();
  const params: unknown[] = [
    ctx.caller.tenantId,
    arrayLiteral(agents),
    rawDays,
    batchKey,
    digest,
    rows.length,
    ctx.caller.userId,
    ctx.caller.apiKeyId,
    arrayLiteral(rows.map((r) => r.agent)),
    arrayLiteral(
      rows.map((r) => r.name),
      true,
    ),
    arrayLiteral(rows.map((r) => r.at)),
    arrayLiteral(rows.map((r) => r.value)),
    `[${rows.map((r) => r.labels).join(',')}]`,
    arrayLiteral(hours),
  ];
  const audit = ctx.audit.statement(
    { action: 'metricPoints.record', entityType: 'MetricPoint', after: { batchKey, points: rows.length, from: times[0], to: times[times.length - 1] } },
    params.length + 1,
    '(SELECT count(*) FROM inserted) > 0',
  );
  const [result]: {
    batch_id: string | null;
    unknown_agents: string[] | null;
    settings: SettingsRow;
    settings_match: boolean;
    stored: { digest: string; item_count: number } | null;
  }[] = await ctx.tx.manager.query(
    `WITH settings AS (${SETTINGS_SQL} WHERE t.id = $1),
     unknown_agents AS (SELECT a FROM unnest($2::uuid[]) AS a WHERE NOT EXISTS (SELECT 1 FROM agents g WHERE g.id = a AND g.tenant_id = $1)),
     checked AS (SELECT least(coalesce(raw_days, ${DEFAULT_RETENTION.rawDays}), plan_raw_days) = $3 AS settings_match FROM settings),
     claimed AS (
       INSERT INTO telemetry_batches (tenant_id, kind, batch_key, digest, item_count, recorded_by_user_id, recorded_by_api_key_id)
       SELECT $1, 'metrics', $4::text, $5::text, $6::int, $7::uuid, $8::uuid FROM checked WHERE settings_match
       ON CONFLICT (tenant_id, kind, batch_key) DO NOTHING RETURNING id),
     inserted AS (
       INSERT INTO metric_points (tenant_id, agent_id, name, at, value, labels, batch_id)
       SELECT $1::uuid, p.agent_id, p.name, p.at, p.value, p.labels, c.id
       FROM claimed c, ROWS FROM (unnest($9::uuid[]), unnest($10::text[]), unnest($11::timestamptz[]), unnest($12::float8[]), jsonb_array_elements($13::jsonb))
         AS p(agent_id, name, at, value, labels)
       WHERE NOT EXISTS (SELECT 1 FROM unknown_agents)
       RETURNING 1),
     dirty AS (
       INSERT INTO metric_rollup_dirty (tenant_id, hour)
       SELECT $1::uuid, h FROM unnest($14::timestamptz[]) AS h WHERE (SELECT count(*) FROM inserted) > 0),
     audit AS (${audit.sql})
     SELECT (SELECT id FROM claimed) AS batch_id,
            (SELECT array_agg(a) FROM unknown_agents) AS unknown_agents,
            (SELECT row_to_json(s) FROM settings s) AS settings,
            (SELECT settings_match FROM checked) AS settings_match,
            (SELECT json_build_object('digest', digest, 'item_count', item_count) FROM telemetry_batches
              WHERE tenant_id = $1 AND kind = 'metrics' AND batch_key = $4) AS stored`,
    [...params, ...audit.params],
  );
  if (!result.settings) throw new Error(`tenant ${ctx.caller.tenantId} has no plan`);
  if (!result.settings_match) return { kind: 'settingsChanged', settings: result.settings };
  if (!result.batch_id) return { kind: 'unclaimed', stored: result.stored };
  if (result.unknown_agents?.length) return { kind: 'unknownAgents', agents: result.unknown_agents };
  return { kind: 'recorded' };
}

/**
 * Records a batch of points all together or not at all, idempotent by the client's batch key, in one statement
 * (writeBatch). The points are checked against the tenant's raw retention as this process last read it; when the
 * statement finds it changed, they are checked again and the statement sent again. The caller's savepoint undoes
 * whatever a refused batch wrote.
 */
export async function recordMetricPoints(ctx: TenantScope, batchKey: string, points: MetricPointInput[], now = Date.now()): Promise<RecordedBatch> {
  const key = batchKey.trim();
  let retention = retentionGuess(ctx) ?? (await tenantRetention(ctx));
  // A second pass only when the settings changed since this process last read them; a third, if they changed again.
  for (let attempt = 1; ; attempt++) {
    const { rows, problems } = checkPoints(points, retention.rawDays, now);
    if (problems.length) throw new UserInputProblems(problems);
    if (!key || key.length > 200) throw new UserInputProblem('batchKey', 'batchKey must be 1 to 200 characters');
    const digest = batchDigest(rows);
    const written = await writeBatch(ctx, key, digest, rows, retention.rawDays);
    switch (written.kind) {
      case 'recorded':
        return { outcome: TelemetryBatchOutcome.RECORDED, recordedCount: rows.length };
      case 'settingsChanged':
        if (attempt === 3) throw new Error('the metric retention settings kept changing while a batch was recorded');
        retention = retentionRead(ctx, written.settings);
        continue;
      case 'unknownAgents': {
        const unknown = new Set(written.agents);
        const at = rows.flatMap((r, n) => (unknown.has(r.agent) ? [n] : [])).slice(0, MAX_PROBLEMS);
        throw new UserInputProblems(at.map((n) => new UserInputProblem(`points.${n}.agentId`, 'No such agent in this tenant')));
      }
      case 'unclaimed': {
        // Claimed before: a retry when the content is the same. Not in this statement's snapshot when another
        // transaction with the same key committed while it waited: then read in a statement of its own.
        const stored = written.stored ?? (await storedBatch(ctx, 'metrics', key));
        if (stored?.digest !== digest) throw batchKeyConflict();
        return { outcome: TelemetryBatchOutcome.DUPLICATE, recordedCount: stored.item_count };
      }
    }
  }
}
