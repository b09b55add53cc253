import { stableUuid } from '../src/db/seed/deterministic';
import { toGlobalId } from '../src/graphql/global-id';
import { Caller, Harness, startHarness } from './harness';

let h: Harness;
let admin: Caller;
beforeAll(async () => {
  h = await startHarness();
  admin = await h.signIn('admin@acme.test');
});
afterAll(() => h.close());

describe('bad input', () => {
  it('names the field of a malformed id', async () => {
    const response = await admin.gql(`mutation { apiKeyRevoke(input: { apiKeyId: "not-an-id" }) { apiKey { id } } }`);
    expect(response.errors?.[0]).toMatchObject({
      message: 'input.apiKeyId is not a valid ApiKey id',
      extensions: { code: 'BAD_USER_INPUT', field: 'input.apiKeyId' },
    });
    const wrongType = toGlobalId('Membership', stableUuid('membership:acme:viewer@acme.test'));
    const response2 = await admin.gql(`mutation($id: ID!) { apiKeyRevoke(input: { apiKeyId: $id }) { apiKey { id } } }`, { id: wrongType });
    expect(response2.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('names the field of an over-long string and a bad email, and writes nothing', async () => {
    const [{ n: before }] = await h.sql(`SELECT count(*)::int AS n FROM invitations`);
    const long = await admin.gql(`mutation($name: String!) { apiKeyCreate(input: { name: $name, role: VIEWER }) { apiKey { id } } }`, {
      name: 'k'.repeat(101),
    });
    expect(long.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.name', message: expect.stringMatching(/100/) }] });
    const email = await admin.gql(`mutation { invitationCreate(input: { email: "not-an-email", role: VIEWER }) { token } }`);
    expect(email.errors?.[0].message).toMatch(/input\.email: email must be an email address/);
    const [{ n: after }] = await h.sql(`SELECT count(*)::int AS n FROM invitations`);
    expect(after).toBe(before);
  });

  it('names the operation it cannot find, instead of failing inside', async () => {
    const post = (body: unknown) => fetch(`${h.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const missing = await post({ query: 'query A { __typename } query B { __typename }', operationName: 'Missing' });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { errors: unknown[] }).errors).toEqual([
      expect.objectContaining({
        message: 'The document has no operation named "Missing"',
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'operationName' }),
      }),
    ]);
    const unnamed = await post({ query: 'query A { __typename } query B { __typename }' });
    expect(unnamed.status).toBe(400);
    expect(((await unnamed.json()) as { errors: unknown[] }).errors[0]).toMatchObject({
      message: 'The document holds several operations: name the one to run in operationName',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const chosen = await post({ query: 'query A { __typename } query B { __typename }', operationName: 'B' });
    expect(await chosen.json()).toMatchObject({ data: { __typename: 'Query' } });
  });

  it('refuses an unknown enum value before anything runs', async () => {
    const response = await admin.gql(`mutation { apiKeyCreate(input: { name: "k", role: superuser }) { apiKey { id } } }`);
    expect(response.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.[0].message).toMatch(/superuser/);
  });

  it('refuses page sizes over the maximum, and a cursor from elsewhere', async () => {
    const big = await admin.gql(`{ members(first: 101) { nodes { role } } }`);
    expect(big.errors?.[0]).toMatchObject({ message: 'first must be between 0 and 100', extensions: { code: 'BAD_USER_INPUT', field: 'first' } });
    const cursor = await admin.gql(`{ members(after: "bm9wZQ") { nodes { role } } }`);
    expect(cursor.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('operation limits', () => {
  it('report the static cost of every operation in extensions.cost', async () => {
    const small = await admin.gql(`{ viewer { role } }`);
    const paged = await admin.gql(`{ members(first: 20) { nodes { role user { fullName } } } }`);
    expect(small.extensions?.cost.requested).toBeLessThan(paged.extensions?.cost.requested);
    expect(paged.extensions?.cost).toEqual({ requested: expect.any(Number), limit: 20000 });
    expect(paged.extensions?.cost.requested).toBeGreaterThanOrEqual(20 * 3);
  });

  it('refuse an over-budget operation with COST_LIMIT before it runs', async () => {
    const page = `members(first: 100) { edges { cursor node { role createdAt user { fullName memberships { role tenant { name slug } } } } } }`;
    const query = `{ ${Array.from({ length: 20 }, (_, i) => `m${i}: ${page}`).join(' ')} }`;
    const response = await admin.gql(query);
    expect(response.data).toBeUndefined();
    expect(response.status).toBe(400);
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'COST_LIMIT', maxCost: 20000 });
    expect(response.extensions?.sql.statements).toBe(2);
  });

  it("let GraphiQL's full introspection query through", async () => {
    const { getIntrospectionQuery } = await import('graphql');
    const response = await admin.gql(getIntrospectionQuery());
    expect(response.errors).toBeUndefined();
    expect(response.data.__schema.types.length).toBeGreaterThan(20);
  });
});

describe('errors', () => {
  it('never carry stack traces, SQL or paths to the client', async () => {
    const spy = jest.spyOn(h.services.tokens, 'verify').mockRejectedValueOnce(new Error('relation "secret_table" does not exist at /srv/app/x.ts:1'));
    const response = await admin.gql(`{ viewer { role } }`);
    spy.mockRestore();
    const text = JSON.stringify(response);
    expect(text).not.toMatch(/secret_table|\/srv\/|stack|\.ts:/);
    expect(response.status).toBeGreaterThanOrEqual(400);
  });

  it('mask an unexpected resolver failure as INTERNAL, keeping the rest of the response', async () => {
    const consultant = await h.signIn('consultant@steward.test');
    const globex = toGlobalId('Tenant', stableUuid('tenant:globex'));
    const spy = jest
      .spyOn(h.services.tokens, 'issue')
      .mockRejectedValueOnce(new Error('duplicate key in "sessions_pkey" at /srv/steward/session.service.ts:42'));
    const response = await consultant.gql(`mutation($id: ID!) { sessionTenantSwitch(input: { tenantId: $id }) { accessToken } }`, { id: globex });
    spy.mockRestore();
    expect(response.errors).toEqual([
      {
        message: 'Something went wrong on our side; it has been logged',
        path: ['sessionTenantSwitch'],
        locations: expect.anything(),
        extensions: { code: 'INTERNAL' },
      },
    ]);
    expect(response.data).toEqual({ sessionTenantSwitch: null });
    expect(response.extensions?.requestId).toEqual(expect.any(String));
    const [entry] = await h.sql(`SELECT outcome, error_code FROM audit_entries WHERE request_id = $1`, [response.extensions?.requestId]);
    expect(entry).toEqual({ outcome: 'failure', error_code: 'INTERNAL' });
  });
});

describe('the HTTP surface', () => {
  it('blocks cross-site simple requests (CSRF prevention)', async () => {
    const response = await fetch(`${h.url}/graphql?query=${encodeURIComponent('{ viewer { role } }')}`, { headers: { cookie: 'steward_refresh=x' } });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/i);
  });

  it('answers /healthz and /readyz', async () => {
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${h.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('echoes a request id, and uses it in the audit log', async () => {
    const caller = new Caller(h.url, { ...admin.credentials, headers: { 'x-request-id': 'trace-me-123' } });
    const response = await caller.gql(`mutation { userProfileUpdate(input: { fullName: "Ada A. Admin" }) { user { fullName } } }`);
    expect(response.headers.get('x-request-id')).toBe('trace-me-123');
    expect(response.extensions?.requestId).toBe('trace-me-123');
    const [entry] = await h.sql(`SELECT action FROM audit_entries WHERE request_id = 'trace-me-123'`);
    expect(entry.action).toBe('user.profileUpdate');
  });
});

describe('global ids', () => {
  it('are opaque and resolve through node(id:) and nodes(ids:)', async () => {
    const me = await admin.ok(`{ viewer { user { id } tenant { id } } }`);
    expect(me.viewer.user.id).not.toMatch(/[0-9a-f]{8}-/);
    const nodes = await admin.ok(`query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, { ids: [me.viewer.user.id, me.viewer.tenant.id, 'garbage'] });
    expect(nodes.nodes).toEqual([{ __typename: 'User', id: me.viewer.user.id }, { __typename: 'Tenant', id: me.viewer.tenant.id }, null]);
  });
});
