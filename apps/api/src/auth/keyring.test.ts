import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config';
import { parseKeys } from './keyring';

const b64 = (n: number, fill = 'x') => Buffer.alloc(n, fill).toString('base64');
const made: string[] = [];
const dataDir = () => {
  made.push(mkdtempSync(join(tmpdir(), 'steward-keys-')));
  return made[made.length - 1];
};
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('key lists', () => {
  it('read kid:base64-key entries, the first one current', () => {
    const keys = parseKeys('STEWARD_ENCRYPTION_KEYS', ` k2:${b64(32, 'b')}, k1:${Buffer.alloc(32, 'a').toString('base64url')} `, { exactly: 32 });
    expect(keys.map((k) => k.kid)).toEqual(['k2', 'k1']);
    expect(keys[1].bytes.equals(Buffer.alloc(32, 'a'))).toBe(true);
  });

  it('refuse a malformed entry, naming the variable, the entry and its id but never the key', () => {
    const secret = b64(31, 's');
    const cases: [string, RegExp][] = [
      ['', /STEWARD_ENCRYPTION_KEYS is empty/],
      [secret, /STEWARD_ENCRYPTION_KEYS, entry 1 is not kid:base64-key/],
      [`k1:${b64(32)},bad kid:${b64(32)}`, /entry 2: the key id must be 1 to 40 letters/],
      [`k1:${b64(32)},k1:${b64(32)}`, /entry 2: the key id "k1" is listed twice/],
      [`k1:not*base64`, /entry 1 \("k1"\): the key is not base64/],
      [`k1:${secret}`, /entry 1 \("k1"\): the key must be 32 bytes, base64-encoded; it is 31/],
    ];
    for (const [text, message] of cases) {
      let error: Error | undefined;
      try {
        parseKeys('STEWARD_ENCRYPTION_KEYS', text, { exactly: 32 });
      } catch (e) {
        error = e as Error;
      }
      expect(error?.message).toMatch(message);
      expect(error?.message).not.toContain(secret);
    }
    expect(() => parseKeys('STEWARD_JWT_KEYS', `j1:${b64(16)}`, { atLeast: 32 })).toThrow(
      'STEWARD_JWT_KEYS, entry 1 ("j1"): the key must be at least 32 bytes',
    );
  });
});

describe('configuration of keys', () => {
  it('requires every key variable in production, naming the one missing, and writes no key file', () => {
    const dir = dataDir();
    const base = { NODE_ENV: 'production', STEWARD_DATA_DIR: dir, JWT_SECRET: 'an-old-secret-an-old-secret', STEWARD_DATA_KEYS: `d1:${b64(32, 'd')}` };
    const { STEWARD_DATA_KEYS: _dataKeys, ...withoutDataKeys } = base;
    expect(() => loadConfig({ ...withoutDataKeys, STEWARD_JWT_KEYS: `j1:${b64(32)}`, STEWARD_ENCRYPTION_KEYS: `e1:${b64(32)}` })).toThrow(
      /^STEWARD_DATA_KEYS must be set in production/,
    );
    expect(() => loadConfig({ ...base, STEWARD_JWT_KEYS: `j1:${b64(32)}` })).toThrow(/^STEWARD_ENCRYPTION_KEYS must be set in production/);
    expect(() => loadConfig({ ...base, STEWARD_ENCRYPTION_KEYS: `e1:${b64(32)}` })).toThrow(/^STEWARD_JWT_KEYS must be set in production/);
    const config = loadConfig({ ...base, STEWARD_ENCRYPTION_KEYS: `e2:${b64(32, 'n')},e1:${b64(32)}`, STEWARD_JWT_KEYS: `j1:${b64(48)}` });
    expect(config.encryptionKeys.keyring.current.kid).toBe('e2');
    expect(config.encryptionKeys.keyring.kids).toEqual(['e2', 'e1']);
    expect(config.encryptionKeys.legacySecret).toBe('an-old-secret-an-old-secret');
    expect(config.signingKeys.current.kid).toBe('j1');
    expect(readdirSync(dir)).toEqual([]);
    // Serialized (as a logger would), the configuration shows key ids only.
    const shown = JSON.stringify(config);
    for (const material of [b64(32, 'n'), b64(32), b64(48), b64(32, 'd'), 'an-old-secret-an-old-secret']) expect(shown).not.toContain(material);
    expect(JSON.parse(shown).encryptionKeys).toEqual({ keyring: { source: 'STEWARD_ENCRYPTION_KEYS', kids: ['e2', 'e1'] }, legacySecret: true });
    expect(JSON.parse(shown).signingKeys).toEqual({ source: 'STEWARD_JWT_KEYS', kids: ['j1'] });
  });

  it('in development, generates keys once into the data directory, readable by their owner only', () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'jwt-secret'), 'the-development-jwt-secret\n');
    const env = { NODE_ENV: 'development', STEWARD_DATA_DIR: dir };
    const first = loadConfig(env);
    const second = loadConfig(env);
    for (const file of ['encryption-keys', 'signing-keys']) {
      expect(statSync(join(dir, file)).mode & 0o777).toBe(0o600);
      expect(readFileSync(join(dir, file), 'utf8')).toMatch(/^k[a-z0-9]+:[A-Za-z0-9+/]+=*\n$/);
    }
    expect(first.encryptionKeys.keyring.current.bytes).toHaveLength(32);
    expect(second.encryptionKeys.keyring.current.bytes.equals(first.encryptionKeys.keyring.current.bytes)).toBe(true);
    expect(second.signingKeys.current.bytes.equals(first.signingKeys.current.bytes)).toBe(true);
    expect(first.encryptionKeys.keyring.current.bytes.equals(first.signingKeys.current.bytes)).toBe(false);
    // The former development secret still opens what was sealed under it.
    expect(first.encryptionKeys.legacySecret).toBe('the-development-jwt-secret');
  });
});
