import { createHash } from 'node:crypto';
import { isObjectType } from 'graphql';
import { Client } from 'pg';
import { Harness, startHarness } from '../../../test/harness';
import { demoApiKeySecret } from '../../db/seed/demo-world';

const CREATE = `mutation($input: ApiKeyCreateInput!) {
  apiKeyCreate(input: $input) { secret apiKey { id name role prefix status lastUsedAt expiresAt } userErrors { field message code } } }`;
const REVOKE = `mutation($input: ApiKeyRevokeInput!) { apiKeyRevoke(input: $input) { apiKey { id status revokedAt } userErrors { field message code } } }`;
const WHO = `{ viewer { role apiKeyName tenant { slug } } }`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('API keys', () => {
  it("show the secret once, store only its SHA-256, and authenticate a partner app with the key's role", async () => {
    const admin = await h.signIn('admin@acme.test');
    const created = (await admin.ok(CREATE, { input: { name: 'Agent runtime (eu)', role: 'DEVELOPER' } })).apiKeyCreate;
    expect(created.userErrors).toEqual([]);
    expect(created.secret).toMatch(/^stw_/);
    expect(created.secret.startsWith(created.apiKey.prefix)).toBe(true);
    expect(created.apiKey).toMatchObject({ name: 'Agent runtime (eu)', role: 'DEVELOPER', status: 'ACTIVE', lastUsedAt: null });

    const stored = await h.sql(`SELECT key_hash FROM api_keys WHERE name = 'Agent runtime (eu)'`);
    expect(stored[0].key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(created.secret);

    const partner = h.apiKey(created.secret);
    expect((await partner.ok(WHO)).viewer).toEqual({ role: 'DEVELOPER', apiKeyName: 'Agent runtime (eu)', tenant: { slug: 'acme' } });
    const listed = await admin.ok(`{ apiKeys(first: 100) { nodes { name lastUsedAt } } }`);
    const used = listed.apiKeys.nodes.find((k: { name: string }) => k.name === 'Agent runtime (eu)');
    expect(used.lastUsedAt).not.toBeNull();
  });

  it('record their use without making concurrent requests with the same key wait for each other', async () => {
    const secret = demoApiKeySecret('acme', 'Agent runtime');
    const hash = createHash('sha256').update(secret).digest('hex');
    await h.sql(`UPDATE api_keys SET last_used_at = NULL WHERE key_hash = $1`, [hash]);
    const open = async () => {
      const client = new Client({ connectionString: h.services.config.databaseUrl! });
      await client.connect();
      await client.query(`SET statement_timeout = 3000`);
      await client.query(`BEGIN; SET LOCAL ROLE steward_app`);
      return client;
    };
    const [first, second] = [await open(), await open()];
    try {
      // The first request has recorded the use and not yet committed; the second must not queue behind it.
      const opened = await first.query(`SELECT key_name FROM steward.begin_api_key_request($1)`, [hash]);
      expect(opened.rows).toEqual([{ key_name: 'Agent runtime' }]);
      const meanwhile = await second.query(`SELECT key_name FROM steward.begin_api_key_request($1)`, [hash]);
      expect(meanwhile.rows).toEqual([{ key_name: 'Agent runtime' }]);
      await second.query('COMMIT');
      await first.query('COMMIT');
    } finally {
      await Promise.all([first.end(), second.end()]);
    }
    const [key] = await h.sql(`SELECT last_used_at FROM api_keys WHERE key_hash = $1`, [hash]);
    expect(key.last_used_at).not.toBeNull();
  });

  it('refuse revoked, expired and unknown keys with UNAUTHENTICATED and nothing else', async () => {
    const admin = await h.signIn('admin@acme.test');
    const created = (await admin.ok(CREATE, { input: { name: 'Short lived', role: 'VIEWER' } })).apiKeyCreate;
    const revoked = (await admin.ok(REVOKE, { input: { apiKeyId: created.apiKey.id } })).apiKeyRevoke;
    expect(revoked.apiKey.status).toBe('REVOKED');

    const expiring = (await admin.ok(CREATE, { input: { name: 'Expiring', role: 'VIEWER', expiresAt: new Date(Date.now() + 60_000).toISOString() } }))
      .apiKeyCreate;
    await h.sql(`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE name = 'Expiring'`);

    for (const secret of [created.secret, expiring.secret, 'stw_not-a-key-anyone-has', `${created.secret}x`]) {
      const response = await h.apiKey(secret).gql(WHO);
      expect(response.status).toBe(401);
      expect(response.data).toBeUndefined();
      expect(response.errors).toEqual([{ message: 'The API key is unknown, revoked or expired', extensions: { code: 'UNAUTHENTICATED' } }]);
    }
    const failures = await h.sql(`SELECT actor_label FROM audit_entries WHERE action = 'auth.failed' AND tenant_id IS NULL`);
    expect(failures.map((f) => f.actor_label)).toEqual(expect.arrayContaining([`API key ${created.secret.slice(0, 12)}…`, 'API key stw_not-a-ke…']));
    expect(JSON.stringify(failures)).not.toContain(created.secret);
  });

  it('refuse an expiry in the past and a blank name, writing nothing', async () => {
    const admin = await h.signIn('admin@acme.test');
    const [{ n: before }] = await h.sql(`SELECT count(*)::int AS n FROM api_keys`);
    const past = (await admin.ok(CREATE, { input: { name: 'Past', role: 'VIEWER', expiresAt: '2020-01-01T00:00:00Z' } })).apiKeyCreate;
    expect(past.apiKey).toBeNull();
    expect(past.userErrors).toEqual([{ field: ['input', 'expiresAt'], message: 'expiresAt must be in the future', code: 'BAD_USER_INPUT' }]);
    const blank = await admin.gql(CREATE, { input: { name: '', role: 'VIEWER' } });
    expect(blank.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(blank.errors?.[0].message).toMatch(/name/);
    const [{ n: after }] = await h.sql(`SELECT count(*)::int AS n FROM api_keys`);
    expect(after).toBe(before);
  });

  it('are managed by admins only; a developer cannot create one', async () => {
    const dev = await h.signIn('dev@acme.test');
    const response = await dev.gql(CREATE, { input: { name: 'Sneaky', role: 'ADMIN' } });
    expect(response.errors?.[0]).toMatchObject({ path: ['apiKeyCreate'], extensions: { code: 'FORBIDDEN' } });
    expect(await h.sql(`SELECT 1 FROM api_keys WHERE name = 'Sneaky'`)).toHaveLength(0);
  });

  it('never expose their hash anywhere in the schema', () => {
    const hashFields = Object.values(h.server.schema.getTypeMap())
      .filter((t) => isObjectType(t) && !t.name.startsWith('__'))
      .flatMap((t) => Object.keys((t as { getFields(): object }).getFields()).map((f) => `${t.name}.${f}`))
      .filter((name) => /hash/i.test(name));
    expect(hashFields.sort()).toEqual(['AuditEntry.hash', 'AuditEntry.prevHash']);
  });

  it('of a seeded demo tenant work out of the box', async () => {
    const partner = h.apiKey(demoApiKeySecret('globex', 'Agent runtime'));
    expect((await partner.ok(WHO)).viewer).toMatchObject({ role: 'DEVELOPER', tenant: { slug: 'globex' } });
  });
});
