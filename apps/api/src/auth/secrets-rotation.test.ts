import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Harness, startHarness, TEST_KEY_ENV } from '../../test/harness';
import { runSecretsCommand } from '../cli/secrets-command';
import { loadConfig } from '../config';
import { stableUuid } from '../db/seed/deterministic';
import { toGlobalId } from '../graphql/global-id';
import { keyLabelOf, openSecret } from '../modules/agent-channels';
import { EncryptionKeys } from './encryption';
import { Keyring } from './keyring';

const K2 = `k2:${Buffer.alloc(32, '2').toString('base64')}`;
const INCIDENTS = stableUuid('agent-channel:acme:Incident Triage:Incidents');
/** Sealed by the former code (format v1, key derived from JWT_SECRET = TEST_KEY_ENV.JWT_SECRET) for the seeded Incidents channel. */
const V1_SECRETS = {
  botToken: 'v1.Ol6KB6ZfRlhOa0mW4HwJNWzTiwdLQ6g2QLAAG6Baj871-8EqOdueDYdUBppnedf6R61rr1GTQoH5_Ak',
  signingSecret: 'v1.ta2Ztf3nLyXBVW29ANl3SfXNNa1tsfQXu_5QpE0go-dvDPvV2hZaxcKjNwGj52hpjbNOcOnKXA',
};
const V1_PLAINTEXT = { botToken: 'xoxb-sealed-before-key-ids-4Rt7', signingSecret: 'signing-before-key-ids-9Wm2' };

const ADD = `mutation($input: AgentChannelAddInput!) { agentChannelAdd(input: $input) { channel { id } userErrors { message } } }`;
const UPDATE = `mutation($input: AgentChannelUpdateInput!) { agentChannelUpdate(input: $input) { channel { configuredSecrets } userErrors { message } } }`;
const uuidOf = (globalId: string) => Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1];

let h: Harness;
/** channel id → secret name → plaintext, for everything sealed in this database. */
const expected = new Map<string, Record<string, string>>();

beforeAll(async () => {
  h = await startHarness();
  const admin = await h.signIn('admin@acme.test');
  for (const n of [1, 2, 3]) {
    const secrets = { botToken: `xoxb-rotation-${n}-Gh5Tq`, signingSecret: `signing-rotation-${n}-Kp3Ve` };
    const added = (
      await admin.ok(ADD, {
        input: {
          agentId: toGlobalId('Agent', stableUuid('agent:acme:Incident Triage')),
          type: 'SLACK',
          name: `Rotation ${n}`,
          config: { channel: `#rotation-${n}`, ...secrets },
        },
      })
    ).agentChannelAdd;
    expect(added.userErrors).toEqual([]);
    expected.set(uuidOf(added.channel.id), secrets);
  }
  await h.sql(`UPDATE agent_channels SET secrets = $2 WHERE id = $1`, [INCIDENTS, V1_SECRETS]);
  expected.set(INCIDENTS, V1_PLAINTEXT);
});
afterAll(() => h.close());

/** An empty data directory, so no development key file of this machine is read. */
const emptyDataDir = mkdtempSync(join(tmpdir(), 'steward-no-keys-'));
afterAll(() => rmSync(emptyDataDir, { recursive: true, force: true }));
const envWith = (keys: string, extra: Record<string, string> = {}) => ({
  ...process.env,
  ...TEST_KEY_ENV,
  STEWARD_DATA_DIR: emptyDataDir,
  STEWARD_ENCRYPTION_KEYS: keys,
  DATABASE_URL: h.services.config.databaseUrl,
  ...extra,
});

async function rotate(env: NodeJS.ProcessEnv, ...options: string[]): Promise<string[]> {
  const lines: string[] = [];
  await runSecretsCommand(
    ['rotate', ...options],
    env,
    (line) => lines.push(line),
    async (config) => ({ url: config.databaseUrl!, stop: async () => undefined }),
  );
  return lines;
}

async function sealedRows(): Promise<{ id: string; secrets: Record<string, string> }[]> {
  return h.sql(`SELECT id, secrets FROM agent_channels WHERE secrets <> '{}'::jsonb ORDER BY id`);
}

function expectAllOpen(keys: EncryptionKeys, rows: { id: string; secrets: Record<string, string> }[]): void {
  for (const [id, secrets] of expected) {
    const row = rows.find((r) => r.id === id)!;
    for (const [name, plaintext] of Object.entries(secrets)) expect(openSecret(keys, id, name, row.secrets[name])).toBe(plaintext);
  }
}

describe('secrets:rotate', () => {
  it('re-encrypts every value with the current key in batches, reports counts, and leaves the old key unneeded', async () => {
    const sealedBy = (await sealedRows()).flatMap((r) => Object.values(r.secrets)).map(keyLabelOf);
    expect(new Set(sealedBy)).toEqual(new Set(['test-enc', 'v1 (JWT_SECRET)']));
    const arranged = await sealedRows();
    await expect(rotate(envWith(`${K2},${TEST_KEY_ENV.STEWARD_ENCRYPTION_KEYS}`, { JWT_SECRET: '' }))).rejects.toThrow(
      `agent channel ${INCIDENTS}, secret "botToken": sealed in format v1, which needs the JWT_SECRET it was sealed under`,
    );
    expect(await sealedRows()).toEqual(arranged);

    // Acme's SSO client secret, sealed with the old key as the API seals it.
    const admin = await h.signIn('admin@acme.test');
    const sso = await admin.ok(
      `mutation($input: SsoConnectionSaveInput!) { ssoConnectionSave(input: $input) { ssoConnection { clientSecretSet } userErrors { message } } }`,
      { input: { issuer: 'https://login.acme.test', clientId: 'steward', clientSecret: 'sso-secret-before-rotation', allowedDomains: ['acme.test'] } },
    );
    expect(sso.ssoConnectionSave).toEqual({ ssoConnection: { clientSecretSet: true }, userErrors: [] });
    // The admin's TOTP secret, pending until a first code confirms it: sealed with the old key as the API seals it.
    const totp = (await admin.ok(`mutation { totpEnrolmentStart(input: {}) { secret } }`)).totpEnrolmentStart.secret;

    const lines = await rotate(envWith(`${K2},${TEST_KEY_ENV.STEWARD_ENCRYPTION_KEYS}`), '--batch-size', '2');
    expect(lines).toEqual([
      're-encrypting with key "k2" (known: k2, test-enc)',
      'agent channel secrets: 8 values in 4 rows; re-encrypted 8 (6 from test-enc, 2 from v1 (JWT_SECRET)); already under "k2": 0',
      'webhook signing secrets: 0 values in 0 rows; re-encrypted 0; already under "k2": 0',
      // Acme's, and Initech's from the demo seed.
      'SSO client secrets: 2 values in 2 rows; re-encrypted 2 (2 from test-enc); already under "k2": 0',
      'TOTP secrets: 1 values in 1 rows; re-encrypted 1 (1 from test-enc); already under "k2": 0',
      'every value is now sealed with "k2"; no value needs "test-enc" any more; none needs JWT_SECRET any more',
    ]);

    const rows = await sealedRows();
    const values = rows.flatMap((r) => Object.values(r.secrets));
    expect(values).toHaveLength(8);
    for (const value of values) expect(value).toMatch(/^v2:k2:[\w-]+:[\w-]+:[\w-]+$/);
    const raw = JSON.stringify(await h.sql(`SELECT to_jsonb(c)::text FROM agent_channels c`));
    for (const secrets of expected.values()) for (const plaintext of Object.values(secrets)) expect(raw).not.toContain(plaintext);

    // The old key and JWT_SECRET removed: everything still opens.
    const onlyK2 = loadConfig(envWith(K2, { JWT_SECRET: '' })).encryptionKeys;
    expect(onlyK2.keyring.kids).toEqual(['k2']);
    expect(onlyK2.legacySecret).toBeUndefined();
    expectAllOpen(onlyK2, rows);

    const [ssoRow] = await h.sql(`SELECT id, client_secret_sealed FROM sso_connections WHERE client_id = 'steward'`);
    expect(ssoRow.client_secret_sealed).toMatch(/^v2:k2:/);
    expect(onlyK2.open(`sso_connections.client_secret:${ssoRow.id}`, ssoRow.client_secret_sealed)).toBe('sso-secret-before-rotation');
    const [mfaRow] = await h.sql(`SELECT user_id, pending_secret_sealed FROM user_mfa`);
    expect(mfaRow.pending_secret_sealed).toMatch(/^v2:k2:/);
    expect(onlyK2.open(`user_mfa.totp_secret:${mfaRow.user_id}`, mfaRow.pending_secret_sealed)).toBe(totp);

    // The API restarted with only the new key: a channel keeps its secrets and takes new ones.
    h.services.config.encryptionKeys = onlyK2;
    const [id] = expected.keys();
    const updated = (
      await admin.ok(UPDATE, { input: { channelId: toGlobalId('AgentChannel', id), config: { channel: '#rotated', botToken: 'xoxb-after-rotation-Zq1' } } })
    ).agentChannelUpdate;
    expect(updated).toEqual({ channel: { configuredSecrets: ['botToken', 'signingSecret'] }, userErrors: [] });
    expected.get(id)!.botToken = 'xoxb-after-rotation-Zq1';
    expectAllOpen(onlyK2, await sealedRows());

    const again = await rotate(envWith(K2), '--batch-size', '3');
    expect(again[1]).toBe('agent channel secrets: 8 values in 4 rows; re-encrypted 0; already under "k2": 8');
  });

  it('changes nothing when a value does not open, and names the value and its key', async () => {
    const before = await sealedRows();
    const stranger = new EncryptionKeys(new Keyring([{ kid: 'gone', bytes: Buffer.alloc(32, 'g') }], 'test'));
    await h.sql(`UPDATE agent_channels SET secrets = jsonb_set(secrets, '{signingSecret}', to_jsonb($2::text)) WHERE id = $1`, [
      INCIDENTS,
      stranger.seal(`agent-channel:${INCIDENTS}:signingSecret`, 'sealed with a key since lost'),
    ]);
    const arranged = await sealedRows();
    await expect(rotate(envWith(`k3:${Buffer.alloc(32, '3').toString('base64')},${K2}`), '--batch-size', '1')).rejects.toThrow(
      `agent channel ${INCIDENTS}, secret "signingSecret": sealed with key "gone", which is not in STEWARD_ENCRYPTION_KEYS`,
    );
    expect(await sealedRows()).toEqual(arranged);
    await h.sql(`UPDATE agent_channels SET secrets = $2 WHERE id = $1`, [INCIDENTS, before.find((r) => r.id === INCIDENTS)!.secrets]);
  });

  it('in development, --new-key adds a current key to the data directory file and rotates to it', async () => {
    await expect(rotate(envWith(K2), '--new-key')).rejects.toThrow(
      /^--new-key adds to the development key file only: with STEWARD_ENCRYPTION_KEYS, put the new key first/,
    );
    const dir = mkdtempSync(join(tmpdir(), 'steward-rotate-'));
    try {
      const file = join(dir, 'encryption-keys');
      writeFileSync(file, `${K2}\n`, { mode: 0o600 });
      const env = envWith('', { NODE_ENV: 'development', STEWARD_DATA_DIR: dir });
      const lines = await rotate(env, '--new-key');
      const kids = readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((line) => line.split(':')[0]);
      expect(kids).toHaveLength(2);
      expect(kids[1]).toBe('k2');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(lines[0]).toBe(`added key "${kids[0]}" to ${file}`);
      expect(lines[2]).toBe(`agent channel secrets: 8 values in 4 rows; re-encrypted 8 (8 from k2); already under "${kids[0]}": 0`);
      for (const value of (await sealedRows()).flatMap((r) => Object.values(r.secrets))) expect(value.startsWith(`v2:${kids[0]}:`)).toBe(true);
      expectAllOpen(loadConfig(env).encryptionKeys, await sealedRows());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
