import { Caller, Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { toGlobalId } from '../../graphql/global-id';
import { csvCell } from './cost.csv';

const agentId = (name: string, tenant = 'acme') => toGlobalId('Agent', stableUuid(`agent:${tenant}:${name}`));
const RNW = agentId('Release Notes Writer');
const IT = agentId('Incident Triage');
const CR = agentId('Code Reviewer');

/** January 2024 (before any seeded cost): hand-computed totals below. 2024-01-01 is a Monday. */
const FIXTURE = [
  {
    idempotencyKey: 'fx-1',
    agentId: RNW,
    date: '2024-01-01',
    amount: '10.00',
    provider: 'ANTHROPIC',
    service: 'Messages API',
    category: 'AI',
    quantity: '100',
    unit: 'requests',
    tags: ['docs'],
  },
  {
    idempotencyKey: 'fx-2',
    agentId: RNW,
    date: '2024-01-02',
    amount: '5.50',
    provider: 'AWS',
    service: 'EC2',
    category: 'COMPUTE',
    tags: ['docs', 'prod'],
    region: 'eu-west-1',
  },
  {
    idempotencyKey: 'fx-3',
    agentId: IT,
    date: '2024-01-02',
    amount: '20.25',
    provider: 'ANTHROPIC',
    service: 'Messages API',
    category: 'AI',
    quantity: '40',
    unit: 'requests',
    tags: ['prod'],
  },
  { idempotencyKey: 'fx-4', agentId: IT, date: '2024-01-08', amount: '7', provider: 'GCP', service: 'Cloud Storage', category: 'STORAGE', tags: [] },
  {
    idempotencyKey: 'fx-5',
    agentId: CR,
    date: '2024-01-15',
    amount: '3.125',
    provider: 'OPENAI',
    service: 'Chat Completions',
    category: 'AI',
    tags: ['prod'],
    architecture: 'ci-review',
  },
  { idempotencyKey: 'fx-6', agentId: null, date: '2024-01-31', amount: '4', provider: 'AZURE', service: '=cmd|calc', category: 'NETWORK', tags: [] },
  { idempotencyKey: 'fx-7', agentId: RNW, date: '2024-02-01', amount: '12', provider: 'ANTHROPIC', service: 'Messages API', category: 'AI', tags: ['docs'] },
  {
    idempotencyKey: 'fx-8',
    agentId: RNW,
    date: '2024-01-03',
    amount: '99',
    currency: 'EUR',
    provider: 'ANTHROPIC',
    service: 'Messages API',
    category: 'AI',
    tags: ['docs'],
  },
];
const JANUARY = { from: '2024-01-01', to: '2024-01-31' };

const ROLLUP = `query($from: LocalDate, $to: LocalDate, $filter: CostFilter, $groupBy: CostDimension, $interval: CostInterval) {
  costRollup(from: $from, to: $to, filter: $filter, groupBy: $groupBy, interval: $interval) { period key label amount quantity entries } }`;

let h: Harness;
let analyst: Caller;
beforeAll(async () => {
  h = await startHarness();
  const dev = await h.signIn('dev@acme.test');
  const recorded = await dev.ok(`mutation($input: CostEntriesRecordInput!) { costEntriesRecord(input: $input) { recordedCount userErrors { message } } }`, {
    input: { entries: FIXTURE },
  });
  expect(recorded.costEntriesRecord).toEqual({ recordedCount: 8, userErrors: [] });
  analyst = await h.signIn('analyst@acme.test');
});
afterAll(() => h.close());

const buckets = async (variables: Record<string, unknown>) =>
  (await analyst.ok(ROLLUP, { ...JANUARY, ...variables })).costRollup.map((b: Record<string, unknown>) => [b.period, b.label, b.amount, b.entries]);

describe('cost rollups', () => {
  it('total a range in one currency, never mixing in others', async () => {
    expect(await buckets({})).toEqual([['2024-01-01', 'Total', '49.875000', 6]]);
    expect(await buckets({ filter: { currency: 'EUR' } })).toEqual([['2024-01-01', 'Total', '99.000000', 1]]);
  });

  it('bucket by day, ISO week and month', async () => {
    expect(await buckets({ to: '2024-01-02', interval: 'DAY' })).toEqual([
      ['2024-01-01', 'Total', '10.000000', 1],
      ['2024-01-02', 'Total', '25.750000', 2],
    ]);
    expect(await buckets({ interval: 'WEEK' })).toEqual([
      ['2024-01-01', 'Total', '35.750000', 3],
      ['2024-01-08', 'Total', '7.000000', 1],
      ['2024-01-15', 'Total', '3.125000', 1],
      ['2024-01-29', 'Total', '4.000000', 1],
    ]);
    expect(await buckets({ to: '2024-02-29', interval: 'MONTH' })).toEqual([
      ['2024-01-01', 'Total', '49.875000', 6],
      ['2024-02-01', 'Total', '12.000000', 1],
    ]);
  });

  it('group by agent, provider, service, category and tag, largest first', async () => {
    const byAgent = (await analyst.ok(ROLLUP, { ...JANUARY, groupBy: 'AGENT' })).costRollup;
    expect(byAgent.map((b: { key: string | null; label: string; amount: string }) => [b.key, b.label, b.amount])).toEqual([
      [IT, 'Incident Triage', '27.250000'],
      [RNW, 'Release Notes Writer', '15.500000'],
      [null, 'Unallocated', '4.000000'],
      [CR, 'Code Reviewer', '3.125000'],
    ]);
    expect((await buckets({ groupBy: 'PROVIDER' })).map((b: unknown[]) => [b[1], b[2]])).toEqual([
      ['anthropic', '30.250000'],
      ['gcp', '7.000000'],
      ['aws', '5.500000'],
      ['azure', '4.000000'],
      ['openai', '3.125000'],
    ]);
    expect((await buckets({ groupBy: 'CATEGORY' })).map((b: unknown[]) => [b[1], b[2]])).toEqual([
      ['ai', '33.375000'],
      ['storage', '7.000000'],
      ['compute', '5.500000'],
      ['network', '4.000000'],
    ]);
    expect((await buckets({ groupBy: 'SERVICE' })).map((b: unknown[]) => b[1])).toEqual([
      'Messages API',
      'Cloud Storage',
      'EC2',
      '=cmd|calc',
      'Chat Completions',
    ]);
    // An entry counts towards each of its tags.
    expect((await buckets({ groupBy: 'TAG' })).map((b: unknown[]) => [b[1], b[2], b[3]])).toEqual([
      ['prod', '28.875000', 3],
      ['docs', '15.500000', 2],
      ['Untagged', '11.000000', 2],
    ]);
    const quantity = (await analyst.ok(ROLLUP, { ...JANUARY, filter: { units: ['requests'] }, groupBy: 'AGENT' })).costRollup;
    expect(quantity.map((b: { label: string; quantity: string }) => [b.label, b.quantity])).toEqual([
      ['Incident Triage', '40.000000'],
      ['Release Notes Writer', '100.000000'],
    ]);
  });

  it('filter on every dimension', async () => {
    expect(await buckets({ filter: { agentIds: [RNW, CR] } })).toEqual([['2024-01-01', 'Total', '18.625000', 3]]);
    expect(await buckets({ filter: { providers: ['ANTHROPIC', 'GCP'], categories: ['AI'] } })).toEqual([['2024-01-01', 'Total', '30.250000', 2]]);
    expect(await buckets({ filter: { tags: ['docs'], services: ['EC2'], regions: ['eu-west-1'] } })).toEqual([['2024-01-01', 'Total', '5.500000', 1]]);
    expect(await buckets({ filter: { architectures: ['ci-review'] } })).toEqual([['2024-01-01', 'Total', '3.125000', 1]]);
  });

  it('refuse a range the wrong way round', async () => {
    const response = await analyst.gql(ROLLUP, { from: '2024-02-01', to: '2024-01-01' });
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
  });
});

describe('cost analysis', () => {
  it('ranks the top agents by spend', async () => {
    const { costTopAgents } = await analyst.ok(`{ costTopAgents(from: "2024-01-01", to: "2024-01-31", limit: 2) { agent { name } amount entries } }`);
    expect(costTopAgents).toEqual([
      { agent: { name: 'Incident Triage' }, amount: '27.250000', entries: 2 },
      { agent: { name: 'Release Notes Writer' }, amount: '15.500000', entries: 2 },
    ]);
  });

  it('compares a period with the same number of days before it', async () => {
    const { costSummary } = await analyst.ok(
      `{ costSummary(from: "2024-02-01", to: "2024-02-29") { from to previousFrom previousTo total previousTotal change changePercent entries } }`,
    );
    // The 29 days before February: 3 to 31 January.
    expect(costSummary).toEqual({
      from: '2024-02-01',
      to: '2024-02-29',
      previousFrom: '2024-01-03',
      previousTo: '2024-01-31',
      total: '12.000000',
      previousTotal: '14.125000',
      change: '-2.125000',
      changePercent: '-15.04',
      entries: 1,
    });
    const fromNothing = await analyst.ok(`{ costSummary(from: "2023-12-01", to: "2023-12-31") { total previousTotal changePercent } }`);
    expect(fromNothing.costSummary).toEqual({ total: '0', previousTotal: '0', changePercent: null });
  });

  it('forecasts the month end from the run rate', async () => {
    const { costForecast } = await analyst.ok(
      `{ costForecast(asOf: "2024-01-15") { monthStart daysElapsed daysInMonth monthToDate dailyRunRate projectedMonthEnd } }`,
    );
    // 45.875 over 15 days of 31.
    expect(costForecast).toEqual({
      monthStart: '2024-01-01',
      daysElapsed: 15,
      daysInMonth: 31,
      monthToDate: '45.875000',
      dailyRunRate: '3.058333',
      projectedMonthEnd: '94.808333',
    });
  });

  it('exports a rollup as CSV with formula-looking cells neutralised', async () => {
    const { costRollupCsv } = await analyst.ok(`{ costRollupCsv(from: "2024-01-31", to: "2024-01-31", groupBy: SERVICE) }`);
    expect(costRollupCsv).toBe(`period,key,label,amount_usd,quantity,entries\r\n2024-01-31,'=cmd|calc,'=cmd|calc,4.000000,0.000000,1\r\n`);
    expect(['=1+1', '+1', '-1', '@SUM(A1)', 'a,b', 'say "hi"', null].map(csvCell)).toEqual(["'=1+1", "'+1", "'-1", "'@SUM(A1)", '"a,b"', '"say ""hi"""', '']);
    const dev = await h.signIn('dev@acme.test');
    expect((await dev.gql(`{ costRollupCsv }`)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('lists the lines behind a bucket, newest day first', async () => {
    const { costEntries } = await analyst.ok(
      `{ costEntries(from: "2024-01-01", to: "2024-01-31", filter: { agentIds: ["${IT}"] }, first: 1) { nodes { date amount service } pageInfo { hasNextPage endCursor } } }`,
    );
    expect(costEntries.nodes).toEqual([{ date: '2024-01-08', amount: '7.000000', service: 'Cloud Storage' }]);
    const next = await analyst.ok(
      `{ costEntries(from: "2024-01-01", to: "2024-01-31", filter: { agentIds: ["${IT}"] }, after: "${costEntries.pageInfo.endCursor}") { nodes { date } } }`,
    );
    expect(next.costEntries.nodes).toEqual([{ date: '2024-01-02' }]);
  });
});

describe('Agent.costTotal', () => {
  const PAGE = `query($first: Int) { agents(first: $first) { nodes { name costTotal(days: 30) } } }`;

  it('costs one statement for a whole page of agents', async () => {
    const dev = await h.signIn('dev@acme.test');
    const one = await dev.gql(PAGE, { first: 1 });
    const all = await dev.gql(PAGE, { first: 50 });
    expect(all.errors).toBeUndefined();
    expect(all.data.agents.nodes.length).toBeGreaterThan(5);
    expect(all.extensions?.sql.statements).toBe(one.extensions?.sql.statements);
    const [expected] = await h.sql(
      `SELECT coalesce(sum(amount), 0)::text AS total FROM cost_entries WHERE agent_id = $1 AND currency = 'USD' AND incurred_on > (now() AT TIME ZONE 'UTC')::date - 30`,
      [stableUuid('agent:acme:Incident Triage')],
    );
    expect(all.data.agents.nodes.find((a: { name: string }) => a.name === 'Incident Triage').costTotal).toBe(expected.total);
  });

  it('is null with FORBIDDEN for viewers, compliance officers and auditors, who still get the rest', async () => {
    for (const email of ['viewer@acme.test', 'compliance@acme.test', 'auditor@acme.test']) {
      const caller = await h.signIn(email);
      const response = await caller.gql(`{ agents(first: 2) { nodes { name costTotal } } }`);
      expect(response.data.agents.nodes).toEqual([
        { name: expect.any(String), costTotal: null },
        { name: expect.any(String), costTotal: null },
      ]);
      expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
      expect((await caller.gql(`{ costSummary { total } }`)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('answers a 30-day rollup by agent with one indexed statement (EXPLAIN)', async () => {
    const [plan] = await h.sql(
      `EXPLAIN (FORMAT JSON) SELECT e.agent_id, sum(e.amount) FROM cost_entries e
       WHERE e.tenant_id = $1 AND e.incurred_on BETWEEN current_date - 29 AND current_date AND e.currency = 'USD' GROUP BY e.agent_id`,
      [stableUuid('tenant:acme')],
    );
    const text = JSON.stringify(plan['QUERY PLAN']);
    expect(text).toMatch(/cost_entries_tenant_(agent_)?day/);
    expect(text).not.toMatch(/"Seq Scan"/);
  });
});
