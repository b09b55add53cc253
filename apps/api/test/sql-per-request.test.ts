import { getNamedType, GraphQLField, GraphQLObjectType, isLeafType, isNonNullType, isObjectType } from 'graphql';
import { stableUuid } from '../src/db/seed/deterministic';
import { parseGlobalId, toGlobalId } from '../src/graphql/global-id';
import { Caller, Harness, startHarness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  const acme = stableUuid('tenant:acme');
  const globex = stableUuid('tenant:globex');
  // 60 more members, a third of them also in globex, so nested lists have something to batch.
  await h.sql(
    `
    WITH people AS (
      INSERT INTO users (email, full_name) SELECT 'member' || i || '@acme.test', 'Member ' || i FROM generate_series(1, 60) i RETURNING id, email)
    , acme_members AS (INSERT INTO memberships (tenant_id, user_id, role) SELECT $1, id, 'viewer' FROM people)
    INSERT INTO memberships (tenant_id, user_id, role) SELECT $2, id, 'analyst' FROM people WHERE right(split_part(email, '@', 1), 1) IN ('0', '3', '6')`,
    [acme, globex],
  );
});
afterAll(() => h.close());

const NESTED = `query($first: Int!) {
  members(first: $first) { nodes { role createdAt user { fullName email memberships { role tenant { name slug } } } tenant { name } } } }`;

describe('SQL statements per request', () => {
  it('do not grow with the number of rows of a nested page: every relation goes through a DataLoader', async () => {
    const admin = await h.signIn('admin@acme.test');
    const counts: Record<number, number> = {};
    for (const first of [5, 20, 50]) {
      const response = await admin.gql(NESTED, { first });
      expect(response.errors).toBeUndefined();
      expect(response.data.members.nodes).toHaveLength(first);
      counts[first] = response.extensions?.sql.statements;
    }
    expect(counts[50]).toBe(counts[5]);
    expect(counts[20]).toBe(counts[5]);
    // The opening batch, the page, one batch per relation (memberships, tenants), and COMMIT.
    expect(counts[50]).toBeLessThanOrEqual(6);
  });

  it('cost one round trip to open the request, whatever the caller', async () => {
    const admin = await h.signIn('admin@acme.test');
    const response = await admin.gql(`{ viewer { role } }`);
    // BEGIN + role + caller check travel together, then COMMIT.
    expect(response.extensions?.sql.statements).toBe(2);
  });
});

describe('SQL statements per request on agents', () => {
  const W1 = `query($first: Int!) { agents(first: $first) { nodes { name createdBy { fullName email } model { name } policiesInScope { name } } } }`;

  it('join the creator and model into the page, so the W1 page costs two data statements at any size', async () => {
    const admin = await h.signIn('admin@acme.test');
    const counts: number[] = [];
    for (const first of [2, 8]) {
      const response = await admin.gql(W1, { first });
      expect(response.errors).toBeUndefined();
      expect(response.data.agents.nodes).toHaveLength(first);
      expect(response.data.agents.nodes.some((a: { createdBy: unknown; model: unknown }) => a.createdBy && a.model)).toBe(true);
      counts.push(response.extensions?.sql.statements);
    }
    // Opening batch, the page with its joins, policies in scope for the whole page, COMMIT.
    expect(counts).toEqual([4, 4]);
  });

  it('read one agent with its creator in one data statement (W3)', async () => {
    const admin = await h.signIn('admin@acme.test');
    const page = await admin.ok(`{ agents(first: 1) { nodes { id } } }`);
    const response = await admin.gql(`query($id: ID!) { agent(id: $id) { name status createdBy { fullName email } } }`, { id: page.agents.nodes[0].id });
    // The seed has each tenant's developer register its agents.
    expect(response.data.agent.createdBy.email).toBe('dev@acme.test');
    expect(response.extensions?.sql.statements).toBe(3);
  });
});

/** Statements that open (BEGIN, role, caller check: one round trip) and end (COMMIT) every request: not data. */
const TRANSACTION_CONTROL = 2;

describe("data statements of the bench's workloads (apps/api/bench/workloads.ts)", () => {
  async function dataStatements(caller: Caller, query: string, variables: Record<string, unknown>): Promise<number> {
    const response = await caller.gql(query, variables);
    expect(response.errors).toBeUndefined();
    return response.extensions?.sql.statements - TRANSACTION_CONTROL;
  }

  it('W0 members page: three, at a page of 5 as at 50 (the viewer, their memberships with tenants, members with users)', async () => {
    const admin = await h.signIn('admin@acme.test');
    const W0 = `query($first: Int!) {
      viewer { user { fullName email } memberships { role tenant { name } } }
      members(first: $first) { edges { node { role user { fullName email } } } } }`;
    const page = await admin.ok(W0, { first: 50 });
    expect(page.members.edges).toHaveLength(50);
    expect(page.members.edges.every((e: any) => e.node.user.fullName)).toBe(true);
    expect(page.viewer.memberships.every((m: any) => m.tenant.name)).toBe(true);
    expect([await dataStatements(admin, W0, { first: 5 }), await dataStatements(admin, W0, { first: 50 })]).toEqual([3, 3]);
  });

  it('W1 agent page: two, at any page size (the page with creator and model, then policies in scope)', async () => {
    const admin = await h.signIn('admin@acme.test');
    const W1 = `query($first: Int!) { agents(first: $first) { nodes { name createdBy { fullName email } model { name } policiesInScope { name } } } }`;
    expect([await dataStatements(admin, W1, { first: 2 }), await dataStatements(admin, W1, { first: 8 })]).toEqual([2, 2]);
  });

  it("W2 cost rollup: one, at any page size (each agent's 30-day total computed in the page's statement)", async () => {
    const admin = await h.signIn('admin@acme.test');
    const W2 = `query($first: Int!) { agents(first: $first) { nodes { name costTotal(days: 30) } } }`;
    expect([await dataStatements(admin, W2, { first: 2 }), await dataStatements(admin, W2, { first: 8 })]).toEqual([1, 1]);
    // Two windows in one page are both computed in it; the resolver still refuses bad arguments itself.
    expect(await dataStatements(admin, `{ agents(first: 3) { nodes { month: costTotal(days: 30) week: costTotal(days: 7) } } }`, {})).toBe(1);
    const refused = await admin.gql(`{ agents(first: 1) { nodes { costTotal(days: 0) } } }`);
    expect(refused.errors?.[0].message).toBe('days must be between 1 and 1096');
  });

  it('W3 point read: one, for the agent with its creator, by agent(id:) and by node(id:)', async () => {
    const admin = await h.signIn('admin@acme.test');
    const id = (await admin.ok(`{ agents(first: 1) { nodes { id } } }`)).agents.nodes[0].id;
    expect(await dataStatements(admin, `query($id: ID!) { agent(id: $id) { name status createdBy { fullName email } } }`, { id })).toBe(1);
    expect(await dataStatements(admin, `query($id: ID!) { node(id: $id) { ... on Agent { name status createdBy { fullName email } } } }`, { id })).toBe(1);
  });

  it("M1/M2 30-day chart at an hourly step: one, for one agent as for every agent (the series with their agents' names and the retention settings)", async () => {
    const admin = await h.signIn('admin@acme.test');
    const M1 = `query($input: MetricSeriesInput!) { metricSeries(input: $input) { resolution step series { agent { name } buckets { at avg max p95 } } } }`;
    const agents = (await admin.ok(`{ agents(first: 50) { nodes { id } } }`)).agents.nodes.map((a: { id: string }) => a.id);
    const input = { name: 'agent.response_time', from: new Date(Date.now() - 30 * 86_400_000).toISOString(), stepSeconds: 3600 };
    const counts: number[] = [];
    const seriesCounts: number[] = [];
    // The process's first chart of a tenant reads its retention first (two statements); later ones plan with it and
    // read it again in the series' statement.
    const first = await admin.gql(M1, { input: { ...input, agentIds: agents } });
    expect(first.extensions?.sql.statements - TRANSACTION_CONTROL).toBeLessThanOrEqual(2);
    for (const agentIds of [[toGlobalId('Agent', stableUuid('agent:acme:Code Reviewer'))], agents]) {
      const response = await admin.gql(M1, { input: { ...input, agentIds } });
      expect(response.errors).toBeUndefined();
      expect(response.data.metricSeries.resolution).toBe('HOUR');
      seriesCounts.push(response.data.metricSeries.series.length);
      counts.push(response.extensions?.sql.statements - TRANSACTION_CONTROL);
    }
    // The seeded week of telemetry: more agents, more series, the same statements.
    expect(seriesCounts[0]).toBe(1);
    expect(seriesCounts[1]).toBeGreaterThan(3);
    expect(counts).toEqual([1, 1]);
  });
});

/** The fields of `type` that take no required argument and return a scalar or enum. */
function leaves(type: GraphQLObjectType): string[] {
  return Object.values(type.getFields())
    .filter((f) => isLeafType(getNamedType(f.type)) && !f.args.some((a) => isNonNullType(a.type)))
    .map((f) => f.name);
}

function nodeTypeOf(connection: GraphQLObjectType): GraphQLObjectType | null {
  const nodes = connection.getFields().nodes;
  const node = nodes && getNamedType(nodes.type);
  return node && isObjectType(node) ? node : null;
}

/** A relation of a node, one level deep: an object's leaves, or a nested connection's first nodes. */
function relationSelection(field: GraphQLField<unknown, unknown>): string | null {
  const type = getNamedType(field.type);
  if (!isObjectType(type) || field.args.some((a) => isNonNullType(a.type))) return null;
  const nested = nodeTypeOf(type);
  if (nested) return `${field.name}(first: 3) { totalCount nodes { ${leaves(nested).join(' ')} } }`;
  return `${field.name} { ${leaves(type).join(' ') || '__typename'} }`;
}

/**
 * Every list on Query, with every field of its nodes and every relation of them one level deep, read
 * from the schema itself: a new list or relation is measured without a change here.
 */
function everyList(schema: GraphQLSchemaLike): { name: string; query: string }[] {
  return Object.values(schema.getQueryType()!.getFields()).flatMap((field) => {
    const type = getNamedType(field.type);
    const node = isObjectType(type) ? nodeTypeOf(type) : null;
    if (!node || field.args.some((a) => isNonNullType(a.type))) return [];
    const relations = Object.values(node.getFields())
      .map(relationSelection)
      .filter((r): r is string => r !== null);
    return [
      { name: field.name, query: `query($first: Int!) { ${field.name}(first: $first) { totalCount nodes { ${[...leaves(node), ...relations].join(' ')} } } }` },
    ];
  });
}
type GraphQLSchemaLike = { getQueryType(): GraphQLObjectType | null | undefined };

/** Rows for every list of acme, newest first, with their relations filled, so a page of five has something to batch. */
async function arrangeEveryList(): Promise<void> {
  const acme = stableUuid('tenant:acme');
  const admin = stableUuid('user:admin@acme.test');
  const args = [acme, admin];
  await h.sql(
    `INSERT INTO api_keys (tenant_id, name, role, prefix, key_hash, created_by_id)
    SELECT $1, 'Listed key ' || i, 'viewer', 'stw_list' || i, md5('listed key ' || i), $2 FROM generate_series(1, 5) i`,
    args,
  );
  // Recently deleted: workflows deleted softly by the admin.
  await h.sql(
    `INSERT INTO workflows (tenant_id, name, type, trigger_kind, graph, deleted_at, deleted_by_id)
    SELECT $1, 'Deleted workflow ' || i, 'automation', 'manual', '{"nodes":[],"edges":[]}', now() - i * interval '1 minute', $2 FROM generate_series(1, 6) i`,
    args,
  );
  await h.sql(
    `INSERT INTO invitations (tenant_id, email, role, token_hash, expires_at, invited_by_id)
    SELECT $1, 'listed' || i || '@acme.test', 'viewer', md5('listed invitation ' || i), now() + interval '1 day', $2 FROM generate_series(1, 6) i`,
    args,
  );
  await h.sql(
    `INSERT INTO agent_activities (tenant_id, agent_id, type, summary, actor_user_id)
    SELECT tenant_id, id, 'status', 'Listed', $2 FROM agents WHERE tenant_id = $1`,
    args,
  );
  await h.sql(
    `INSERT INTO policy_violations (tenant_id, policy_id, policy_version, rule_name, agent_id, agent_name, severity, enforcement, message, observed,
      status, waiver_reason, waived_by_id, waived_at, detected_at)
    SELECT a.tenant_id, p.id, p.version, 'Listed rule', a.id, a.name, 'low', 'audit', 'Listed', '{}', 'waived', 'Listed', $2, now(), now() + interval '1 minute'
    FROM agents a JOIN LATERAL (SELECT id, version FROM policies WHERE tenant_id = a.tenant_id ORDER BY created_at LIMIT 1) p ON true WHERE a.tenant_id = $1`,
    args,
  );
  await h.sql(
    `INSERT INTO budgets (tenant_id, name, scope, agent_id, period, amount, created_by_id, created_at)
    SELECT a.tenant_id, 'Listed budget ' || a.name, 'agent', a.id, 'monthly', 100, $2, now() + interval '1 minute' FROM agents a WHERE a.tenant_id = $1`,
    args,
  );
  await h.sql(
    `INSERT INTO alerts (tenant_id, source, severity, status, message, budget_id, period_start, period_end, threshold, spend,
      acknowledged_at, acknowledged_by_id, resolved_at, resolved_by_id, created_at)
    SELECT tenant_id, 'budget', 'warning', 'resolved', 'Listed', id, date_trunc('month', now())::date, (date_trunc('month', now()) + interval '1 month - 1 day')::date,
      80, 80, now(), $2, now(), $2, now() + interval '1 minute'
    FROM budgets WHERE tenant_id = $1 AND name LIKE 'Listed budget %'`,
    args,
  );
  // An alert rule per agent, firing for it, with the alert it raised.
  await h.sql(
    `WITH rules AS (
       INSERT INTO alert_rules (tenant_id, name, condition, window_minutes, for_minutes, severity, created_by_id, created_at)
       SELECT a.tenant_id, 'Listed rule ' || a.name, 'window.errorRate > 0.5', 5, 0, 'warning', $2, now() + interval '1 minute' FROM agents a WHERE a.tenant_id = $1
       RETURNING id, tenant_id, name),
     raised AS (
       INSERT INTO alerts (tenant_id, source, severity, message, alert_rule_id, agent_id, episode_started_at, created_at)
       SELECT r.tenant_id, 'metric_rule', 'warning', 'Listed', r.id, a.id, now(), now() + interval '2 minutes'
       FROM rules r JOIN agents a ON a.tenant_id = r.tenant_id AND r.name = 'Listed rule ' || a.name RETURNING id, alert_rule_id, agent_id)
     INSERT INTO alert_rule_states (tenant_id, rule_id, agent_id, pending_since, firing_since, alert_id, last_value, evaluated_at)
     SELECT $1, alert_rule_id, agent_id, now(), now(), id, true, now() FROM raised`,
    args,
  );
  // Compliance: frameworks, controls linked to a policy, exceptions, evidence, records and exports, enough of each for a page of five.
  await h.sql(
    `WITH f AS (INSERT INTO compliance_frameworks (tenant_id, name, created_by_id) SELECT $1, 'Listed framework ' || i, $2 FROM generate_series(1, 6) i RETURNING id),
     r AS (INSERT INTO compliance_requirements (tenant_id, framework_id, code, title) SELECT $1, id, 'L1', 'Listed' FROM f RETURNING id),
     c AS (INSERT INTO compliance_controls (tenant_id, name, owner_id) SELECT $1, 'Listed control ' || i, $2 FROM generate_series(1, 6) i RETURNING id),
     m AS (INSERT INTO compliance_control_requirements (tenant_id, control_id, requirement_id)
           SELECT $1, c.id, r.id FROM (SELECT id, row_number() OVER () n FROM c) c JOIN (SELECT id, row_number() OVER () n FROM r) r USING (n)),
     p AS (INSERT INTO compliance_control_policies (tenant_id, control_id, policy_id) SELECT $1, c.id, pol.id FROM c, (SELECT id FROM policies WHERE tenant_id = $1 LIMIT 2) pol),
     e AS (INSERT INTO compliance_evidence (tenant_id, control_id, kind, title, note, uploaded_by_id) SELECT $1, id, 'note', 'Listed evidence', 'listed', $2 FROM c),
     x AS (INSERT INTO compliance_exceptions (tenant_id, control_id, reason, approved_by_id, expires_at) SELECT $1, id, 'Listed', $2, now() + interval '1 day' FROM c),
     rec AS (INSERT INTO compliance_records (tenant_id, kind, subject_kind, subject_name, agent_id, risk_score, created_by_id)
             SELECT $1, 'kyc', 'agent', 'Listed', (SELECT id FROM agents WHERE tenant_id = $1 LIMIT 1), 5, $2 FROM generate_series(1, 6))
     INSERT INTO compliance_exports (tenant_id, framework_id, framework_name, period_start, period_end, requested_by_id)
     SELECT $1, id, 'Listed', '2026-01-01', '2026-01-31', $2 FROM f`,
    args,
  );
  // HR records (their personal fields are null for an admin: sealed stand-ins do).
  await h.sql(
    `INSERT INTO hr_records (tenant_id, kind, subject_name_sealed, subject_email_sealed, data_sealed, created_by_id)
     SELECT $1, 'candidate', 'v2:x:a:b:c', 'v2:x:a:b:c', 'v2:x:a:b:c', $2 FROM generate_series(1, 6)`,
    args,
  );
  await h.sql(
    `INSERT INTO personal_data_exports (tenant_id, subject_user_id, requested_by_id, status, progress) SELECT $1, $2, $2, 'ready', 100 FROM generate_series(1, 6)`,
    args,
  );
  // Approval requests waiting for the admin, each with a step, a decision and a comment.
  await h.sql(
    `WITH r AS (INSERT INTO approval_requests (tenant_id, kind, title, current_level, deadline, requested_by_id)
       SELECT $1, 'manual', 'Listed request ' || i, 1, now() + make_interval(hours => i), $3 FROM generate_series(1, 6) i RETURNING id, tenant_id),
     s AS (INSERT INTO approval_steps (tenant_id, request_id, level, name, mode, deciders, eligible_ids, status)
       SELECT tenant_id, id, 1, 'Listed', 'majority', '[]', ARRAY[$2::uuid, $3::uuid], 'pending' FROM r RETURNING id, tenant_id, request_id),
     d AS (INSERT INTO approval_decisions (tenant_id, request_id, step_id, level, decider_id, value) SELECT tenant_id, request_id, id, 1, $3, 'approve' FROM s)
     INSERT INTO approval_comments (tenant_id, request_id, author_id, body) SELECT tenant_id, id, $2, 'Listed' FROM r`,
    [...args, stableUuid('user:compliance@acme.test')],
  );
  await h.sql(
    `WITH w AS (INSERT INTO workflows (tenant_id, name, type, trigger_kind, graph, created_by_id)
       SELECT $1, 'Listed workflow ' || i, 'automation', 'manual', '{"nodes":[],"edges":[]}', $2 FROM generate_series(1, 6) i RETURNING id, tenant_id, graph)
     INSERT INTO workflow_versions (tenant_id, workflow_id, version, graph, created_by_id) SELECT tenant_id, id, 1, graph, $2 FROM w`,
    args,
  );
  await h.sql(
    `WITH e AS (INSERT INTO workflow_executions (tenant_id, workflow_id, version, started_by_id) SELECT tenant_id, id, 1, $2 FROM workflows WHERE tenant_id = $1 AND name LIKE 'Listed workflow %'
       RETURNING id, tenant_id),
     r AS (INSERT INTO workflow_node_runs (tenant_id, execution_id, node_id, node_type, step) SELECT tenant_id, id, 'start', 'start', 1 FROM e RETURNING id, tenant_id, execution_id)
     INSERT INTO workflow_execution_events (tenant_id, execution_id, node_run_id, node_id, to_status, actor_label, actor_user_id) SELECT tenant_id, execution_id, id, 'start', 'pending', 'probe', $2 FROM r`,
    args,
  );
  // Webhook endpoints, each with a delivery and its first attempt.
  await h.sql(
    `WITH e AS (INSERT INTO webhook_endpoints (tenant_id, url, secret_sealed) SELECT $1, 'https://hooks.example.com/listed/' || i, 'v2:probe:a:b:c' FROM generate_series(1, 6) i
       RETURNING id, tenant_id),
     d AS (INSERT INTO webhook_deliveries (tenant_id, endpoint_id, message_id, event_type) SELECT tenant_id, id, 'msg_listed_' || id, 'webhook.test' FROM e RETURNING id, tenant_id)
     INSERT INTO webhook_delivery_attempts (tenant_id, delivery_id, attempt, attempted_at, duration_ms) SELECT tenant_id, id, 1, now(), 1 FROM d`,
    [acme],
  );
}

describe('SQL statements per request, for every list and its relations', () => {
  const SMALL = 2;
  const LARGE = 5;
  let admin: Caller;
  let platform: Caller;
  beforeAll(async () => {
    await arrangeEveryList();
    admin = await h.signIn('admin@acme.test');
    platform = await h.signIn('platform@steward.test');
    // Audit entries with an actor and an entity, newest first.
    for (const { id } of await h.sql(`SELECT id FROM api_keys WHERE name LIKE 'Listed key %'`)) {
      await admin.ok(`mutation($input: ApiKeyRevokeInput!) { apiKeyRevoke(input: $input) { userErrors { message } } }`, {
        input: { apiKeyId: toGlobalId('ApiKey', id) },
      });
    }
  });

  it('covers every connection on Query', () => {
    const names = everyList(h.server.schema).map((l) => l.name);
    expect(names).toEqual(expect.arrayContaining(['agents', 'policies', 'policyViolations', 'policyDecisions', 'members', 'auditEntries', 'tenants']));
  });

  it('are the same for a page of five as for a page of two, for every list', async () => {
    const problems: string[] = [];
    for (const { name, query } of everyList(h.server.schema)) {
      const counts: number[] = [];
      const sizes: number[] = [];
      for (const first of [SMALL, LARGE]) {
        let response = await admin.gql(query, { first });
        if (response.errors?.some((e) => e.path?.length === 1 && e.extensions?.code === 'FORBIDDEN')) response = await platform.gql(query, { first });
        if (response.errors) problems.push(`${name}: ${response.errors[0].path?.join('.')}: ${response.errors[0].message}`);
        counts.push(response.extensions?.sql.statements);
        sizes.push(response.data?.[name]?.nodes.length ?? 0);
      }
      if (sizes[1] <= sizes[0])
        problems.push(`${name}: a page of ${LARGE} has ${sizes[1]} rows, no more than a page of ${SMALL}: arrange more rows (arrangeEveryList)`);
      if (counts[1] !== counts[0]) problems.push(`${name}: ${counts[0]} statements for ${SMALL} rows, ${counts[1]} for ${LARGE}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('nested connections read for a whole page of parents at once', () => {
  const FEED = `activity(first: $first, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { summary occurredAt } }`;

  it('give each parent the page, cursors and count it would get alone, forwards and backwards', async () => {
    const admin = await h.signIn('admin@acme.test');
    const acme = stableUuid('tenant:acme');
    await h.sql(
      `INSERT INTO agent_activities (tenant_id, agent_id, type, summary, occurred_at)
      SELECT a.tenant_id, a.id, 'message', a.name || ' #' || i, now() - (i || ' minutes')::interval
      FROM (SELECT * FROM agents WHERE tenant_id = $1 ORDER BY name LIMIT 3) a, generate_series(1, 4) i`,
      [acme],
    );
    const together = (await admin.ok(`query($first: Int!, $after: String) { agents(first: 10) { nodes { id name ${FEED} } } }`, { first: 3 })).agents.nodes;
    expect(together.filter((a: any) => a.activity.totalCount >= 4).length).toBeGreaterThanOrEqual(3);
    for (const agent of together) {
      const alone = (await admin.ok(`query($id: ID!, $first: Int!, $after: String) { agent(id: $id) { ${FEED} } }`, { id: agent.id, first: 3 })).agent;
      expect(agent.activity).toEqual(alone.activity);
      const [{ n }] = await h.sql(`SELECT count(*)::int AS n FROM agent_activities WHERE agent_id = $1`, [parseGlobalIdOrFail(agent.id)]);
      expect(agent.activity.totalCount).toBe(n);
    }
    const busy = together.filter((a: any) => a.activity.pageInfo.hasNextPage);
    expect(busy.length).toBeGreaterThanOrEqual(3);
    const next = (
      await admin.ok(`query($first: Int!, $after: String) { agents(first: 10) { nodes { id ${FEED} } } }`, {
        first: 3,
        after: busy[0].activity.pageInfo.endCursor,
      })
    ).agents.nodes;
    const following = next.find((a: any) => a.id === busy[0].id).activity;
    expect(following.pageInfo.hasPreviousPage).toBe(true);
    const all = (
      await h.sql(`SELECT summary FROM agent_activities WHERE agent_id = $1 ORDER BY occurred_at DESC, id DESC`, [parseGlobalIdOrFail(busy[0].id)])
    ).map((r) => r.summary);
    expect([...busy[0].activity.nodes, ...following.nodes].map((e: any) => e.summary)).toEqual(all.slice(0, 3 + following.nodes.length));

    const last = (await admin.ok(`{ agents(first: 10) { nodes { id activity(last: 2) { pageInfo { hasPreviousPage } nodes { summary } } } } }`)).agents.nodes;
    const oldest = last.find((a: any) => a.id === busy[0].id).activity;
    expect(oldest).toEqual({ pageInfo: { hasPreviousPage: true }, nodes: all.slice(-2).map((summary) => ({ summary })) });
  });

  it('refuse a page size out of range for every parent with the same clear error', async () => {
    const admin = await h.signIn('admin@acme.test');
    const response = await admin.gql(`{ agents(first: 2) { nodes { name activity(first: 101) { nodes { summary } } } } }`);
    expect(response.data.agents.nodes.map((a: any) => a.activity)).toEqual([null, null]);
    expect(response.errors?.map((e) => [e.path?.join('.'), e.extensions?.code, e.message])).toEqual([
      ['agents.nodes.0.activity', 'BAD_USER_INPUT', 'first must be between 0 and 100'],
      ['agents.nodes.1.activity', 'BAD_USER_INPUT', 'first must be between 0 and 100'],
    ]);
  });
});

function parseGlobalIdOrFail(id: string): string {
  const parsed = parseGlobalId(id);
  if (!parsed) throw new Error(`not a global id: ${id}`);
  return parsed.id;
}
