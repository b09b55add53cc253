import type { TenantScope } from '../../scope';
import { UserInputProblem, UserInputProblems } from '../../graphql/errors';
import { UserErrorCode } from '../../graphql/user-error';
import { CostEntriesRecordInput } from './cost.inputs';
import { CostEntriesRecordPayload, CostEntryOutcomeStatus } from './cost.payloads';
import { checkEntries, CostRow, EntryProblem } from './cost-entry.validation';

const COLUMNS = `n int, key text, agent_id uuid, architecture text, architecture_id uuid, incurred_on date, amount numeric, currency text, provider text,
  service text, region text, category text, quantity numeric, unit text, tags text[]`;

/** True where a stored entry `e` and an incoming one `i` with the same key say different things. */
// An entry without architectureId is linked by name when stored: only an id given explicitly is compared.
const DIFFERS = `(e.agent_id IS DISTINCT FROM i.agent_id OR e.architecture IS DISTINCT FROM i.architecture
  OR (i.architecture_id IS NOT NULL AND e.architecture_id IS DISTINCT FROM i.architecture_id) OR e.incurred_on <> i.incurred_on
  OR e.amount <> i.amount OR e.currency <> i.currency OR e.provider <> i.provider OR e.service <> i.service
  OR e.region IS DISTINCT FROM i.region OR e.category <> i.category OR e.quantity <> i.quantity
  OR e.unit IS DISTINCT FROM i.unit OR e.tags <> i.tags)`;

const reused = (index: number): EntryProblem => ({
  index,
  field: 'idempotencyKey',
  code: UserErrorCode.CONFLICT,
  message: 'This idempotencyKey was recorded before with different content; use a new key for a different entry',
});

interface Inserted {
  inserted: Set<string>;
  /** Entries whose key was stored before, and those of them that came with other content. */
  stored: Set<number>;
  conflicting: number[];
  /** Entries naming an agent that is not the tenant's. */
  unknownAgents: number[];
  /** Entries naming an architecture that is not the tenant's. */
  unknownArchitectures: number[];
}

/**
 * Inserts what is new in one statement: a key already stored is skipped by the unique index,
 * whoever stored it and when. When an entry names an unknown agent, or a stored key comes with other
 * content, it inserts nothing at all, so there is nothing to undo.
 */
async function insertNew(ctx: TenantScope, batch: string): Promise<Inserted> {
  const [result]: { inserted: string[]; stored: number[]; conflicting: number[]; unknown: number[]; unknown_architectures: number[] }[] =
    await ctx.tx.manager.query(
      `WITH input AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS i(${COLUMNS})),
     unknown AS (SELECT i.n FROM input i WHERE i.agent_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM agents a WHERE a.id = i.agent_id AND a.tenant_id = $1)),
     unknown_architectures AS (SELECT i.n FROM input i
       WHERE i.architecture_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM architectures r WHERE r.id = i.architecture_id AND r.tenant_id = $1)),
     stored AS (SELECT i.n, ${DIFFERS} AS differs FROM input i JOIN cost_entries e ON e.tenant_id = $1 AND e.idempotency_key = i.key),
     inserted AS (
       INSERT INTO cost_entries (tenant_id, idempotency_key, agent_id, architecture, architecture_id, incurred_on, amount, currency, provider, service,
                                 region, category, quantity, unit, tags, recorded_by_user_id, recorded_by_api_key_id)
       SELECT $1::uuid, key, agent_id, architecture,
              coalesce(architecture_id, (SELECT r.id FROM architectures r WHERE r.tenant_id = $1 AND lower(r.name) = lower(input.architecture))),
              incurred_on, amount, currency, provider, service, region, category, quantity, unit, tags, $3::uuid, $4::uuid
       FROM input WHERE NOT EXISTS (SELECT 1 FROM unknown) AND NOT EXISTS (SELECT 1 FROM unknown_architectures) AND NOT EXISTS (SELECT 1 FROM stored WHERE differs)
       ORDER BY n
       ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
       RETURNING idempotency_key)
     SELECT (SELECT coalesce(array_agg(idempotency_key), '{}') FROM inserted) AS inserted,
            (SELECT coalesce(array_agg(n), '{}') FROM stored) AS stored,
            (SELECT coalesce(array_agg(n ORDER BY n), '{}') FROM stored WHERE differs) AS conflicting,
            (SELECT coalesce(array_agg(n ORDER BY n), '{}') FROM unknown) AS unknown,
            (SELECT coalesce(array_agg(n ORDER BY n), '{}') FROM unknown_architectures) AS unknown_architectures`,
      [ctx.caller.tenantId, batch, ctx.caller.userId, ctx.caller.apiKeyId],
    );
  return {
    inserted: new Set(result.inserted),
    stored: new Set(result.stored),
    conflicting: result.conflicting,
    unknownAgents: result.unknown,
    unknownArchitectures: result.unknown_architectures,
  };
}

/**
 * Adds the new request counts to their agents and queues a budget check, as late as possible: the
 * row locks this takes (agents, the tenant's queued job) are held until commit, so concurrent batches
 * wait for each other only here. Agents are locked in id order first, so they queue rather than deadlock.
 */
async function countAndQueue(ctx: TenantScope, rows: CostRow[], inserted: Set<string>): Promise<void> {
  const requests = new Map<string, bigint>();
  for (const r of rows) {
    if (r.agent_id && r.unit === 'requests' && inserted.has(r.key))
      requests.set(r.agent_id, (requests.get(r.agent_id) ?? 0n) + BigInt(r.quantity.split('.')[0]));
  }
  const ids = [...requests.keys()].sort();
  await ctx.tx.manager.query(
    `WITH locked AS MATERIALIZED (SELECT id FROM agents WHERE tenant_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR NO KEY UPDATE),
     counted AS (
       UPDATE agents a SET total_requests = a.total_requests + d.n FROM unnest($2::uuid[], $3::bigint[]) AS d(id, n)
       WHERE a.id = d.id AND a.tenant_id = $1 AND (SELECT count(*) FROM locked) >= 0
       RETURNING a.id)
     SELECT (SELECT count(*) FROM counted) AS counted, steward.enqueue_budget_check()`,
    [ctx.caller.tenantId, ids, ids.map((id) => String(requests.get(id)))],
  );
}

/**
 * Entries skipped although their key was not stored when the insert began: a concurrent batch stored
 * them meanwhile. Read again, now that it has committed, to tell a retry from a reused key.
 */
async function racedConflicts(ctx: TenantScope, rows: CostRow[]): Promise<number[]> {
  const found: { n: number }[] = await ctx.tx.manager.query(
    `SELECT i.n FROM jsonb_to_recordset($2::jsonb) AS i(${COLUMNS})
     JOIN cost_entries e ON e.tenant_id = $1 AND e.idempotency_key = i.key WHERE ${DIFFERS} ORDER BY i.n`,
    [ctx.caller.tenantId, JSON.stringify(rows)],
  );
  return found.map((r) => r.n);
}

/** Refuses the whole batch with every problem at once: mutate() rolls it back and records the failure, as for any refused mutation. */
function rejected(problems: EntryProblem[]): never {
  throw new UserInputProblems(problems.map((p) => new UserInputProblem(p.index < 0 ? 'entries' : `entries.${p.index}.${p.field}`, p.message, p.code)));
}

/**
 * Records a batch all together or not at all; entries recorded before (same key, same content) are
 * reported as duplicates. Runs inside mutate()'s savepoint: the one problem found only after writing
 * (a key stored meanwhile by a concurrent batch, with other content) is thrown to roll the batch back.
 */
export async function recordCostEntries(ctx: TenantScope, input: CostEntriesRecordInput): Promise<CostEntriesRecordPayload> {
  const { rows, problems } = checkEntries(input.entries);
  if (problems.length) return rejected(problems);
  const { inserted, stored, conflicting, unknownAgents, unknownArchitectures } = await insertNew(ctx, JSON.stringify(rows));
  if (unknownAgents.length || unknownArchitectures.length)
    return rejected(
      [
        ...unknownAgents.map((index) => ({ index, field: 'agentId', message: 'No such agent in this tenant', code: UserErrorCode.BAD_USER_INPUT })),
        ...unknownArchitectures.map((index) => ({
          index,
          field: 'architectureId',
          message: 'No such architecture in this tenant',
          code: UserErrorCode.BAD_USER_INPUT,
        })),
      ].sort((a, b) => a.index - b.index),
    );
  if (conflicting.length) return rejected(conflicting.map(reused));
  const unexplained = rows.filter((r) => !inserted.has(r.key) && !stored.has(r.n));
  if (unexplained.length) {
    const [raced] = await racedConflicts(ctx, unexplained);
    if (raced !== undefined) throw new UserInputProblem(`entries.${raced}.idempotencyKey`, reused(raced).message, 'CONFLICT');
  }
  if (inserted.size) await countAndQueue(ctx, rows, inserted);
  const entries = rows.map((r) => ({
    idempotencyKey: r.key,
    outcome: inserted.has(r.key) ? CostEntryOutcomeStatus.RECORDED : CostEntryOutcomeStatus.DUPLICATE,
  }));
  const days = rows.map((r) => r.incurred_on).sort();
  await ctx.audit.record({
    action: 'costEntries.record',
    entityType: 'CostEntry',
    after: { entries: rows.length, recorded: inserted.size, duplicates: rows.length - inserted.size, from: days[0] ?? null, to: days[days.length - 1] ?? null },
  });
  return { recordedCount: inserted.size, duplicateCount: rows.length - inserted.size, entries, userErrors: [] };
}
