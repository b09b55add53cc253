import { GraphQLError, Kind, OperationDefinitionNode, parse, validate } from 'graphql';
import { createContext, credentialsFrom, StewardContext } from '../../context';
import { Harness, startHarness } from '../../../test/harness';
import { fieldReadable, objectReadable } from '../../auth/authorize';
import { CompiledExecutor } from '../compiled-executor';

/**
 * The SQL compiler (one statement building the answer's JSON) against the executor it stands in for: each
 * operation is run for each audience once through each, in a transaction of its own that is rolled back, and
 * the answers (data, nulls, error paths, codes, messages) must be identical. Where the compiler declines
 * (a rule that refuses or depends on the object, a selection it does not know), the executor answers: the
 * test also says, per case, whether SQL answered, so a compiler that silently declined everything would fail.
 */

type Credentials = Parameters<typeof createContext>[1]['credentials'];

let h: Harness;
let executor: CompiledExecutor;
const audiences: Record<string, Credentials> = {};
let frameworkId: string;
let otherFrameworkId: string;
let agentIds: string[];

const users: Record<string, string> = {
  admin: 'admin@acme.test',
  compliance_officer: 'compliance@acme.test',
  auditor: 'auditor@acme.test',
  developer: 'dev@acme.test',
  analyst: 'analyst@acme.test',
  viewer: 'viewer@acme.test',
  'other tenant admin': 'admin@globex.test',
};

const DAY = 86_400_000;
const today = () => new Date(Math.floor(Date.now() / DAY) * DAY);

beforeAll(async () => {
  h = await startHarness();
  executor = new CompiledExecutor(h.server.schema);
  audiences.anonymous = { kind: 'anonymous' };
  for (const [name, email] of Object.entries(users)) {
    const token = (await h.signIn(email)).credentials.token!;
    audiences[name] = await credentialsFrom({ authorization: `Bearer ${token}` }, h.services.tokens);
  }
  const admin = await h.signIn(users.admin);
  const found = await admin.ok(`{ complianceFrameworks(first: 5) { nodes { id requirementCount } } agents(first: 3) { nodes { id } } }`);
  const frameworks = [...found.complianceFrameworks.nodes].sort((a, b) => b.requirementCount - a.requirementCount);
  frameworkId = frameworks[0].id;
  expect(frameworks[0].requirementCount).toBeGreaterThan(5);
  agentIds = found.agents.nodes.map((a: { id: string }) => a.id);
  const other = await (
    await h.signIn(users['other tenant admin'])
  ).ok(`mutation { complianceFrameworkCreate(input: { name: "Globex controls" }) { framework { id } userErrors { message } } }`);
  otherFrameworkId = other.complianceFrameworkCreate.framework.id;
  // Hourly latency rollups of the three agents over the three days before today, with whole-number means.
  await h.sql(
    `INSERT INTO metric_rollups_hour (tenant_id, agent_id, name, bucket, count, sum, min, max, p95)
     SELECT a.tenant_id, a.id, 'agent.response_time', $2::timestamptz - make_interval(hours => g), 10 + g % 7, (100 + g) * (10 + g % 7), 5, 500 + g, 300.5 + g
     FROM agents a, generate_series(1, 72) g WHERE a.id = ANY($1::uuid[])`,
    [agentIds.map((id) => Buffer.from(id, 'base64url').toString().split(':')[1]), today()],
  );
}, 90000);
afterAll(() => h.close());

interface Outcome {
  data: unknown;
  errors: { path: (string | number)[]; code: unknown; message: string }[];
  bySql: boolean;
}

async function run(audience: string, query: string, variables: Record<string, unknown>, sql: boolean): Promise<Outcome> {
  const document = parse(query);
  expect(validate(h.server.schema, document)).toEqual([]);
  let ctx: StewardContext;
  try {
    ctx = await createContext(h.services, { credentials: audiences[audience] });
  } catch (error) {
    return { data: null, errors: [{ path: [], code: (error as GraphQLError).extensions?.code, message: (error as Error).message }], bySql: false };
  }
  try {
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    executor.sqlEnabled = sql;
    const before = executor.sql.answered;
    const result = await executor.run(document, operation, ctx, variables);
    const errors = (result.errors ?? []).map((e) => ({ path: [...(e.path ?? [])], code: e.extensions?.code, message: e.message }));
    errors.sort((a, b) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path)) || a.message.localeCompare(b.message));
    return { data: JSON.parse(JSON.stringify(result.data ?? null)), errors, bySql: executor.sql.answered > before };
  } finally {
    executor.sqlEnabled = true;
    await ctx.tx.rollback();
  }
}

const FRAMEWORK = `query($id: ID!) { complianceFramework(id: $id) { name score requirements { code title status parent { code } controls { name status } } } }`;
const chart =
  (extra: Record<string, unknown> = {}) =>
  () => ({
    input: {
      name: 'agent.response_time',
      agentIds,
      from: new Date(today().getTime() - 3 * DAY).toISOString(),
      to: today().toISOString(),
      stepSeconds: 3600,
      ...extra,
    },
  });
const SERIES = `query($input: MetricSeriesInput!) { metricSeries(input: $input) { resolution step series { agent { name } buckets { at avg max p95 } } } }`;

/** Each case: the operation, its variables, and the audiences SQL must answer (every other audience: the executor). */
const cases: { name: string; query: string; variables: () => Record<string, unknown>; bySql: string[] }[] = [
  {
    name: 'the framework page (the bench query)',
    query: FRAMEWORK,
    variables: () => ({ id: frameworkId }),
    bySql: ['admin', 'compliance_officer', 'auditor'],
  },
  {
    name: 'aliases, __typename, repeated fields, fragments on the object type, nested parents and every scalar kind',
    query: `query($id: ID!) { fw: complianceFramework(id: $id) { __typename id title: name name version enabled score lastAssessedAt
      requirementCount applicableRequirementCount ...Counts
      tree: requirements { id ... on ComplianceRequirement { code } code depth weight applicable evidenceRequired notApplicableReason createdAt
        up: parent { __typename code parent { code } } framework { name } controls { id name reviewFrequency evidencePassing automatedPassing lastReviewedAt } } } }
      fragment Counts on ComplianceFramework { metRequirementCount }`,
    variables: () => ({ id: frameworkId }),
    bySql: ['admin', 'compliance_officer', 'auditor'],
  },
  {
    name: 'fields every member reads, without the tree (developers and analysts too)',
    query: `query($id: ID!) { complianceFramework(id: $id) { id name version enabled score } }`,
    variables: () => ({ id: frameworkId }),
    bySql: ['admin', 'compliance_officer', 'auditor', 'developer', 'analyst', 'viewer'],
  },
  {
    name: 'a field refused to most members: the executor answers with its error',
    query: `query($id: ID!) { complianceFramework(id: $id) { name description } }`,
    variables: () => ({ id: frameworkId }),
    bySql: ['admin', 'compliance_officer', 'auditor'],
  },
  {
    name: 'another tenant’s framework: its own members read it by SQL; for everyone else it is not found, by the executor',
    query: FRAMEWORK,
    variables: () => ({ id: otherFrameworkId }),
    bySql: ['other tenant admin'],
  },
  {
    name: 'an id of another type: refused by the executor',
    query: FRAMEWORK,
    variables: () => ({ id: agentIds[0] }),
    bySql: [],
  },
  {
    name: 'a fragment on an interface: the executor',
    query: `query($id: ID!) { complianceFramework(id: $id) { ... on Node { id } name } }`,
    variables: () => ({ id: frameworkId }),
    bySql: [],
  },
  {
    name: 'a directive: the executor',
    query: `query($id: ID!, $yes: Boolean!) { complianceFramework(id: $id) { name score @include(if: $yes) } }`,
    variables: () => ({ id: frameworkId, yes: false }),
    bySql: [],
  },
  {
    name: 'a field the compiler does not know (arguments below the root): the executor',
    query: `query($id: ID!) { complianceFramework(id: $id) { name scoreHistory(days: 7) { day score } } }`,
    variables: () => ({ id: frameworkId }),
    bySql: [],
  },
  {
    name: 'two root fields: the executor',
    query: `query($id: ID!) { complianceFramework(id: $id) { name } viewer { signedIn } }`,
    variables: () => ({ id: frameworkId }),
    bySql: [],
  },
  {
    name: 'the 3-day chart (the bench query’s shape)',
    query: SERIES,
    variables: chart(),
    // Another tenant's members see no series of these agents (not theirs), by SQL as by the executor.
    bySql: ['admin', 'compliance_officer', 'auditor', 'developer', 'analyst', 'other tenant admin'],
  },
  {
    name: 'a chart at another step, every list, aliases, the range and units',
    query: `query($input: MetricSeriesInput!) { chart: metricSeries(input: $input) { __typename resolution step from to
      series { agent { id name } name unit b: buckets { at avg sum min max count p95 } buckets { count } } } }`,
    variables: chart({ stepSeconds: 7200 }),
    bySql: ['admin', 'compliance_officer', 'auditor', 'developer', 'analyst', 'other tenant admin'],
  },
  {
    name: 'a chart selecting points: the executor',
    query: `query($input: MetricSeriesInput!) { metricSeries(input: $input) { series { points { at avg } } } }`,
    variables: chart(),
    bySql: [],
  },
  {
    name: 'a chart with a bad range: refused by the executor',
    query: SERIES,
    variables: chart({ from: today().toISOString() }),
    bySql: [],
  },
];

describe('the SQL compiler against the executor', () => {
  for (const c of cases) {
    it(c.name, async () => {
      for (const audience of Object.keys(audiences)) {
        const variables = c.variables();
        // The executor first: a chart's first answer for a tenant is the executor's (it learns the retention).
        const expected = await run(audience, c.query, variables, false);
        const actual = await run(audience, c.query, variables, true);
        expect({ audience, data: actual.data, errors: actual.errors }).toEqual({ audience, data: expected.data, errors: expected.errors });
        expect({ audience, bySql: actual.bySql }).toEqual({ audience, bySql: c.bySql.includes(audience) });
      }
    });
  }

  it('answers over HTTP with PostgreSQL’s JSON in the body, as the executor would', async () => {
    const auditor = await h.signIn(users.auditor);
    const response = await auditor.gql(FRAMEWORK, { id: frameworkId });
    expect(response.errors).toBeUndefined();
    expect(response.data.complianceFramework.requirements.length).toBeGreaterThan(5);
    const expected = await run('auditor', FRAMEWORK, { id: frameworkId }, false);
    expect(response.data).toEqual(expected.data);
    expect(response.extensions?.requestId).toEqual(expect.any(String));
  });

  it('answers the chart by SQL with every agent’s buckets (what the comparisons above compare is not empty)', async () => {
    // A process's first chart of a tenant is the executor's (it reads the tenant's retention); the next is SQL's.
    await run('analyst', SERIES, chart()(), true);
    const analyst = await run('analyst', SERIES, chart()(), true);
    expect(analyst.bySql).toBe(true);
    const { series, resolution, step } = (
      analyst.data as { metricSeries: { resolution: string; step: number; series: { buckets: { at: string[]; avg: number[] } }[] } }
    ).metricSeries;
    expect({ resolution, step, agents: series.length }).toEqual({ resolution: 'HOUR', step: 3600, agents: 3 });
    expect(series.map((s) => s.buckets.at.length)).toEqual([72, 72, 72]);
    expect(series[0].buckets.at[71]).toBe(new Date(today().getTime() - 3_600_000).toISOString());
    expect(series[0].buckets.avg[71]).toBe(101);
  });

  it('decides rules from the caller alone, and leaves ownership rules undecided', async () => {
    const verdicts: Record<string, unknown> = {};
    for (const audience of ['auditor', 'developer', 'viewer']) {
      const ctx = await createContext(h.services, { credentials: audiences[audience] });
      try {
        verdicts[audience] = {
          control: objectReadable(h.server.schema, ctx, 'ComplianceControl'),
          requirement: objectReadable(h.server.schema, ctx, 'ComplianceRequirement'),
          frameworkName: fieldReadable(h.server.schema, ctx, 'ComplianceFramework', 'name'),
          frameworkDescription: fieldReadable(h.server.schema, ctx, 'ComplianceFramework', 'description'),
        };
      } finally {
        await ctx.tx.rollback();
      }
    }
    expect(verdicts).toEqual({
      // Auditors read every control; developers only those covering their agents (the object decides); viewers none.
      auditor: { control: true, requirement: true, frameworkName: true, frameworkDescription: true },
      developer: { control: undefined, requirement: false, frameworkName: true, frameworkDescription: false },
      viewer: { control: false, requirement: false, frameworkName: true, frameworkDescription: false },
    });
  });

  it('follows row-level security: in a transaction of another tenant the framework is not there, and the executor says so', async () => {
    const other = await run('other tenant admin', FRAMEWORK, { id: frameworkId }, true);
    expect(other.bySql).toBe(false);
    expect(other.errors.map((e) => e.code)).toEqual(['NOT_FOUND']);
  });
});
