import type { StewardContext } from '../../context';
import { UserInputProblem } from '../../graphql/errors';
import { UserErrorCode } from '../../graphql/user-error';
import { recordAudit } from '../audit/audit.service';
import { CostEntriesRecordInput } from './cost.inputs';
import { CostEntriesRecordPayload, CostEntryOutcomeStatus } from './cost.payloads';
import { checkEntries, CostRow, EntryProblem } from './cost-entry.validation';

const COLUMNS = `n int, key text, agent_id uuid, architecture text, incurred_on date, amount numeric, currency text, provider text,
  service text, region text, category text, quantity numeric, unit text, tags text[]`;

/** True where a stored entry `e` and an incoming one `i` with the same key say different things. */
const DIFFERS = `(e.agent_id IS DISTINCT FROM i.agent_id OR e.architecture IS DISTINCT FROM i.architecture OR e.incurred_on <> i.incurred_on
  OR e.amount <> i.amount OR e.currency <> i.currency OR e.provider <> i.provider OR e.service <> i.service
  OR e.region IS DISTINCT FROM i.region OR e.category <> i.category OR e.quantity <> i.quantity
  OR e.unit IS DISTINCT FROM i.unit OR e.tags <> i.tags)`;

const reused = (index: number): EntryProblem => ({
  index, field: 'idempotencyKey', code: UserErrorCode.CONFLICT,
  message: 'This idempotencyKey was recorded before with different content; use a new key for a different entry',
});

/**
 * Agents named by the batch must be the tenant's. Those whose request counts will grow are locked
 * first, in id order, so concurrent batches over the same agents queue instead of deadlocking.
 */
async function lockAgents(ctx: StewardContext, rows: CostRow[]): Promise<EntryProblem[]> {
  const named = [...new Set(rows.map((r) => r.agent_id).filter((id): id is string => id !== null))];
  if (!named.length) return [];
  const counted = [...new Set(rows.filter((r) => r.agent_id && r.unit === 'requests').map((r) => r.agent_id!))];
  const found: { id: string }[] = await ctx.tx.manager.query(
    `SELECT id FROM (SELECT id FROM agents WHERE tenant_id = $1 AND id = ANY($3::uuid[]) ORDER BY id FOR NO KEY UPDATE) locked
     UNION ALL
     SELECT id FROM agents WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND NOT (id = ANY($3::uuid[]))`,
    [ctx.caller.tenantId, named, counted]);
  const known = new Set(found.map((a) => a.id));
  return rows.filter((r) => r.agent_id && !known.has(r.agent_id))
    .map((r) => ({ index: r.n, field: 'agentId', message: 'No such agent in this tenant', code: UserErrorCode.BAD_USER_INPUT }));
}

/**
 * Inserts what is new in one statement (a key already stored is skipped by the unique index, whoever
 * stored it and when), adds the new request counts to their agents, and queues a budget check. When
 * a stored key comes with other content it inserts nothing, so there is nothing to undo.
 * Returns the keys it inserted, the entries whose key was stored before, and those of them with other content.
 */
async function insertNew(ctx: StewardContext, batch: string): Promise<{ inserted: Set<string>; stored: Set<number>; conflicting: number[] }> {
  const [result]: { inserted: string[]; stored: number[]; conflicting: number[] }[] = await ctx.tx.manager.query(
    `WITH input AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS i(${COLUMNS})),
     inserted AS (
       INSERT INTO cost_entries (tenant_id, idempotency_key, agent_id, architecture, incurred_on, amount, currency, provider, service,
                                 region, category, quantity, unit, tags, recorded_by_user_id, recorded_by_api_key_id)
       SELECT $1::uuid, key, agent_id, architecture, incurred_on, amount, currency, provider, service, region, category, quantity, unit, tags, $3::uuid, $4::uuid
       FROM input WHERE NOT EXISTS (SELECT 1 FROM input i JOIN cost_entries e ON e.tenant_id = $1 AND e.idempotency_key = i.key WHERE ${DIFFERS})
       ORDER BY n
       ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
       RETURNING idempotency_key, agent_id, quantity, unit),
     counted AS (
       UPDATE agents a SET total_requests = a.total_requests + d.requests
       FROM (SELECT agent_id, sum(quantity)::bigint AS requests FROM inserted WHERE unit = 'requests' AND agent_id IS NOT NULL GROUP BY agent_id) d
       WHERE a.id = d.agent_id AND a.tenant_id = $1
       RETURNING a.id)
     SELECT (SELECT coalesce(array_agg(idempotency_key), '{}') FROM inserted) AS inserted,
            (SELECT count(*) FROM counted) AS counted,
            (SELECT count(*) FROM (SELECT steward.enqueue_budget_check() WHERE EXISTS (SELECT 1 FROM inserted)) q) AS queued,
            coalesce(x.stored, '{}') AS stored, coalesce(x.conflicting, '{}') AS conflicting
     FROM (SELECT array_agg(i.n) AS stored, array_agg(i.n) FILTER (WHERE ${DIFFERS}) AS conflicting
           FROM input i JOIN cost_entries e ON e.tenant_id = $1 AND e.idempotency_key = i.key) x`,
    [ctx.caller.tenantId, batch, ctx.caller.userId, ctx.caller.apiKeyId]);
  return { inserted: new Set(result.inserted), stored: new Set(result.stored), conflicting: result.conflicting };
}

/**
 * Entries skipped although their key was not stored when the insert began: a concurrent batch stored
 * them meanwhile. Read again, now that it has committed, to tell a retry from a reused key.
 */
async function racedConflicts(ctx: StewardContext, rows: CostRow[]): Promise<number[]> {
  const found: { n: number }[] = await ctx.tx.manager.query(
    `SELECT i.n FROM jsonb_to_recordset($2::jsonb) AS i(${COLUMNS})
     JOIN cost_entries e ON e.tenant_id = $1 AND e.idempotency_key = i.key WHERE ${DIFFERS} ORDER BY i.n`,
    [ctx.caller.tenantId, JSON.stringify(rows)]);
  return found.map((r) => r.n);
}

function rejected(ctx: StewardContext, problems: EntryProblem[]): CostEntriesRecordPayload {
  ctx.failedAudits.push({ action: 'costEntries.record', entityType: 'CostEntry', outcome: 'failure', errorCode: problems[0].code, after: { problems: problems.length } });
  return {
    recordedCount: null, duplicateCount: null, entries: null,
    userErrors: problems.map((p) => ({ field: p.index < 0 ? ['input', 'entries'] : ['input', 'entries', String(p.index), p.field], message: p.message, code: p.code })),
  };
}

/**
 * Records a batch all together or not at all; entries recorded before (same key, same content) are
 * reported as duplicates. Runs inside mutate()'s savepoint: the one problem found only after writing
 * (a key stored meanwhile by a concurrent batch, with other content) is thrown to roll the batch back.
 */
export async function recordCostEntries(ctx: StewardContext, input: CostEntriesRecordInput): Promise<CostEntriesRecordPayload> {
  const { rows, problems } = checkEntries(input.entries);
  if (problems.length) return rejected(ctx, problems);
  const unknownAgents = await lockAgents(ctx, rows);
  if (unknownAgents.length) return rejected(ctx, unknownAgents);
  const { inserted, stored, conflicting } = await insertNew(ctx, JSON.stringify(rows));
  if (conflicting.length) return rejected(ctx, conflicting.map(reused));
  const unexplained = rows.filter((r) => !inserted.has(r.key) && !stored.has(r.n));
  if (unexplained.length) {
    const [raced] = await racedConflicts(ctx, unexplained);
    if (raced !== undefined) throw new UserInputProblem(`entries.${raced}.idempotencyKey`, reused(raced).message, 'CONFLICT');
  }
  const entries = rows.map((r) => ({ idempotencyKey: r.key, outcome: inserted.has(r.key) ? CostEntryOutcomeStatus.RECORDED : CostEntryOutcomeStatus.DUPLICATE }));
  const days = rows.map((r) => r.incurred_on).sort();
  await recordAudit(ctx, {
    action: 'costEntries.record', entityType: 'CostEntry',
    after: { entries: rows.length, recorded: inserted.size, duplicates: rows.length - inserted.size, from: days[0] ?? null, to: days[days.length - 1] ?? null },
  });
  return { recordedCount: inserted.size, duplicateCount: rows.length - inserted.size, entries, userErrors: [] };
}
