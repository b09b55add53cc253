import { stableUuid } from '../src/db/seed/deterministic';
import { Harness, startHarness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  const acme = stableUuid('tenant:acme');
  const globex = stableUuid('tenant:globex');
  // 60 more members, a third of them also in globex, so nested lists have something to batch.
  await h.sql(`
    WITH people AS (
      INSERT INTO users (email, full_name) SELECT 'member' || i || '@acme.test', 'Member ' || i FROM generate_series(1, 60) i RETURNING id, email)
    , acme_members AS (INSERT INTO memberships (tenant_id, user_id, role) SELECT $1, id, 'viewer' FROM people)
    INSERT INTO memberships (tenant_id, user_id, role) SELECT $2, id, 'analyst' FROM people WHERE right(split_part(email, '@', 1), 1) IN ('0', '3', '6')`,
  [acme, globex]);
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
    expect(response.data.agent.createdBy.email).toBe('admin@acme.test');
    expect(response.extensions?.sql.statements).toBe(3);
  });
});
