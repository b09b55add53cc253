import { FieldNode, GraphQLResolveInfo, OperationDefinitionNode, parse } from 'graphql';
import { Client } from 'pg';
import { ReadModel, Selection } from '../src/graphql/read-model';
import { User } from '../src/modules/users';
import { Caller, Harness, startHarness } from './harness';

// Every statement the server sends, as PostgreSQL receives its text. Installed before the harness
// opens its pool, so every connection goes through it.
const sent: string[] = [];
const send = Client.prototype.query;
jest.spyOn(Client.prototype, 'query').mockImplementation(function (this: Client, ...args: unknown[]) {
  const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string } | undefined)?.text;
  if (text) sent.push(text);
  return (send as (...a: unknown[]) => unknown).apply(this, args);
} as typeof send);

let h: Harness;
let admin: Caller;
beforeAll(async () => {
  h = await startHarness();
  admin = await h.signIn('admin@acme.test');
});
afterAll(() => h.close());

/** The statements one request sent that read `table` (as `FROM table` or a join of it). */
async function statementsReading(caller: Caller, table: string, query: string, variables: Record<string, unknown> = {}): Promise<string[]> {
  sent.length = 0;
  const response = await caller.gql(query, variables);
  expect(response.errors).toBeUndefined();
  return sent.filter((sql) => new RegExp(`(FROM|JOIN) ${table}\\b`).test(sql));
}

describe('hot reads select only the columns the query selects', () => {
  it('read the agent columns asked for, and no other', async () => {
    const [lean] = await statementsReading(admin, 'agents', `{ agents(first: 3) { nodes { name } } }`);
    expect(lean).toMatch(/\ba\.name\b/);
    for (const column of ['description', 'configuration', 'tool_policy', 'tags', 'capabilities', 'last_active_at', 'updated_at'])
      expect(lean).not.toContain(column);

    const [wider] = await statementsReading(admin, 'agents', `{ agents(first: 3) { nodes { name description tags } } }`);
    expect(wider).toMatch(/\ba\.description\b/);
    expect(wider).toMatch(/\ba\.tags\b/);
    expect(wider).not.toContain('configuration');
  });

  it('read a joined relation with the columns selected under it, in the same statement', async () => {
    const statements = await statementsReading(admin, 'agents', `{ agents(first: 3) { nodes { name createdBy { fullName } } } }`);
    expect(statements).toHaveLength(1);
    const [page] = statements;
    expect(page).toMatch(/LEFT JOIN users \w+ ON/);
    expect(page).toContain('full_name');
    for (const column of ['email', 'last_login_at', 'avatar_url', 'password_hash']) expect(page).not.toContain(column);
  });

  it("read an agent page's policies in scope with only the policy columns selected", async () => {
    const [policies] = await statementsReading(admin, 'policies', `{ agents(first: 5) { nodes { name policiesInScope { name } } } }`);
    const selectList = policies.slice(0, policies.indexOf(' FROM '));
    expect(selectList).toMatch(/\bp\.name\b/);
    for (const column of ['description', 'rules', 'scope_tags', 'created_at']) expect(selectList).not.toContain(`p.${column}`);
  });

  it('read members with only the user columns selected, never the password hash', async () => {
    const [page] = await statementsReading(admin, 'memberships', `{ members(first: 3) { nodes { role user { fullName } } } }`);
    expect(page).toContain('u.full_name');
    expect(page).not.toContain('u.email');
    expect(page).not.toContain('password_hash');
    const [everything] = await statementsReading(
      admin,
      'memberships',
      `{ members(first: 3) { nodes { user { id email fullName avatarUrl isActive emailVerified lastLoginAt createdAt } } } }`,
    );
    expect(everything).toContain('u.email');
    expect(everything).not.toContain('password_hash');
  });

  it('read a point read by node(id:) with the columns of the fragment', async () => {
    const id = (await admin.ok(`{ agents(first: 1) { nodes { id } } }`)).agents.nodes[0].id;
    const [point] = await statementsReading(admin, 'agents', `query($id: ID!) { node(id: $id) { ... on Agent { status } } }`, { id });
    expect(point).toContain('status');
    expect(point).not.toContain('description');
  });
});

describe('relations, per-parent lists and the other lists read only what is selected', () => {
  /** The select list of a statement, up to its FROM. */
  const selectList = (sql: string) => sql.slice(0, sql.indexOf(' FROM '));

  it("read a relation by id (a budget's agent and creator) with the columns selected under it", async () => {
    const [agents] = await statementsReading(admin, 'agents', `{ budgets(first: 3) { nodes { name agent { name } } } }`);
    expect(selectList(agents)).toMatch(/\br\.name\b/);
    for (const column of ['description', 'configuration', 'tool_policy', 'tags', 'capabilities']) expect(selectList(agents)).not.toContain(column);
    const [users] = await statementsReading(admin, 'users', `{ budgets(first: 3) { nodes { createdBy { fullName } } } }`);
    expect(selectList(users)).toContain('full_name');
    for (const column of ['email', 'avatar_url', 'password_hash']) expect(selectList(users)).not.toContain(column);
  });

  it("read a violation's policy, decision and agent with the columns selected", async () => {
    const statements = await statementsReading(admin, 'policies', `{ policyViolations(first: 3) { nodes { policy { name } } } }`);
    const policies = statements.find((sql) => /FROM policies r\b/.test(sql))!;
    expect(selectList(policies)).toContain('r.name');
    for (const column of ['rules', 'description', 'scope_tags']) expect(selectList(policies)).not.toContain(column);
  });

  it('read API keys with the columns selected, the status from its two columns, never the hash', async () => {
    const [names] = await statementsReading(admin, 'api_keys', `{ apiKeys(first: 3) { nodes { name } } }`);
    expect(selectList(names)).toContain('k.name');
    for (const column of ['key_hash', 'last_used_at', 'revoked_at', 'prefix']) expect(selectList(names)).not.toContain(column);
    const [status] = await statementsReading(admin, 'api_keys', `{ apiKeys(first: 3) { nodes { status } } }`);
    for (const column of ['revoked_at', 'expires_at']) expect(selectList(status)).toContain(column);
    expect(selectList(status)).not.toContain('key_hash');
  });

  it('read invitations with the columns selected, never the token hash', async () => {
    const [emails] = await statementsReading(admin, 'invitations', `{ invitations(first: 3) { nodes { email } } }`);
    expect(selectList(emails)).toContain('i.email');
    for (const column of ['token_hash', 'accepted_at', 'role']) expect(selectList(emails)).not.toContain(column);
  });

  it("read an agent page's channels, skills and activity with the columns selected, the sealed secrets only for their names", async () => {
    const [channels] = await statementsReading(admin, 'agent_channels', `{ agents(first: 3) { nodes { channels { name } } } }`);
    expect(selectList(channels)).toContain('r.name');
    for (const column of ['secrets', 'config', 'created_by_id']) expect(selectList(channels)).not.toContain(column);
    const [secrets] = await statementsReading(admin, 'agent_channels', `{ agents(first: 3) { nodes { channels { configuredSecrets } } } }`);
    expect(selectList(secrets)).toContain('secrets');
    const [skills] = await statementsReading(admin, 'skill_installations', `{ agents(first: 3) { nodes { skills { grantedPermissions } } } }`);
    expect(selectList(skills)).toContain('granted_permissions');
    expect(selectList(skills)).not.toMatch(/\bconfig\b/);
    const activity = await statementsReading(admin, 'agent_activities', `{ agents(first: 3) { nodes { activity(first: 2) { nodes { summary } } } } }`);
    const rows = activity.find((sql) => /FROM agent_activities r\b/.test(sql))!;
    expect(selectList(rows)).toContain('r.summary');
    expect(selectList(rows)).not.toContain('details');
  });

  it("read a user's memberships with the columns selected (and the user, which the rule reads)", async () => {
    const [memberships] = await statementsReading(admin, 'memberships', `{ viewer { user { memberships { role } } } }`);
    expect(selectList(memberships)).toContain('r.role');
    expect(selectList(memberships)).toContain('r.user_id');
    expect(selectList(memberships)).not.toContain('created_at AS');
  });

  it('read anew after a mutation: a later payload in the same operation sees what an earlier mutation wrote', async () => {
    const [agent] = await h.sql<{ id: string; name: string }>(`SELECT a.id, a.name FROM agents a JOIN tenants t ON t.id = a.tenant_id
      WHERE t.slug = 'acme' AND a.status = 'draft' ORDER BY a.name LIMIT 1`);
    expect(agent).toBeDefined();
    const agentId = Buffer.from(`Agent:${agent.id}`).toString('base64url');
    const budget = (name: string) => ({ name, scope: 'AGENT', agentId, period: 'MONTHLY', amount: '10' });
    const response = await admin.gql(
      `mutation($first: BudgetCreateInput!, $rename: AgentUpdateInput!, $second: BudgetCreateInput!) {
        first: budgetCreate(input: $first) { budget { agent { name } } userErrors { message } }
        rename: agentUpdate(input: $rename) { userErrors { message } }
        second: budgetCreate(input: $second) { budget { agent { name } } userErrors { message } }
      }`,
      { first: budget('Read anew 1'), rename: { agentId, name: `${agent.name} renamed` }, second: budget('Read anew 2') },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data.rename.userErrors).toEqual([]);
    expect(response.data.first.budget.agent.name).toBe(agent.name);
    expect(response.data.second.budget.agent.name).toBe(`${agent.name} renamed`);
  });
});

describe('a read model reads the whole row for a field it does not know, never a column TypeORM keeps out of selects', () => {
  it('plans every readable user column, and not the password hash or lock state, for an undeclared field', () => {
    const bare = new ReadModel(User, { table: 'users', always: ['uuid'] });
    const [operation] = parse(`{ viewer { user { fullName memberships { role } } } }`).definitions as OperationDefinitionNode[];
    const viewer = operation.selectionSet.selections[0] as FieldNode;
    const user = viewer.selectionSet!.selections[0] as FieldNode;
    const info = { fieldNodes: [user], fragments: {}, returnType: h.server.schema.getType('User'), variableValues: {} } as unknown as GraphQLResolveInfo;
    const { select } = bare.plan(h.dataSource, 'u', Selection.of(info));
    for (const column of ['email', 'full_name', 'last_login_at', 'created_at']) expect(select).toContain(`u.${column} `);
    for (const column of ['password_hash', 'failed_login_count', 'locked_until']) expect(select).not.toContain(column);
  });
});

describe('authorization still sees what its rules read when the query does not select it', () => {
  it("lets a member of a suspended tenant read their own memberships (the rule reads the membership's user)", async () => {
    const suspended = await h.signIn('admin@umbrella.test');
    const response = await suspended.gql(`{ viewer { memberships { role } } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data.viewer.memberships.length).toBeGreaterThan(0);
  });

  it("shows a viewer their own email among the members and refuses the others' (the rule reads the user's id)", async () => {
    const viewer = await h.signIn('viewer@acme.test');
    const response = await viewer.gql(`{ members(first: 50) { nodes { user { email } } } }`);
    const emails = response.data.members.nodes.map((n: { user: { email: string | null } }) => n.user.email);
    expect(emails.filter(Boolean)).toEqual(['viewer@acme.test']);
    expect(response.errors?.length).toBe(emails.length - 1);
    expect(new Set(response.errors?.map((e) => e.extensions?.code))).toEqual(new Set(['FORBIDDEN']));
  });
});
