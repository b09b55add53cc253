import { execute, GraphQLError, GraphQLSchema, Kind, OperationDefinitionNode, parse, validate } from 'graphql';
import { authorizeSchema } from '../src/auth/authorize';
import { sha256Hex } from '../src/auth/secrets';
import { PermissionMap, signedIn } from '../src/auth/rules';
import { createContext, credentialsFrom, StewardContext } from '../src/context';
import { demoApiKeySecret } from '../src/db/seed/demo-world';
import { CompiledExecutor } from '../src/graphql/compiled-executor';
import { allPermissions, buildBareSchema } from '../src/graphql/schema';
import { Harness, startHarness } from './harness';
import { shieldedSchema } from './reference-shield';

/**
 * The compiled authorization (auth/authorize.ts) against graphql-shield's middleware, which it
 * replaced: nested, permission-sensitive queries for every audience, each run once through each,
 * in a transaction that is rolled back. Data, nulls, error paths, codes and messages must be the same,
 * except for the one documented change (docs/performance.md): when a type's rule refuses an object,
 * the object is null with one error at its own path, where shield nulled each of its selected fields.
 */

type Audience = { name: string; credentials: Parameters<typeof createContext>[1]['credentials'] };

interface Outcome {
  data: unknown;
  errors: { path: (string | number)[]; code: unknown; message: string }[];
  audits: unknown[];
}

let h: Harness;
let compiled: GraphQLSchema;
let executor: CompiledExecutor;
let reference: GraphQLSchema;
let ids: Record<string, string>;
let audiences: Audience[];

const users: Record<string, string> = {
  admin: 'admin@acme.test',
  developer: 'dev@acme.test',
  compliance_officer: 'compliance@acme.test',
  analyst: 'analyst@acme.test',
  auditor: 'auditor@acme.test',
  viewer: 'viewer@acme.test',
  hr_manager: 'hr@acme.test',
  platform_admin: 'platform@steward.test',
  'suspended tenant admin': 'admin@umbrella.test',
};

beforeAll(async () => {
  h = await startHarness();
  compiled = h.server.schema;
  executor = new CompiledExecutor(compiled);
  reference = await shieldedSchema(allPermissions());
  audiences = [{ name: 'anonymous', credentials: { kind: 'anonymous' } }];
  for (const [name, email] of Object.entries(users)) {
    const token = (await h.signIn(email)).credentials.token!;
    audiences.push({ name, credentials: await credentialsFrom({ authorization: `Bearer ${token}` }, h.services.tokens) });
  }
  audiences.push({ name: 'analyst API key', credentials: { kind: 'apiKey', keyHash: sha256Hex(demoApiKeySecret('acme', 'Billing feed')) } });
  const admin = await h.signIn(users.admin);
  const found = await admin.ok(`{
    viewer { tenant { id } user { id } }
    apiKeys(first: 1) { nodes { id } } agents(first: 1) { nodes { id } } costEntries(first: 1) { nodes { id } }
    budgets(first: 1) { nodes { id } } members(first: 1) { nodes { id } } auditEntries(first: 1) { nodes { id } }
  }`);
  ids = {
    tenant: found.viewer.tenant.id,
    user: found.viewer.user.id,
    apiKey: found.apiKeys.nodes[0].id,
    agent: found.agents.nodes[0].id,
    costEntry: found.costEntries.nodes[0].id,
    budget: found.budgets.nodes[0].id,
    membership: found.members.nodes[0].id,
    auditEntry: found.auditEntries.nodes[0].id,
  };
}, 60000);
afterAll(() => h.close());

/**
 * Runs one operation as `audience` in a transaction of its own, rolled back afterwards: through
 * graphql-js, or with `executor` through the server's executor (graphql-jit for queries).
 */
async function run(
  schema: GraphQLSchema,
  audience: Audience,
  query: string,
  variables: Record<string, unknown> = {},
  executor?: CompiledExecutor,
): Promise<Outcome> {
  const document = parse(query);
  expect(validate(schema, document)).toEqual([]);
  let ctx: StewardContext;
  try {
    ctx = await createContext(h.services, { credentials: audience.credentials });
  } catch (error) {
    return { data: null, errors: [{ path: [], code: (error as GraphQLError).extensions?.code, message: (error as Error).message }], audits: [] };
  }
  try {
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    const result = executor
      ? await executor.run(document, operation, ctx, variables)
      : await execute({ schema, document, variableValues: variables, contextValue: ctx });
    const errors = (result.errors ?? []).map((e) => ({ path: [...(e.path ?? [])], code: e.extensions?.code, message: e.message }));
    errors.sort((a, b) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path)) || a.message.localeCompare(b.message));
    return { data: result.data ?? null, errors, audits: [...ctx.audit.pendingFailures] };
  } finally {
    await ctx.tx.rollback();
  }
}

const REFUSED = new Set(['FORBIDDEN', 'UNAUTHENTICATED']);
const TYPE_REFUSAL = /^You are not allowed to read [A-Za-z]+$/;
const isUnder = (path: (string | number)[], prefix: (string | number)[]) => path.length > prefix.length && prefix.every((p, i) => path[i] === p);
const same = (a: Outcome['errors'][number], b: Outcome['errors'][number]) => JSON.stringify(a) === JSON.stringify(b);

function at(data: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((value, key) => (value == null ? value : (value as Record<string | number, unknown>)[key]), data);
}

function nullAt(data: unknown, path: (string | number)[]): void {
  const parent = at(data, path.slice(0, -1));
  if (parent != null) (parent as Record<string | number, unknown>)[path[path.length - 1]] = null;
}

/**
 * The compiled outcome must be the reference's, but where the compiled run refused a whole object by
 * its type's rule: there one error at the object stands for shield's errors on the fields under it,
 * and the object (or, through non-null positions, the nearest nullable position above it) is null.
 */
function expectSameOutcome(ours: Outcome, theirs: Outcome, label: string): { typeRefusals: number } {
  const shared = ours.errors.filter((e) => theirs.errors.some((t) => same(e, t)));
  const moved = ours.errors.filter((e) => !shared.includes(e));
  const expectedData = structuredClone(theirs.data);
  for (const error of moved) {
    const replaced = theirs.errors.filter((t) => isUnder(t.path, error.path));
    const explained =
      REFUSED.has(String(error.code)) &&
      replaced.length > 0 &&
      replaced.every((t) => t.code === error.code) &&
      (replaced.some((t) => t.message === error.message) || TYPE_REFUSAL.test(error.message));
    if (!explained) throw new Error(`${label}: an error shield did not give: ${JSON.stringify(error)}\n shield: ${JSON.stringify(theirs.errors)}`);
    // Where our null landed: the object itself, or the nearest nullable position above it.
    let landed = error.path;
    while (landed.length && at(ours.data, landed) !== null) landed = landed.slice(0, -1);
    nullAt(expectedData, landed);
  }
  const unexplained = theirs.errors.filter((t) => !ours.errors.some((e) => same(e, t) || (moved.includes(e) && isUnder(t.path, e.path))));
  if (unexplained.length) throw new Error(`${label}: shield gave errors we do not: ${JSON.stringify(unexplained)}`);
  expect({ label, data: ours.data }).toEqual({ label, data: expectedData });
  expect({ label, audits: ours.audits }).toEqual({ label, audits: theirs.audits });
  return { typeRefusals: moved.length };
}

const queries: { name: string; query: string; variables?: () => Record<string, unknown> }[] = [
  {
    name: 'the viewer, their user, memberships and tenant',
    query: `{ viewer { signedIn role isPlatformAdmin apiKeyName
      user { fullName email lastLoginAt memberships { role tenant { slug resourceLimits { maxAgents } } } }
      tenant { name status resourceLimits { maxAgents } } memberships { role user { fullName email } tenant { slug } } } }`,
  },
  {
    name: 'an agent page with builder-only, money and governance fields',
    query: `{ agents(first: 3) { edges { cursor node { id name configuration toolPolicy costPerRequest costTotal(days: 30)
      createdBy { fullName email lastLoginAt } model { name configuration } policiesInScope { name rules { name } latestEvaluationRun { status } }
      channels { name config } skills { config } violations(first: 2) { nodes { message policy { name } } } } } } }`,
  },
  {
    name: 'budgets and alerts: governance objects with money fields',
    query: `{ budgets(first: 3) { nodes { name amount currentSpend thresholds currentPeriod { start } createdBy { email } agent { name } } }
      alerts(first: 3) { nodes { message spend threshold budget { name amount } } } }`,
  },
  {
    name: 'admin and auditor lists',
    query: `{ apiKeys(first: 2) { nodes { name role createdBy { email } } } invitations(first: 2) { nodes { email } }
      auditEntries(first: 2) { nodes { action } } members(first: 3) { nodes { role user { fullName email lastLoginAt } } } }`,
  },
  {
    name: 'objects of every kind through node(id:) and nodes(ids:): the type decides',
    query: `query($ids: [ID!]!, $apiKey: ID!) {
      nodes(ids: $ids) { id ... on ApiKey { name prefix } ... on Agent { name costTotal } ... on User { fullName email memberships { role } }
        ... on CostEntry { amount } ... on Budget { name amount } ... on Membership { role } ... on Tenant { name resourceLimits { maxAgents } }
        ... on AuditEntry { action } }
      node(id: $apiKey) { ... on ApiKey { name } } }`,
    variables: () => ({ ids: Object.values(ids), apiKey: ids.apiKey }),
  },
  {
    name: 'costs and platform lists',
    query: `{ costEntries(first: 2) { nodes { amount service } } tenants(first: 2) { nodes { name } } tenant { name resourceLimits { maxAgents } } }`,
  },
  {
    name: 'policies with their rules, versions and violations',
    query: `{ policies(first: 2) { nodes { name rules { name } versions(first: 1) { nodes { version } } } }
      policyViolations(first: 2) { nodes { message agent { name configuration } } } }`,
  },
  {
    name: 'a refused mutation (its denial is audited)',
    query: `mutation($id: ID!) { agentArchive(input: { agentId: $id }) { agent { name } } }`,
    variables: () => ({ id: ids.agent }),
  },
];

describe('compiled authorization against graphql-shield', () => {
  it.each(queries.map((q) => [q.name, q] as const))(
    '%s: the same answer for every audience',
    async (name, { query, variables }) => {
      const answers = new Set<string>();
      let typeRefusals = 0;
      for (const audience of audiences) {
        const vars = variables?.() ?? {};
        const ours = await run(compiled, audience, query, vars);
        // The compiled executor (what the server runs) gives graphql-js's answer exactly: data, nulls, errors, audits.
        expect({ audience: audience.name, outcome: await run(compiled, audience, query, vars, executor) }).toEqual({ audience: audience.name, outcome: ours });
        typeRefusals += expectSameOutcome(ours, await run(reference, audience, query, vars), `${audience.name}`).typeRefusals;
        answers.add(JSON.stringify(ours));
      }
      // Permission-sensitive: the audiences do not all get the same answer.
      expect(answers.size).toBeGreaterThan(2);
      if (name.startsWith('objects of every kind')) expect(typeRefusals).toBeGreaterThan(5);
    },
    120000,
  );

  it('moves the error of an object refused by its type to the object, reached through a field that was allowed', async () => {
    const viewer = audiences.find((a) => a.name === 'viewer')!;
    const query = `query($id: ID!) { node(id: $id) { id ... on ApiKey { name prefix } } }`;
    const ours = await run(compiled, viewer, query, { id: ids.apiKey });
    const theirs = await run(reference, viewer, query, { id: ids.apiKey });
    expect(await run(compiled, viewer, query, { id: ids.apiKey }, executor)).toEqual(ours);
    expect(ours).toEqual({ data: { node: null }, errors: [{ path: ['node'], code: 'FORBIDDEN', message: 'You are not allowed to read ApiKey' }], audits: [] });
    expect(theirs.data).toEqual({ node: null });
    // Shield refused the fields themselves (graphql-js keeps the first error of the non-null ones).
    expect(theirs.errors.length).toBeGreaterThan(0);
    expect(theirs.errors.every((e) => e.path.length === 2 && e.path[0] === 'node' && e.message.startsWith('You are not allowed to read ApiKey.'))).toBe(true);
    expect(expectSameOutcome(ours, theirs, 'viewer').typeRefusals).toBe(1);

    // Stricter than shield, which answered __typename of an object whose fields it would refuse.
    const typename = `query($ids: [ID!]!) { nodes(ids: $ids) { __typename } }`;
    expect(await run(reference, viewer, typename, { ids: [ids.apiKey, ids.agent] })).toMatchObject({
      data: { nodes: [{ __typename: 'ApiKey' }, { __typename: 'Agent' }] },
      errors: [],
    });
    expect(await run(compiled, viewer, typename, { ids: [ids.apiKey, ids.agent] }, executor)).toEqual(
      await run(compiled, viewer, typename, { ids: [ids.apiKey, ids.agent] }),
    );
    expect(await run(compiled, viewer, typename, { ids: [ids.apiKey, ids.agent] })).toEqual({
      data: { nodes: [null, { __typename: 'Agent' }] },
      errors: [{ path: ['nodes', 0], code: 'FORBIDDEN', message: 'You are not allowed to read ApiKey' }],
      audits: [],
    });
  });

  it("checks a field whose rule is looser than its type's on its own, as shield did", async () => {
    // ApiKey is for admins and auditors; here its name is opened to anyone signed in.
    const looser: PermissionMap = { ...allPermissions() };
    looser.ApiKey = { ...looser.ApiKey, name: signedIn };
    const ours = await buildBareSchema();
    const plan = authorizeSchema(ours, looser);
    expect(plan.objectChecked).not.toContain('ApiKey');
    expect(plan.fieldChecked).toEqual(expect.arrayContaining(['ApiKey.name', 'ApiKey.prefix']));
    const theirs = await shieldedSchema(looser);
    const query = `query($id: ID!) { node(id: $id) { ... on ApiKey { name } } apiKeys(first: 1) { nodes { name } } }`;
    for (const audience of audiences) {
      const outcome = await run(ours, audience, query, { id: ids.apiKey });
      expect(expectSameOutcome(outcome, await run(theirs, audience, query, { id: ids.apiKey }), audience.name).typeRefusals).toBe(0);
      if (audience.name === 'viewer') expect(outcome.data).toEqual({ node: { name: expect.any(String) }, apiKeys: null });
    }
  }, 120000);

  it("leaves the fields that share their type's rule unguarded, and checks the others", async () => {
    const plan = authorizeSchema(await buildBareSchema(), allPermissions());
    expect(plan.objectChecked).toEqual(expect.arrayContaining(['Agent', 'User', 'Membership', 'ApiKey', 'AgentConnection', 'AgentEdge']));
    expect(plan.fieldChecked).toEqual(expect.arrayContaining(['Agent.configuration', 'Agent.costTotal', 'User.email', 'Query.agents', 'Mutation.agentCreate']));
    expect(plan.fieldChecked).not.toContain('Agent.name');
    expect(plan.fieldChecked).not.toContain('User.fullName');
    expect(plan.fieldChecked).not.toContain('Query.viewer');
  });
});
