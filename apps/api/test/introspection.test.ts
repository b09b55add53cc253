import { demoApiKeySecret } from '../src/db/seed/demo-world';
import { Harness, startHarness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ production: true });
});
afterAll(() => h.close());

const INTROSPECT = `{ __schema { queryType { name } } }`;

describe('introspection in production', () => {
  it('is refused to callers who are not signed in', async () => {
    const response = await h.anonymous.gql(INTROSPECT);
    expect(response.data).toBeUndefined();
    expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('is open to signed-in users and API keys, for GraphiQL and code generators', async () => {
    const analyst = await h.signIn('analyst@acme.test');
    expect((await analyst.ok(INTROSPECT)).__schema.queryType.name).toBe('Query');
  });

  it('does not suggest field names to anonymous callers through validation errors either', async () => {
    const response = await h.anonymous.gql(`{ viewr { role } }`);
    expect(response.errors?.[0].message).not.toMatch(/Did you mean/);
  });
});

describe('introspection in production, in any form', () => {
  const forms: [string, string][] = [
    ['an inline fragment', `{ ... on Query { __schema { types { name } } } }`],
    ['a named fragment', `query { ...Everything } fragment Everything on Query { __schema { types { name } } }`],
    ['nested fragments', `{ ... on Query { ...Deeper } } fragment Deeper on Query { ... on Query { __type(name: "Agent") { fields { name } } } }`],
    ['__type', `{ __type(name: "Agent") { fields { name } } }`],
    ['an alias beside data', `{ viewer { signedIn } s: __schema { queryType { name } } }`],
  ];

  it.each(forms)('is refused to anonymous callers through %s', async (_form, query) => {
    const response = await h.anonymous.gql(query);
    expect(response.status).toBe(401);
    expect(response.data).toBeUndefined();
    expect(response.errors?.[0]).toMatchObject({ message: 'Sign in to explore the schema', extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('still answers __typename, which reveals nothing beyond the answer', async () => {
    expect(await h.anonymous.ok(`{ __typename viewer { __typename signedIn } }`)).toEqual({
      __typename: 'Query',
      viewer: { __typename: 'Viewer', signedIn: false },
    });
  });

  it('is open to API keys', async () => {
    const key = h.apiKey(demoApiKeySecret('acme', 'Agent runtime'));
    expect((await key.ok(`{ ... on Query { __schema { queryType { name } } } }`)).__schema.queryType.name).toBe('Query');
  });

  it('does not suggest enum values through a variable that does not fit', async () => {
    const response = await h.anonymous.gql(`mutation($input: ApiKeyCreateInput!) { apiKeyCreate(input: $input) { secret } }`, {
      input: { name: 'x', role: 'admn' },
    });
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].message).not.toMatch(/Did you mean|admin/);
  });
});
