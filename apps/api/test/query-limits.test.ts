import 'reflect-metadata';
import { getIntrospectionQuery } from 'graphql';
import { MAX_ALIASES, MAX_DEPTH, MAX_DIRECTIVES, MAX_SCHEMA_READS, MAX_TOKENS } from '../src/graphql/limits';
import { Caller, Harness, startHarness } from './harness';

let h: Harness;
let analyst: Caller;
beforeAll(async () => {
  h = await startHarness({ production: true });
  analyst = await h.signIn('analyst@acme.test');
});
afterAll(() => h.close());

/** `user { memberships { user { … fullName } } }`: `levels` levels counting the leaf, alternating from `first`. */
function chain(first: 'user' | 'memberships', levels: number): string {
  const order = first === 'user' ? ['user', 'memberships'] : ['memberships', 'user'];
  const objects = Array.from({ length: levels - 1 }, (_, i) => order[i % 2]);
  const leaf = objects[objects.length - 1] === 'user' ? 'fullName' : 'role';
  return `${objects.map((f) => `${f} {`).join(' ')} ${leaf} ${'}'.repeat(objects.length)}`;
}

/** `{ viewer { user { memberships { … } } } }`, `levels` fields deep. */
const nested = (levels: number) => `{ viewer { ${chain('user', levels - 1)} } }`;

function expectLimit(
  response: { status: number; data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] },
  limit: Record<string, number>,
  message: RegExp,
) {
  expect(response.data).toBeUndefined();
  expect(response.status).toBe(400);
  expect(response.errors?.[0].extensions).toMatchObject({ code: 'COST_LIMIT', ...limit });
  expect(response.errors?.[0].message).toMatch(message);
}

describe('query limits count the operation as it will run', () => {
  it('count introspection fields as aliases, like any other field', async () => {
    const many = `{ ${Array.from({ length: 100 }, (_, i) => `s${i}: __schema { types { name fields { name } } }`).join(' ')} }`;
    expectLimit(await analyst.gql(many), { aliases: 100, maxAliases: MAX_ALIASES }, new RegExp(`100 aliases; at most ${MAX_ALIASES}`));
    const typenames = `{ ${Array.from({ length: MAX_ALIASES + 1 }, (_, i) => `t${i}: __typename`).join(' ')} viewer { role } }`;
    expect((await analyst.gql(typenames)).errors).toBeUndefined();
  });

  it('read the whole schema once per operation, however the reads are written', async () => {
    const twice = `{ a: __schema { queryType { name } } ...B } fragment B on Query { ... on Query { b: __schema { queryType { name } } } }`;
    expectLimit(await analyst.gql(twice), { schemaReads: 2, maxSchemaReads: MAX_SCHEMA_READS }, /reads the whole schema \(__schema\) 2 times; at most 1/);
    const spreadTwice = `{ ...S ...S x: viewer { role } } fragment S on Query { __schema { queryType { name } } }`;
    expect((await analyst.gql(spreadTwice)).data.__schema.queryType.name).toBe('Query');
  });

  it('count aliases once for every place a fragment is spread', async () => {
    const fragment = `fragment Roles on Viewer { ${Array.from({ length: 8 }, (_, i) => `r${i}: role`).join(' ')} }`;
    const query = `{ ${Array.from({ length: 4 }, (_, i) => `v${i}: viewer { ...Roles }`).join(' ')} } ${fragment}`;
    expectLimit(await analyst.gql(query), { aliases: 36, maxAliases: MAX_ALIASES }, /36 aliases/);
  });

  it('count depth inside introspection and through fragments', async () => {
    const typeRef = (levels: number): string => (levels === 0 ? 'name' : `name ofType { ${typeRef(levels - 1)} }`);
    const deepIntrospection = `{ __type(name: "Agent") { fields { type { ${typeRef(MAX_DEPTH)} } } } }`;
    expectLimit(
      await analyst.gql(deepIntrospection),
      { depth: MAX_DEPTH + 4, maxDepth: MAX_DEPTH },
      new RegExp(`${MAX_DEPTH + 4} levels deep; at most ${MAX_DEPTH}`),
    );
    const throughFragments = `{ ...A } fragment A on Query { viewer { ...B } } fragment B on Viewer { user { ...C } } fragment C on User { ${chain('memberships', MAX_DEPTH - 1)} }`;
    expectLimit(await analyst.gql(throughFragments), { depth: MAX_DEPTH + 1, maxDepth: MAX_DEPTH }, /levels deep/);
    expectLimit(await analyst.gql(nested(MAX_DEPTH + 1)), { depth: MAX_DEPTH + 1, maxDepth: MAX_DEPTH }, /levels deep/);
    expect((await analyst.gql(nested(MAX_DEPTH))).errors).toBeUndefined();
  });

  it('bound directives and tokens', async () => {
    const directives = `{ viewer { ${'role @include(if: true) '.repeat(MAX_DIRECTIVES + 1)} } }`;
    expectLimit(
      await analyst.gql(directives),
      { directives: MAX_DIRECTIVES + 1, maxDirectives: MAX_DIRECTIVES },
      new RegExp(`${MAX_DIRECTIVES + 1} directives; at most ${MAX_DIRECTIVES}`),
    );
    const tokens = `{ viewer { ${'role '.repeat(MAX_TOKENS)} } }`;
    expectLimit(await analyst.gql(tokens), { maxTokens: MAX_TOKENS }, new RegExp(`more than ${MAX_TOKENS} tokens`));
  });

  it('let the standard introspection query of GraphiQL and code generators through', async () => {
    const full = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
      oneOf: true,
    });
    const response = await analyst.gql(full);
    expect(response.errors).toBeUndefined();
    expect(response.data.__schema.types.length).toBeGreaterThan(20);
  });
});

describe('limits measured once per document', () => {
  it('cost the same document anew for other variables, and refuse it again every time it is over a limit', async () => {
    const page = `query($n: Int) { agents(first: $n) { nodes { name } } }`;
    const cost = async (n: number) => (await analyst.gql(page, { n })).extensions?.cost.requested as number;
    const small = await cost(5);
    const large = await cost(50);
    expect(large).toBeGreaterThan(small);
    expect(await cost(5)).toBe(small);
    expect(await cost(50)).toBe(large);
    for (let i = 0; i < 2; i++) expectLimit(await analyst.gql(nested(MAX_DEPTH + 1)), { depth: MAX_DEPTH + 1, maxDepth: MAX_DEPTH }, /levels deep/);
  });
});
