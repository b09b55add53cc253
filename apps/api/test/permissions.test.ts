import { readFileSync } from 'node:fs';
import {
  getNamedType, getNullableType, GraphQLField, GraphQLInputType, isEnumType, isInputObjectType, isListType, isNonNullType,
  isNullableType, isObjectType, isScalarType,
} from 'graphql';
import { permissionFor, permissionsDoc, renderPermissionsMatrix, schemaFields } from '../src/auth/permissions-matrix';
import { Audience, AUDIENCES } from '../src/auth/rules';
import { allPermissions, buildBareSchema } from '../src/graphql/schema';
import { schemaFile, schemaSdl } from '../src/graphql/schema-file';
import { Caller, Harness, startHarness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('the permission map', () => {
  it('has a rule for every field of every object type (deny is only the fallback)', async () => {
    const schema = await buildBareSchema();
    const permissions = allPermissions();
    const unguarded = schemaFields(schema).filter(({ type, field }) => !permissionFor(permissions, type, field));
    expect(unguarded).toEqual([]);
  });

  it('names no type or field that the schema does not have', async () => {
    const schema = await buildBareSchema();
    const stale = Object.entries(allPermissions()).flatMap(([type, fields]) => {
      const graphqlType = schema.getType(type);
      if (!isObjectType(graphqlType)) return [type];
      return Object.keys(fields).filter((f) => f !== '*' && !graphqlType.getFields()[f]).map((f) => `${type}.${f}`);
    });
    expect(stale).toEqual([]);
  });

  it('makes every field nullable whose rule is narrower than its type\'s, so a denial nulls only that field', async () => {
    const schema = await buildBareSchema();
    const permissions = allPermissions();
    const offenders = schemaFields(schema).filter(({ type, field }) => {
      const own = permissions[type]?.[field];
      const typeWide = permissions[type]?.['*'];
      if (!own) return false;
      const narrower = AUDIENCES.some((a) => own.grants(a) !== 'yes' && (!typeWide || typeWide.grants(a) === 'yes'));
      const graphqlType = schema.getType(type);
      return narrower && isObjectType(graphqlType) && !isNullableType(graphqlType.getFields()[field].type);
    });
    expect(offenders).toEqual([]);
  });

  it('is rendered, current, in docs/permissions.md', async () => {
    expect(readFileSync(permissionsDoc, 'utf8')).toBe(renderPermissionsMatrix(await buildBareSchema(), allPermissions()));
  });

  it('comes with a current schema file in packages/schema', async () => {
    expect(readFileSync(schemaFile, 'utf8')).toBe(await schemaSdl());
  });
});

const demoUser: Record<Exclude<Audience, 'anonymous'>, string> = {
  admin: 'admin@acme.test',
  developer: 'dev@acme.test',
  compliance_officer: 'compliance@acme.test',
  analyst: 'analyst@acme.test',
  auditor: 'auditor@acme.test',
  viewer: 'viewer@acme.test',
  platform_admin: 'platform@steward.test',
};

/** A value that passes GraphQL validation for `type`; what the resolver makes of it does not matter here. */
function placeholder(type: GraphQLInputType): unknown {
  const inner = getNullableType(type);
  if (isListType(inner)) return [];
  if (isEnumType(inner)) return inner.getValues()[0].value;
  if (isInputObjectType(inner)) {
    return Object.fromEntries(Object.values(inner.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined).map((f) => [f.name, placeholder(f.type)]));
  }
  if (isScalarType(inner)) {
    return ({ ID: 'VW5rbm93bjowMDAwMDAwMC0wMDAwLTQwMDAtYTAwMC0wMDAwMDAwMDAwMDA', Int: 1, Float: 1, Boolean: false, DateTimeISO: '2999-01-01T00:00:00Z', Decimal: '1' } as Record<string, unknown>)[inner.name] ?? 'x';
  }
  return null;
}

function probe(operation: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): { query: string; variables: Record<string, unknown> } {
  const required = field.args.filter((a) => isNonNullType(a.type));
  const declared = required.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const passed = required.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isScalarType(getNamedType(field.type)) || isEnumType(getNamedType(field.type)) ? '' : ' { __typename }';
  return {
    query: `${operation}${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${selection} }`,
    variables: Object.fromEntries(required.map((a) => [a.name, placeholder(a.type)])),
  };
}

/** A refusal by the shield, as opposed to a resolver's own answer (e.g. sessionRefresh without a token). */
function deniedByShield(error: { message: string; extensions?: Record<string, any> }): boolean {
  return error.extensions?.code === 'FORBIDDEN' || (error.extensions?.code === 'UNAUTHENTICATED' && error.message === 'Sign in to continue');
}

describe.each(AUDIENCES)('as %s, every root field', (audience) => {
  it('is allowed or denied exactly as the permission matrix says', async () => {
    const schema = h.server.schema;
    const permissions = allPermissions();
    const caller = audience === 'anonymous' ? h.anonymous : await h.signIn(demoUser[audience]);
    const fields = [
      ...Object.values(schema.getQueryType()!.getFields()).map((f) => ['query', f] as const),
      // Signing out last: it ends the session the other probes use.
      ...Object.values(schema.getMutationType()!.getFields()).sort((a, b) => Number(a.name === 'sessionRevoke') - Number(b.name === 'sessionRevoke')).map((f) => ['mutation', f] as const),
    ];
    const mismatches: string[] = [];
    for (const [operation, field] of fields) {
      const expected = permissionFor(permissions, operation === 'query' ? 'Query' : 'Mutation', field.name)!.grants(audience);
      if (expected !== 'yes' && expected !== 'no') continue;
      const { query, variables } = probe(operation, field);
      const response = await (caller as Caller).gql(query, variables);
      if (response.errors && !response.errors.every((e) => e.path)) mismatches.push(`${field.name}: the probe itself is invalid: ${response.errors?.[0].message}`);
      const errors = (response.errors ?? []).filter((e) => e.path?.[0] === field.name);
      const codes = errors.map((e) => e.extensions?.code);
      const denied = errors.some(deniedByShield);
      if (denied !== (expected === 'no')) mismatches.push(`${field.name}: expected ${expected}, got ${JSON.stringify(codes)}`);
    }
    expect(mismatches).toEqual([]);
  });
});
