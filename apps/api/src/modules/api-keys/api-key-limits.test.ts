import { Harness, startHarness } from '../../../test/harness';

const CREATE = `mutation($input: ApiKeyCreateInput!) {
  apiKeyCreate(input: $input) { secret apiKey { scopes costPerMinute allowedOperations { name sha256 } } userErrors { field message code } } }`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

async function createKey(input: Record<string, unknown>) {
  const admin = await h.signIn('admin@acme.test');
  return (await admin.ok(CREATE, { input })).apiKeyCreate;
}

describe('API keys for least privilege', () => {
  it('are limited to scopes within their role; a refusal names the permission the scopes leave out', async () => {
    const beyond = await createKey({ name: 'Too wide', role: 'ANALYST', scopes: ['AUDIT_READ'] });
    expect(beyond.userErrors).toEqual([{ field: ['input', 'scopes'], code: 'BAD_USER_INPUT', message: expect.stringContaining('audit.read') }]);

    const created = await createKey({ name: 'Budgets only', role: 'DEVELOPER', scopes: ['BUDGETS_READ'] });
    expect(created.userErrors).toEqual([]);
    expect(created.apiKey.scopes).toEqual(['BUDGETS_READ']);
    const key = h.apiKey(created.secret);
    expect((await key.ok(`{ viewer { permissions } }`)).viewer.permissions).toEqual(['BUDGETS_READ']);
    expect((await key.gql(`{ budgets(first: 1) { nodes { name } } }`)).errors).toBeUndefined();
    const agents = await key.gql(`{ agents(first: 1) { nodes { name configuration } } }`);
    expect(agents.data?.agents.nodes[0].name).toBeTruthy();
    expect(agents.errors?.[0]).toMatchObject({
      message: expect.stringContaining("the API key's scopes do not include agents.write"),
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('may be limited to registered operations: another operation, or a changed document, is refused by name', async () => {
    const registered = 'query AgentNames { agents(first: 2) { nodes { name } } }';
    const created = await createKey({
      name: 'Two operations',
      role: 'VIEWER',
      allowedOperations: [{ document: registered }, { document: 'query Me { viewer { apiKeyName } }' }],
    });
    expect(created.userErrors).toEqual([]);
    expect(created.apiKey.allowedOperations.map((op: { name: string }) => op.name)).toEqual(['AgentNames', 'Me']);
    const key = h.apiKey(created.secret);
    expect((await key.gql(registered)).errors).toBeUndefined();
    // The same operation laid out differently is the same document.
    expect((await key.gql('query AgentNames {\n  agents(first: 2) {\n    nodes { name }\n  }\n}')).errors).toBeUndefined();
    const other = await key.gql('query Other { aiModels(first: 1) { nodes { name } } }');
    expect(other.errors?.[0]).toMatchObject({
      extensions: { code: 'FORBIDDEN' },
      message: 'The API key may not run the operation Other: it may run only AgentNames, Me',
    });
    const changed = await key.gql('query AgentNames { agents(first: 50) { nodes { name } } }');
    expect(changed.errors?.[0].message).toMatch(/may run AgentNames only as registered/);

    const bad = await createKey({ name: 'Bad operation', role: 'VIEWER', allowedOperations: [{ document: '{ viewer { role } }' }] });
    expect(bad.userErrors[0]).toMatchObject({
      field: ['input', 'allowedOperations', '0', 'document'],
      message: 'The operation must hold exactly one named operation',
    });
  });

  it('are held to their cost a minute under concurrency: 429 with Retry-After once it is spent, other keys unaffected', async () => {
    const created = await createKey({ name: 'Small budget', role: 'VIEWER', costPerMinute: 10 });
    expect(created.apiKey.costPerMinute).toBe(10);
    const key = h.apiKey(created.secret);
    const answers = await Promise.all(Array.from({ length: 25 }, () => key.gql(`{ viewer { apiKeyName } }`)));
    const ok = answers.filter((a) => a.status === 200 && !a.errors);
    const limited = answers.filter((a) => a.status === 429);
    const cost = ok[0].extensions?.cost.requested as number;
    expect(ok.length).toBe(Math.floor(10 / cost));
    expect(limited.length).toBe(25 - ok.length);
    expect(limited[0].errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
    const retryAfter = Number(limited[0].headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);

    const tooDear = await key.gql(`{ agents(first: 100) { nodes { name } } }`);
    expect(tooDear.status).toBe(429);
    const other = await createKey({ name: 'Other budget', role: 'VIEWER' });
    expect((await h.apiKey(other.secret).gql(`{ viewer { apiKeyName } }`)).errors).toBeUndefined();
  });

  it("are held to the tenant plan's requests a minute", async () => {
    const created = await createKey({ name: 'Plan limited', role: 'VIEWER' });
    await h.sql(`UPDATE plans SET max_api_requests_per_minute = 3 WHERE code = 'enterprise'`);
    try {
      const key = h.apiKey(created.secret);
      const answers = await Promise.all(Array.from({ length: 6 }, () => key.gql(`{ viewer { apiKeyName } }`)));
      expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(3);
      expect(answers.find((a) => a.status === 429)?.errors?.[0].message).toMatch(/plan allows 3 API requests a minute/);
    } finally {
      await h.sql(`UPDATE plans SET max_api_requests_per_minute = 6000 WHERE code = 'enterprise'`);
    }
  });
});
