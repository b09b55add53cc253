import { webcrypto } from 'node:crypto';
import { decodeProtectedHeader, SignJWT } from 'jose';
import { Caller, Harness, startHarness } from '../../test/harness';
import { Key, Keyring } from './keyring';
import { AccessTokens } from './tokens';

const OLD: Key = { kid: 'old', bytes: Buffer.alloc(32, 'o') };
const NEW: Key = { kid: 'new', bytes: Buffer.alloc(32, 'n') };
const tokens = (keys: Key[], ttlSeconds = 900) => new AccessTokens(new Keyring(keys, 'STEWARD_JWT_KEYS'), ttlSeconds);
const USER = '6f1c1a52-0c8d-4a0a-9d4e-2f1f0c1b2a3d';

describe('access token signing keys', () => {
  it('name the signing key in the header: the first key of the list signs', async () => {
    const { token } = await tokens([NEW, OLD]).issue(USER, 'family', null);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', kid: 'new' });
  });

  it('verify a token of a previous key while it is listed, and not once it is removed', async () => {
    const { token } = await tokens([OLD]).issue(USER, 'family', 'tenant');
    expect(await tokens([NEW, OLD]).verify(token)).toMatchObject({ userId: USER, sessionId: 'family', tenantId: 'tenant' });
    expect(await tokens([NEW]).verify(token)).toBeNull();
  });

  it('do not keep a token of a previous key alive past its expiry', async () => {
    const { token } = await tokens([OLD], -60).issue(USER, 'family', null);
    expect(await tokens([NEW, OLD]).verify(token)).toBeNull();
  });

  it('refuse a token without a key id, with an unknown one, or signed by another key than it names', async () => {
    const claims = { sid: 'family', tid: null };
    const sign = (header: { alg: 'HS256'; kid?: string }, bytes: Buffer) =>
      new SignJWT(claims).setProtectedHeader(header).setSubject(USER).setIssuer('steward').setIssuedAt().setExpirationTime('5m').sign(bytes);
    const verifier = tokens([NEW, OLD]);
    expect(await verifier.verify(await sign({ alg: 'HS256', kid: 'old' }, OLD.bytes))).not.toBeNull();
    expect(await verifier.verify(await sign({ alg: 'HS256' }, OLD.bytes))).toBeNull();
    expect(await verifier.verify(await sign({ alg: 'HS256', kid: 'retired' }, OLD.bytes))).toBeNull();
    expect(await verifier.verify(await sign({ alg: 'HS256', kid: 'new' }, OLD.bytes))).toBeNull();
  });

  it('import each key once, however many tokens they verify', async () => {
    const importKey = jest.spyOn(webcrypto.subtle, 'importKey');
    try {
      const signers = [tokens([OLD]), tokens([NEW])];
      const issued = await Promise.all(Array.from({ length: 20 }, (_, i) => signers[i % 2].issue(USER, `family-${i}`, null)));
      importKey.mockClear();
      const verifier = tokens([NEW, OLD]);
      const verified = await Promise.all(issued.map(({ token }) => verifier.verify(token)));
      expect(verified.every((claims) => claims !== null)).toBe(true);
      expect(importKey).toHaveBeenCalledTimes(2);
    } finally {
      importKey.mockRestore();
    }
  });
});

describe('rotating the signing key of a running API', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  const WHO = `{ viewer { signedIn user { email } } }`;

  it('keeps sessions signed with the previous key working until that key is removed', async () => {
    const before = await h.signIn('admin@acme.test');
    const current = h.services.config.signingKeys.current;
    expect(decodeProtectedHeader(before.credentials.token!).kid).toBe(current.kid);

    h.services.tokens = tokens([NEW, current]);
    expect((await before.ok(WHO)).viewer).toEqual({ signedIn: true, user: { email: 'admin@acme.test' } });
    const after = await h.signIn('dev@acme.test');
    expect(decodeProtectedHeader(after.credentials.token!).kid).toBe('new');

    h.services.tokens = tokens([NEW]);
    const refused = await before.gql(WHO);
    expect(refused.status).toBe(401);
    expect(refused.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await new Caller(h.url, after.credentials).ok(WHO)).viewer.user.email).toBe('dev@acme.test');
  });
});
