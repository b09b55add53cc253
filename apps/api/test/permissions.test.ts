import { readFileSync } from 'node:fs';
import {
  getNamedType,
  getNullableType,
  GraphQLField,
  GraphQLInputType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isNullableType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { permissionFor, permissionsDoc, renderPermissionsMatrix, schemaFields } from '../src/auth/permissions-matrix';
import { PERMISSION_NAMES, PermissionName } from '../src/auth/permissions';
import { Role } from '../src/auth/roles';
import { Audience, AUDIENCES, PermissionMap } from '../src/auth/rules';
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
      return Object.keys(fields)
        .filter((f) => f !== '*' && !graphqlType.getFields()[f])
        .map((f) => `${type}.${f}`);
    });
    expect(stale).toEqual([]);
  });

  it("makes every field nullable whose rule is narrower than its type's, so a denial nulls only that field", async () => {
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
  hr_manager: 'hr@acme.test',
  platform_admin: 'platform@steward.test',
};

/** A value that passes GraphQL validation for `type`; what the resolver makes of it does not matter here. */
function placeholder(type: GraphQLInputType): unknown {
  const inner = getNullableType(type);
  if (isListType(inner)) return [];
  if (isEnumType(inner)) return inner.getValues()[0].name;
  if (isInputObjectType(inner)) {
    return Object.fromEntries(
      Object.values(inner.getFields())
        .filter((f) => isNonNullType(f.type) && f.defaultValue === undefined)
        .map((f) => [f.name, placeholder(f.type)]),
    );
  }
  if (isScalarType(inner)) {
    return (
      (
        {
          ID: 'VW5rbm93bjowMDAwMDAwMC0wMDAwLTQwMDAtYTAwMC0wMDAwMDAwMDAwMDA',
          Int: 1,
          Float: 1,
          Boolean: false,
          DateTimeISO: '2999-01-01T00:00:00Z',
          LocalDate: '2999-01-01',
          Decimal: '1',
          JSONObject: {},
        } as Record<string, unknown>
      )[inner.name] ?? 'x'
    );
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

type Probed = readonly ['query' | 'mutation', GraphQLField<unknown, unknown>];

/**
 * Probes every root field as `caller` and lists where the shield's answer differs from `permissions`, read for
 * `audience`: a column of the matrix, or the permissions a custom role holds.
 */
async function probeMismatches(caller: Caller, audience: Audience | ReadonlySet<string>, fields: Probed[], permissions: PermissionMap): Promise<string[]> {
  const mismatches: string[] = [];
  for (const [operation, field] of fields) {
    const permission = permissionFor(permissions, operation === 'query' ? 'Query' : 'Mutation', field.name);
    if (!permission) {
      mismatches.push(`${field.name}: has no rule in the permission map (denied by the fallback)`);
      continue;
    }
    const expected = typeof audience === 'string' ? permission.grants(audience) : permission.holds(audience);
    if (expected !== 'yes' && expected !== 'no') continue;
    const { query, variables } = probe(operation, field);
    const response = await caller.gql(query, variables);
    if (response.errors && !response.errors.every((e) => e.path))
      mismatches.push(`${field.name}: the probe itself is invalid: ${response.errors?.[0].message}`);
    const errors = (response.errors ?? []).filter((e) => e.path?.[0] === field.name);
    const codes = errors.map((e) => e.extensions?.code);
    const denied = errors.some(deniedByShield);
    if (denied !== (expected === 'no')) mismatches.push(`${field.name}: expected ${expected}, got ${JSON.stringify(codes)}`);
  }
  return mismatches;
}

function rootFields(): Probed[] {
  const schema = h.server.schema;
  return [
    ...Object.values(schema.getQueryType()!.getFields()).map((f) => ['query', f] as const),
    // Signing out last: it ends the session the other probes use.
    ...Object.values(schema.getMutationType()!.getFields())
      .sort((a, b) => Number(a.name === 'sessionRevoke') - Number(b.name === 'sessionRevoke'))
      .map((f) => ['mutation', f] as const),
  ];
}

describe.each(AUDIENCES)('as %s, every root field', (audience) => {
  it('is allowed or denied exactly as the permission matrix says', async () => {
    const caller = audience === 'anonymous' ? h.anonymous : await h.signIn(demoUser[audience]);
    expect(await probeMismatches(caller, audience, rootFields(), allPermissions())).toEqual([]);
  });
});

/** A new member of acme holding a new custom role with exactly `permissions`, signed in. */
async function customRoleMember(label: string, permissions: string[]): Promise<Caller> {
  const email = `custom-${label.replace(/[^a-z]/g, '-')}@acme.test`;
  const [{ tenant_id: tenantId, password_hash: hash }] = await h.sql(
    `SELECT m.tenant_id, u.password_hash FROM users u JOIN memberships m ON m.user_id = u.id JOIN tenants t ON t.id = m.tenant_id
     WHERE u.email = 'viewer@acme.test' AND t.slug = 'acme'`,
  );
  const [{ id: roleId }] = await h.sql(`INSERT INTO roles (tenant_id, name, permissions) VALUES ($1, $2, $3) RETURNING id`, [
    tenantId,
    `Only ${label}`,
    permissions,
  ]);
  const [{ id: userId }] = await h.sql(`INSERT INTO users (email, full_name, password_hash, email_verified) VALUES ($1, $2, $3, true) RETURNING id`, [
    email,
    `Custom ${label}`,
    hash,
  ]);
  await h.sql(`INSERT INTO memberships (tenant_id, user_id, custom_role_id) VALUES ($1, $2, $3)`, [tenantId, userId, roleId]);
  return h.signIn(email, 'acme');
}

describe.each<[PermissionName | null]>([[null], ...PERMISSION_NAMES.map((name): [PermissionName] => [name])])(
  'a custom role holding only %s, on every root field',
  (name) => {
    it('is allowed or denied exactly as its permissions open the matrix', async () => {
      const permissions = name ? [name] : [];
      const caller = await customRoleMember(name ?? 'nothing', permissions);
      const { viewer } = await caller.ok(`{ viewer { role isMember permissions } }`);
      expect(viewer).toMatchObject({ role: null, isMember: true });
      expect(viewer.permissions).toEqual(expect.arrayContaining(permissions.map((p) => p.toUpperCase().replace('.', '_'))));
      expect(await probeMismatches(caller, new Set(permissions), rootFields(), allPermissions())).toEqual([]);
    });
  },
);

describe('the root-field probe', () => {
  it('names a root field that has no rule instead of failing on it', async () => {
    const { agents: _agents, ...otherQueries } = allPermissions().Query;
    const withoutAgents = { ...allPermissions(), Query: otherQueries };
    const agents = rootFields().filter(([, f]) => f.name === 'agents' || f.name === 'viewer');
    expect(await probeMismatches(h.anonymous, 'anonymous', agents, withoutAgents)).toEqual([
      'agents: has no rule in the permission map (denied by the fallback)',
    ]);
  });
});

/**
 * Who may read the most sensitive fields, written out by hand rather than read from the rule map, so
 * a loosened rule (and a permissions.md regenerated to match it) still fails here. Each field is
 * reached by every route given; an audience can read it when some route returns its parent without
 * an error on the field.
 */
const SENSITIVE: { field: string; routes: string[]; readers: Audience[] }[] = [
  { field: 'Query.apiKeys', routes: ['apiKeys(first: 1) { nodes { id } }'], readers: [Role.ADMIN, Role.AUDITOR] },
  { field: 'AiModel.configuration', routes: ['aiModels(first: 1) { nodes { configuration } }'], readers: [Role.ADMIN, Role.DEVELOPER] },
  {
    field: 'Policy.versions',
    routes: ['policies(first: 1) { nodes { versions(first: 1) { nodes { version } } } }'],
    readers: [Role.ADMIN, Role.DEVELOPER, Role.COMPLIANCE_OFFICER, Role.AUDITOR],
  },
  {
    field: 'User.lastLoginAt',
    routes: ['viewer { user { lastLoginAt } }', 'members(first: 1) { nodes { user { lastLoginAt } } }'],
    readers: [Role.ADMIN, Role.AUDITOR, 'platform_admin'],
  },
  {
    field: 'Tenant.resourceLimits',
    routes: ['viewer { tenant { resourceLimits { maxAgents } } }', 'tenants(first: 1) { nodes { resourceLimits { maxAgents } } }'],
    readers: [Role.ADMIN, Role.DEVELOPER, Role.COMPLIANCE_OFFICER, Role.ANALYST, Role.AUDITOR, Role.VIEWER, Role.HR_MANAGER, 'platform_admin'],
  },
];

/** Whether the response carries the field at the end of `route` (first list element at each list), with no error on it. */
function reads(response: { data?: any; errors?: { path?: (string | number)[] }[] }, route: string): boolean {
  const names = [...route.matchAll(/(\w+)(?:\([^)]*\))?\s*\{/g)].map((m) => m[1]);
  const leaf = /(\w+)[\s}]*$/.exec(route)![1];
  let value: any = response.data;
  const path: (string | number)[] = [];
  for (const name of names) {
    value = value?.[name];
    path.push(name);
    if (Array.isArray(value)) {
      value = value[0];
      path.push(0);
    }
    if (value === null || value === undefined) return false;
  }
  const leafPath = [...path, leaf].join('.');
  const denied = (response.errors ?? []).some((e) => e.path && leafPath.startsWith(e.path.join('.')));
  return !denied && leaf in value;
}

describe('the most sensitive fields', () => {
  const callers = new Map<Audience, Caller>();
  beforeAll(async () => {
    for (const audience of AUDIENCES) callers.set(audience, audience === 'anonymous' ? h.anonymous : await h.signIn(demoUser[audience]));
  });

  it.each(SENSITIVE)('$field is readable by exactly the audiences written down here', async ({ routes, readers }) => {
    const readable: Audience[] = [];
    for (const audience of AUDIENCES) {
      const caller = callers.get(audience)!;
      let can = false;
      for (const route of routes) can = can || reads(await caller.gql(`{ ${route} }`), route);
      if (can) readable.push(audience);
    }
    expect(readable).toEqual(AUDIENCES.filter((a) => readers.includes(a)));
  });
});
