import { Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { demoApiKeySecret } from '../../db/seed/demo-world';
import { toGlobalId } from '../../graphql/global-id';

const RECORD = `mutation($input: CostEntriesRecordInput!) {
  costEntriesRecord(input: $input) { recordedCount duplicateCount entries { idempotencyKey outcome } userErrors { field message code } } }`;

const agentUuid = (name: string, tenant = 'acme') => stableUuid(`agent:${tenant}:${name}`);
const agentId = (name: string, tenant = 'acme') => toGlobalId('Agent', agentUuid(name, tenant));

function entry(key: string, overrides: Record<string, unknown> = {}) {
  return {
    idempotencyKey: key,
    agentId: agentId('Code Reviewer'),
    date: '2024-03-05',
    amount: '1.25',
    provider: 'ANTHROPIC',
    service: 'Messages API',
    category: 'AI',
    quantity: '10',
    unit: 'requests',
    tags: ['ci'],
    ...overrides,
  };
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

async function ledger(keyPrefix: string): Promise<{ n: number; amount: string | null }> {
  const [row] = await h.sql(`SELECT count(*)::int AS n, sum(amount)::text AS amount FROM cost_entries WHERE idempotency_key LIKE $1`, [`${keyPrefix}%`]);
  return row;
}

async function requestsOf(name: string): Promise<number> {
  const [row] = await h.sql(`SELECT total_requests FROM agents WHERE id = $1`, [agentUuid(name)]);
  return Number(row.total_requests);
}

describe('recording cost entries', () => {
  it('lets a partner app record a batch with an API key, counting requests on the agent, audited', async () => {
    const runtime = h.apiKey(demoApiKeySecret('acme', 'Agent runtime'));
    const before = await requestsOf('Code Reviewer');
    const result = (
      await runtime.ok(RECORD, {
        input: { entries: [entry('p-1'), entry('p-2', { amount: '2.5', quantity: '5', unit: 'requests' }), entry('p-3', { unit: 'tokens', quantity: '900' })] },
      })
    ).costEntriesRecord;
    expect(result).toEqual({
      recordedCount: 3,
      duplicateCount: 0,
      userErrors: [],
      entries: [
        { idempotencyKey: 'p-1', outcome: 'RECORDED' },
        { idempotencyKey: 'p-2', outcome: 'RECORDED' },
        { idempotencyKey: 'p-3', outcome: 'RECORDED' },
      ],
    });
    expect(await ledger('p-')).toEqual({ n: 3, amount: '5.000000' });
    expect(await requestsOf('Code Reviewer')).toBe(before + 15);
    const [stored] = await h.sql(`SELECT recorded_by_api_key_id, currency, tags FROM cost_entries WHERE idempotency_key = 'p-1'`);
    expect(stored).toEqual({ recorded_by_api_key_id: stableUuid('api-key:acme:Agent runtime'), currency: 'USD', tags: ['ci'] });
    const [audit] = await h.sql(
      `SELECT actor_type, actor_label, after FROM audit_entries WHERE action = 'costEntries.record' AND outcome = 'success' ORDER BY seq DESC LIMIT 1`,
    );
    expect(audit).toEqual({
      actor_type: 'api_key',
      actor_label: 'Agent runtime',
      after: { entries: 3, recorded: 3, duplicates: 0, from: '2024-03-05', to: '2024-03-05' },
    });
  });

  it('counts a batch sent twice once, and reports the second time as duplicates', async () => {
    const feed = h.apiKey(demoApiKeySecret('acme', 'Billing feed'));
    const batch = { entries: [entry('twice-1'), entry('twice-2', { amount: '0.75' })] };
    const before = await requestsOf('Code Reviewer');
    expect((await feed.ok(RECORD, { input: batch })).costEntriesRecord.recordedCount).toBe(2);
    const again = (await feed.ok(RECORD, { input: batch })).costEntriesRecord;
    expect(again).toMatchObject({ recordedCount: 0, duplicateCount: 2, entries: [{ outcome: 'DUPLICATE' }, { outcome: 'DUPLICATE' }], userErrors: [] });
    // A retry after a timeout: one entry already in, one new. The same amount written differently is the same content.
    const retry = (await feed.ok(RECORD, { input: { entries: [entry('twice-2', { amount: '0.750' }), entry('twice-3')] } })).costEntriesRecord;
    expect(retry.entries).toEqual([
      { idempotencyKey: 'twice-2', outcome: 'DUPLICATE' },
      { idempotencyKey: 'twice-3', outcome: 'RECORDED' },
    ]);
    expect(await ledger('twice-')).toEqual({ n: 3, amount: '3.250000' });
    expect(await requestsOf('Code Reviewer')).toBe(before + 30);
  });

  it('refuses a reused key with different content, writing nothing of the batch', async () => {
    const dev = await h.signIn('dev@acme.test');
    await dev.ok(RECORD, { input: { entries: [entry('reuse-1')] } });
    const result = (await dev.ok(RECORD, { input: { entries: [entry('reuse-2'), entry('reuse-1', { amount: '9.99' })] } })).costEntriesRecord;
    expect(result).toEqual({
      recordedCount: null,
      duplicateCount: null,
      entries: null,
      userErrors: [
        { field: ['input', 'entries', '1', 'idempotencyKey'], message: expect.stringMatching(/recorded before with different content/), code: 'CONFLICT' },
      ],
    });
    expect(await ledger('reuse-')).toEqual({ n: 1, amount: '1.250000' });
  });

  it('checks every entry and writes nothing when any is wrong', async () => {
    const dev = await h.signIn('dev@acme.test');
    const before = await requestsOf('Code Reviewer');
    const failuresBefore = await h.sql(`SELECT seq FROM audit_entries WHERE action = 'costEntries.record' ORDER BY seq DESC LIMIT 1`);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const entries = [
      entry('bad-0'),
      entry('bad-1', { amount: '-3' }),
      entry('bad-2', { currency: 'dollars' }),
      entry('bad-3', { date: tomorrow }),
      entry('bad-0'),
      entry('bad-5', { agentId: agentId('Code Reviewer', 'globex') }),
      entry('bad-6', { agentId: 'nope' }),
      entry('bad-7', { quantity: '1.5' }),
    ];
    const result = (await dev.ok(RECORD, { input: { entries } })).costEntriesRecord;
    expect(result.entries).toBeNull();
    expect(result.userErrors.map((e: { field: string[]; code: string }) => [e.field.join('.'), e.code])).toEqual([
      ['input.entries.1.amount', 'BAD_USER_INPUT'],
      ['input.entries.2.currency', 'BAD_USER_INPUT'],
      ['input.entries.3.date', 'BAD_USER_INPUT'],
      ['input.entries.4.idempotencyKey', 'CONFLICT'],
      ['input.entries.6.agentId', 'BAD_USER_INPUT'],
      ['input.entries.7.quantity', 'BAD_USER_INPUT'],
    ]);
    // Another tenant's agent is only found unknown once the rest of the batch is fine.
    const foreign = (await dev.ok(RECORD, { input: { entries: [entry('bad-0'), entries[5]] } })).costEntriesRecord;
    expect(foreign.userErrors).toEqual([{ field: ['input', 'entries', '1', 'agentId'], message: 'No such agent in this tenant', code: 'BAD_USER_INPUT' }]);
    expect(await ledger('bad-')).toEqual({ n: 0, amount: null });
    expect(await requestsOf('Code Reviewer')).toBe(before);
    const failures = await h.sql(`SELECT outcome, error_code FROM audit_entries WHERE action = 'costEntries.record' AND seq > $1 ORDER BY seq`, [
      failuresBefore[0].seq,
    ]);
    expect(failures).toEqual([
      { outcome: 'failure', error_code: 'BAD_USER_INPUT' },
      { outcome: 'failure', error_code: 'BAD_USER_INPUT' },
    ]);
  });

  it('refuses batches over 1,000 entries', async () => {
    const dev = await h.signIn('dev@acme.test');
    const entries = Array.from({ length: 1001 }, (_, i) => entry(`big-${i}`));
    const result = (await dev.ok(RECORD, { input: { entries } })).costEntriesRecord;
    expect(result.userErrors).toEqual([{ field: ['input', 'entries'], message: 'A batch holds at most 1000 entries', code: 'BAD_USER_INPUT' }]);
  });

  it('keeps totals exact to the cent and request counts exact under concurrent batches', async () => {
    const runtime = h.apiKey(demoApiKeySecret('acme', 'Agent runtime'));
    const before = await requestsOf('Incident Triage');
    const batches = Array.from({ length: 8 }, (_, b) => ({
      entries: Array.from({ length: 100 }, (_, i) =>
        entry(`conc-${b}-${i}`, {
          agentId: agentId(i % 2 ? 'Incident Triage' : 'Support Summariser'),
          amount: `0.${String((b * 100 + i) % 100).padStart(2, '0')}`,
          quantity: String(i % 7),
        }),
      ),
    }));
    // Every batch twice, interleaved: retries racing their originals.
    const results = await Promise.all([...batches, ...batches].map((input) => runtime.gql(RECORD, { input })));
    for (const r of results) expect(r.errors).toBeUndefined();
    const recorded = results.reduce((sum, r) => sum + r.data.costEntriesRecord.recordedCount, 0);
    expect(recorded).toBe(800);
    const expectedCents = batches.flatMap((b) => b.entries).reduce((sum, e) => sum + Number(e.amount.slice(2)), 0);
    expect(await ledger('conc-')).toEqual({ n: 800, amount: (expectedCents / 100).toFixed(6) });
    const expectedRequests = batches
      .flatMap((b) => b.entries)
      .filter((_, i) => i % 2 === 1)
      .reduce((sum, e) => sum + Number(e.quantity), 0);
    expect(await requestsOf('Incident Triage')).toBe(before + expectedRequests);
  });

  it('lets exactly one of two concurrent batches reusing a key with different content through', async () => {
    const runtime = h.apiKey(demoApiKeySecret('acme', 'Agent runtime'));
    const pairs = await Promise.all(
      Array.from({ length: 4 }, (_, p) =>
        Promise.all(
          ['1.00', '2.00'].map((amount) => runtime.gql(RECORD, { input: { entries: [entry(`race-${p}`, { amount }), entry(`race-${p}-${amount}`)] } })),
        ),
      ),
    );
    for (const pair of pairs) {
      const outcomes = pair.map((r) => r.data.costEntriesRecord);
      expect(outcomes.map((o) => o.recordedCount).sort()).toEqual([2, null]);
      expect(outcomes.find((o) => o.recordedCount === null).userErrors).toEqual([
        { field: ['input', 'entries', '0', 'idempotencyKey'], message: expect.any(String), code: 'CONFLICT' },
      ]);
    }
    const [{ n }] = await h.sql(`SELECT count(*)::int AS n FROM cost_entries WHERE idempotency_key LIKE 'race-%'`);
    expect(n).toBe(8);
  });

  it('is refused to viewers, auditors and compliance officers', async () => {
    for (const email of ['viewer@acme.test', 'auditor@acme.test', 'compliance@acme.test']) {
      const caller = await h.signIn(email);
      const response = await caller.gql(RECORD, { input: { entries: [entry(`refused-${email}`)] } });
      expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect(await ledger('refused-')).toEqual({ n: 0, amount: null });
  });

  it('writes in one insert statement however many entries a batch holds', async () => {
    const dev = await h.signIn('dev@acme.test');
    const small = await dev.gql(RECORD, { input: { entries: [entry('stmt-1')] } });
    const large = await dev.gql(RECORD, {
      input: { entries: Array.from({ length: 500 }, (_, i) => entry(`stmt-many-${i}`, { agentId: i % 3 ? agentId('Incident Triage') : null })) },
    });
    expect(large.data.costEntriesRecord.recordedCount).toBe(500);
    expect(large.extensions?.sql.statements).toBe(small.extensions?.sql.statements);
    // Open, the tenant's read-only check (trial expiry), savepoint, agents, insert, audit, release, commit.
    expect(large.extensions?.sql.statements).toBeLessThanOrEqual(8);
  });
});
