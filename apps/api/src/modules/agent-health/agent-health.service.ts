import type { TenantScope } from '../../scope';
import { UserInputProblem, UserInputProblems } from '../../graphql/errors';
import { agentUuidOf, batchDigest, claimBatch, TelemetryBatchOutcome, tenantRetention } from '../metrics';
import { AgentHealthReportInput, MAX_REPORTS_PER_BATCH } from './agent-health.inputs';
import { AgentHealthStatus } from './agent-health.types';

const FUTURE_MS = 5 * 60_000;

interface ReportRow {
  agent: string;
  at: string;
  status: string;
  cpu: number | null;
  memory: number | null;
  restarts: number | null;
  message: string | null;
}

interface Transition {
  agent_id: string;
  status: string;
  since: Date;
  was: string | null;
}

function checkReports(reports: AgentHealthReportInput[], rawDays: number, now: number): { rows: ReportRow[]; problems: UserInputProblem[] } {
  const problems: UserInputProblem[] = [];
  if (!reports.length) return { rows: [], problems: [new UserInputProblem('reports', 'A batch holds at least one report')] };
  if (reports.length > MAX_REPORTS_PER_BATCH)
    return { rows: [], problems: [new UserInputProblem('reports', `A batch holds at most ${MAX_REPORTS_PER_BATCH} reports; this one has ${reports.length}`)] };
  const rows = reports.map((r, index): ReportRow => {
    const problem = (field: string, message: string) => problems.length < 100 && problems.push(new UserInputProblem(`reports.${index}.${field}`, message));
    const agent = agentUuidOf(r.agentId);
    if (!agent) problem('agentId', 'agentId is not a valid Agent id');
    if (r.status === AgentHealthStatus.UNKNOWN) problem('status', 'UNKNOWN cannot be reported');
    const at = r.at ? r.at.getTime() : now;
    if (Number.isNaN(at)) problem('at', 'at must be a date-time');
    else if (at > now + FUTURE_MS) problem('at', 'at is more than 5 minutes in the future');
    else if (at < now - rawDays * 86_400_000) problem('at', `at is older than the raw retention of ${rawDays} days`);
    if (r.cpuPercent != null && !(r.cpuPercent >= 0 && r.cpuPercent <= 100_000)) problem('cpuPercent', 'cpuPercent must be between 0 and 100000');
    if (r.memoryMb != null && !(r.memoryMb >= 0 && Number.isFinite(r.memoryMb))) problem('memoryMb', 'memoryMb must be zero or more');
    if (r.restarts != null && r.restarts < 0) problem('restarts', 'restarts must be zero or more');
    const message = r.message?.trim() || null;
    if (message && message.length > 500) problem('message', 'message must be at most 500 characters');
    return {
      agent: agent ?? '',
      at: new Date(Number.isNaN(at) ? now : at).toISOString(),
      status: r.status,
      cpu: r.cpuPercent ?? null,
      memory: r.memoryMb ?? null,
      restarts: r.restarts ?? null,
      message,
    };
  });
  return { rows, problems };
}

/**
 * Raises a HEALTH alert for each agent that became unhealthy (once per episode: the episode is its
 * `since`) and resolves the open ones of agents that recovered, in one statement.
 */
export async function applyHealthTransitions(ctx: TenantScope, transitions: Transition[]): Promise<void> {
  const changed = transitions.filter((t) => t.status !== t.was);
  if (!changed.length) return;
  await ctx.tx.manager.query(
    `WITH t AS (SELECT * FROM unnest($2::uuid[], $3::text[], $4::timestamptz[]) AS t(agent_id, status, since)),
     raised AS (
       INSERT INTO alerts (tenant_id, source, severity, message, agent_id, episode_started_at)
       SELECT $1, 'health', 'critical', left(a.name || ' is unhealthy' || coalesce(': ' || s.message, ''), 500), t.agent_id, t.since
       FROM t JOIN agents a ON a.id = t.agent_id AND a.tenant_id = $1
       LEFT JOIN agent_health_states s ON s.tenant_id = $1 AND s.agent_id = t.agent_id
       WHERE t.status = 'unhealthy'
       ON CONFLICT DO NOTHING RETURNING id),
     resolved AS (
       UPDATE alerts al SET status = 'resolved', resolved_at = now(), note = coalesce(al.note, 'The agent reported ' || t.status || ' again'), updated_at = now()
       FROM t WHERE t.status <> 'unhealthy' AND al.tenant_id = $1 AND al.source = 'health' AND al.agent_id = t.agent_id AND al.status <> 'resolved'
       RETURNING al.id)
     SELECT (SELECT count(*) FROM raised) AS raised, (SELECT count(*) FROM resolved) AS resolved`,
    [ctx.caller.tenantId, changed.map((t) => t.agent_id), changed.map((t) => t.status), changed.map((t) => t.since)],
  );
}

/**
 * Records a batch of health reports all together or not at all, idempotent by batch key: the
 * reports in one statement, and in the same statement each agent's state from its newest report
 * (a report older than the state's is history only). Transitions into and out of UNHEALTHY raise
 * and resolve HEALTH alerts.
 */
export async function recordHealthReports(
  ctx: TenantScope,
  batchKey: string,
  reports: AgentHealthReportInput[],
  now = Date.now(),
): Promise<{ outcome: TelemetryBatchOutcome; recordedCount: number }> {
  const retention = await tenantRetention(ctx);
  const { rows, problems } = checkReports(reports, retention.rawDays, now);
  if (problems.length) throw new UserInputProblems(problems);
  const claim = await claimBatch(ctx, 'health', batchKey, batchDigest(rows), rows.length);
  if (claim.duplicate) return { outcome: TelemetryBatchOutcome.DUPLICATE, recordedCount: claim.count };
  const [result]: { unknown: number[] | null; transitions: Transition[] | null }[] = await ctx.tx.manager.query(
    `WITH input AS (
       SELECT * FROM unnest($2::uuid[], $3::timestamptz[], $4::text[], $5::float8[], $6::float8[], $7::int[], $8::text[])
         WITH ORDINALITY AS i(agent_id, at, status, cpu, memory, restarts, message, n)),
     unknown AS (SELECT i.n - 1 AS n FROM input i WHERE NOT EXISTS (SELECT 1 FROM agents a WHERE a.id = i.agent_id AND a.tenant_id = $1)),
     ok AS (SELECT * FROM input WHERE NOT EXISTS (SELECT 1 FROM unknown)),
     inserted AS (
       INSERT INTO agent_health_reports (tenant_id, agent_id, at, status, cpu_percent, memory_mb, restarts, message, source, batch_id)
       SELECT $1::uuid, agent_id, at, status, cpu, memory, restarts, message, 'report', $9 FROM ok RETURNING 1),
     latest AS (SELECT DISTINCT ON (agent_id) * FROM ok ORDER BY agent_id, at DESC, n DESC),
     prior AS (SELECT s.agent_id, s.status, s.silent FROM agent_health_states s WHERE s.tenant_id = $1 AND s.agent_id IN (SELECT agent_id FROM latest)),
     upserted AS (
       INSERT INTO agent_health_states AS s (tenant_id, agent_id, status, last_report_at, since, cpu_percent, memory_mb, restarts, message, silent)
       SELECT $1::uuid, agent_id, status, at, at, cpu, memory, restarts, message, false FROM latest
       ON CONFLICT (tenant_id, agent_id) DO UPDATE SET
         status = EXCLUDED.status, last_report_at = EXCLUDED.last_report_at,
         since = CASE WHEN s.status = EXCLUDED.status THEN s.since ELSE EXCLUDED.last_report_at END,
         cpu_percent = EXCLUDED.cpu_percent, memory_mb = EXCLUDED.memory_mb, restarts = EXCLUDED.restarts, message = EXCLUDED.message,
         silent = false, updated_at = now()
       WHERE EXCLUDED.last_report_at >= s.last_report_at
       RETURNING s.agent_id, s.status, s.since)
     SELECT (SELECT array_agg(n ORDER BY n) FROM (SELECT n FROM unknown ORDER BY n LIMIT 100) u) AS unknown,
            (SELECT count(*) FROM inserted) AS inserted,
            (SELECT json_agg(json_build_object('agent_id', u.agent_id, 'status', u.status, 'since', u.since, 'was', p.status))
             FROM upserted u LEFT JOIN prior p ON p.agent_id = u.agent_id) AS transitions`,
    [
      ctx.caller.tenantId,
      rows.map((r) => r.agent),
      rows.map((r) => r.at),
      rows.map((r) => r.status),
      rows.map((r) => r.cpu),
      rows.map((r) => r.memory),
      rows.map((r) => r.restarts),
      rows.map((r) => r.message),
      claim.batchId,
    ],
  );
  if (result.unknown?.length)
    throw new UserInputProblems(result.unknown.map((n) => new UserInputProblem(`reports.${n}.agentId`, 'No such agent in this tenant')));
  await applyHealthTransitions(
    ctx,
    (result.transitions ?? []).map((t) => ({ ...t, since: new Date(t.since) })),
  );
  await ctx.audit.record({ action: 'agentHealthReports.record', entityType: 'AgentHealthReport', after: { batchKey: batchKey.trim(), reports: rows.length } });
  return { outcome: TelemetryBatchOutcome.RECORDED, recordedCount: rows.length };
}

/**
 * Silence detection for one tenant at `now`: deployed agents whose runtime has not reported for the
 * tenant's silence minutes become UNHEALTHY (a "silence" entry in their history) and raise a HEALTH
 * alert once per episode. Returns the agents marked.
 */
export async function detectSilence(ctx: TenantScope, now = new Date()): Promise<string[]> {
  const { silenceMinutes } = await tenantRetention(ctx);
  const rows: { agent_id: string; since: Date }[] = await ctx.tx.manager.query(
    `WITH silent AS (
       UPDATE agent_health_states s SET status = 'unhealthy', silent = true, since = $2,
         message = 'No health report for ' || $3 || ' minutes', updated_at = now()
       FROM agents a
       WHERE s.tenant_id = $1 AND a.id = s.agent_id AND a.tenant_id = $1 AND a.status = 'deployed'
         AND s.status <> 'unhealthy' AND s.last_report_at < $2::timestamptz - make_interval(mins => $3::int)
       RETURNING s.agent_id, s.since, s.message),
     history AS (
       INSERT INTO agent_health_reports (tenant_id, agent_id, at, status, message, source)
       SELECT $1, agent_id, since, 'unhealthy', message, 'silence' FROM silent RETURNING 1)
     SELECT agent_id, since FROM silent WHERE (SELECT count(*) FROM history) >= 0`,
    [ctx.caller.tenantId, now, silenceMinutes],
  );
  await applyHealthTransitions(
    ctx,
    rows.map((r) => ({ agent_id: r.agent_id, status: 'unhealthy', since: r.since, was: 'silent' })),
  );
  if (rows.length) await ctx.audit.record({ action: 'agentHealth.silence', entityType: 'Agent', after: { agents: rows.length, silenceMinutes } });
  return rows.map((r) => r.agent_id);
}
