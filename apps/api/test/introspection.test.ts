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
