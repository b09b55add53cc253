import { readFileSync } from 'node:fs';
import { allow, and, deny, or, rule } from 'graphql-shield';
import { permissionFor, permissionsDoc, schemaFields } from '../src/auth/permissions-matrix';
import { PERMISSION_NAMES, PermissionName } from '../src/auth/permissions';
import { AUDIENCES, type ShieldRule } from '../src/auth/rules';
import { createContext, credentialsFrom, StewardContext } from '../src/context';
import { allPermissions } from '../src/graphql/schema';
import { Harness, startHarness } from './harness';

/**
 * Generated from the permission definitions (auth/permissions.ts), not hand-listed: for every permission,
 * a member holding a custom role with exactly that permission is granted every field whose "custom role"
 * cell in docs/permissions.md names it (or says "any role"), and refused every other field. The caller is
 * real (signed in, its request opened on PostgreSQL, its custom role read there); each field's rule is the
 * one the server compiles (auth/authorize.ts), evaluated for that caller. Root fields are also probed over
 * HTTP per permission in permissions.test.ts. Cells with a condition ("own agents", "self") depend on the
 * object and are left to the modules' own tests; there are few, and that count is pinned below.
 */

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** type.field -> the "custom role" cell of the matrix, read from the committed document. */
function documentedCells(): Map<string, string> {
  const cells = new Map<string, string>();
  for (const line of readFileSync(permissionsDoc, 'utf8').split('\n')) {
    const columns = line.split('|').map((c) => c.trim());
    // | type.field | one cell per audience | custom role |
    if (columns.length !== AUDIENCES.length + 4 || !/^\w+\.\w+$/.test(columns[1])) continue;
    cells.set(columns[1], columns[columns.length - 2]);
  }
  return cells;
}

/* graphql-shield exports its constructors, not its classes: the classes are taken from instances, as auth/authorize.ts does. */
const RuleClass = rule()(() => true).constructor;
const AndClass = and().constructor;
const OrClass = or().constructor;

/** A rule's answer for a caller with no object at hand; as in the server, only `true` grants and a throwing rule refuses. */
async function grants(shieldRule: ShieldRule, ctx: StewardContext): Promise<boolean> {
  if (shieldRule === allow) return true;
  if (shieldRule === deny) return false;
  if (shieldRule instanceof AndClass || shieldRule instanceof OrClass) {
    const parts = (shieldRule as unknown as { getRules(): ShieldRule[] }).getRules();
    const answers = await Promise.all(parts.map((p) => grants(p, ctx)));
    return shieldRule instanceof AndClass ? answers.every(Boolean) : answers.some(Boolean);
  }
  if (shieldRule.constructor === RuleClass) {
    try {
      return (await (shieldRule as unknown as { func: (...args: unknown[]) => unknown }).func(undefined, {}, ctx, undefined)) === true;
    } catch {
      return false;
    }
  }
  throw new Error(`unexpected rule ${shieldRule.constructor.name}`);
}

/** A new member of acme holding a new custom role with exactly `permissions`, and the credentials of their signed-in session. */
async function customRoleCaller(name: string, permissions: string[]) {
  const email = `fields-${name.replace(/[^a-z]/g, '-')}@acme.test`;
  const [{ tenant_id: tenantId, password_hash: hash }] = await h.sql(
    `SELECT m.tenant_id, u.password_hash FROM users u JOIN memberships m ON m.user_id = u.id JOIN tenants t ON t.id = m.tenant_id
     WHERE u.email = 'viewer@acme.test' AND t.slug = 'acme'`,
  );
  const [{ id: roleId }] = await h.sql(`INSERT INTO roles (tenant_id, name, permissions) VALUES ($1, $2, $3) RETURNING id`, [
    tenantId,
    `Fields of ${name}`,
    permissions,
  ]);
  const [{ id: userId }] = await h.sql(`INSERT INTO users (email, full_name, password_hash, email_verified) VALUES ($1, $2, $3, true) RETURNING id`, [
    email,
    `Fields ${name}`,
    hash,
  ]);
  await h.sql(`INSERT INTO memberships (tenant_id, user_id, custom_role_id) VALUES ($1, $2, $3)`, [tenantId, userId, roleId]);
  const token = (await h.signIn(email, 'acme')).credentials.token!;
  return credentialsFrom({ authorization: `Bearer ${token}` }, h.services.tokens);
}

const conditional = (cell: string) => cell.includes('(');

describe('docs/permissions.md, custom role column', () => {
  it('has a cell for every field of the schema, and few that depend on the object', () => {
    const cells = documentedCells();
    const fields = schemaFields(h.server.schema).map(({ type, field }) => `${type}.${field}`);
    expect(fields.filter((f) => !cells.has(f))).toEqual([]);
    expect(fields.length).toBeGreaterThan(1000);
    expect([...cells.values()].filter(conditional).length).toBeLessThan(30);
  });
});

describe.each(PERMISSION_NAMES.map((name): [PermissionName] => [name]))('a custom role holding only %s', (name) => {
  it('is granted exactly the fields docs/permissions.md opens to it, and refused the rest', async () => {
    const cells = documentedCells();
    const permissions = allPermissions();
    const ctx = await createContext(h.services, { credentials: await customRoleCaller(name, [name]) });
    try {
      expect(ctx.caller.tenantId).not.toBeNull();
      const mismatches: string[] = [];
      let granted = 0;
      let refused = 0;
      for (const { type, field } of schemaFields(h.server.schema)) {
        const cell = cells.get(`${type}.${field}`) ?? '';
        if (conditional(cell)) continue;
        const expected = cell === 'any role' || cell.split(', ').includes(name);
        const permission = permissionFor(permissions, type, field);
        const actual = permission ? await grants(permission.rule, ctx) : false;
        if (actual !== expected)
          mismatches.push(`${type}.${field}: documented ${expected ? 'granted' : 'refused'} ("${cell}"), rule ${actual ? 'grants' : 'refuses'}`);
        if (actual) granted += 1;
        else refused += 1;
      }
      expect(mismatches).toEqual([]);
      // Both directions were exercised: some fields beyond "any role" open, and some stay shut.
      const opened = [...cells.values()].filter((c) => !conditional(c) && c.split(', ').includes(name)).length;
      const everyone = [...cells.values()].filter((c) => c === 'any role').length;
      expect(granted).toBe(everyone + opened);
      expect(refused).toBeGreaterThan(0);
    } finally {
      await ctx.tx.rollback();
    }
  });
});

describe('a custom role holding no permission', () => {
  it('is granted exactly the "any role" fields', async () => {
    const cells = documentedCells();
    const permissions = allPermissions();
    const ctx = await createContext(h.services, { credentials: await customRoleCaller('nothing', []) });
    try {
      const wrong: string[] = [];
      for (const { type, field } of schemaFields(h.server.schema)) {
        const cell = cells.get(`${type}.${field}`) ?? '';
        if (conditional(cell)) continue;
        const permission = permissionFor(permissions, type, field);
        const actual = permission ? await grants(permission.rule, ctx) : false;
        if (actual !== (cell === 'any role')) wrong.push(`${type}.${field}`);
      }
      expect(wrong).toEqual([]);
    } finally {
      await ctx.tx.rollback();
    }
  });
});
