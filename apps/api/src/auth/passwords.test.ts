import { Harness, startHarness } from '../../test/harness';
import { hashPassword, verifyPassword } from './passwords';

/** Made by the former `argon2` package (0.45.1, its defaults) before it was replaced; users' stored hashes look like this. */
const FORMER_LIBRARY_HASH = '$argon2id$v=19$m=65536,p=4,t=3$9cyNsCaDW0cHhf+IlBGdnQ$+8Okhb6rrr75dttFnoy5e0O7MaOOK7hCjIR7ztJF310';
const FORMER_LIBRARY_PASSWORD = 'correct horse battery staple';

const SIGN_IN = `mutation($input: SessionCreateInput!) { sessionCreate(input: $input) { accessToken userErrors { message } } }`;

describe('password hashes', () => {
  it('are argon2id with at least OWASP parameters (m=19456 KiB, t=2, p=1) and a fresh salt each time', async () => {
    const first = await hashPassword('a password');
    const second = await hashPassword('a password');
    const [, algorithm, version, params, salt] = first.split('$');
    expect(algorithm).toBe('argon2id');
    expect(version).toBe('v=19');
    const parsed = Object.fromEntries(
      params
        .split(',')
        .map((p) => p.split('='))
        .map(([k, v]) => [k, Number(v)]),
    );
    expect(parsed.m).toBeGreaterThanOrEqual(19456);
    expect(parsed.t).toBeGreaterThanOrEqual(2);
    expect(parsed.p).toBeGreaterThanOrEqual(1);
    expect(Buffer.from(salt, 'base64').length).toBeGreaterThanOrEqual(16);
    expect(second).not.toBe(first);
    expect(await verifyPassword(first, 'a password')).toBe(true);
    expect(await verifyPassword(first, 'another password')).toBe(false);
  });

  it('verify hashes written by the former library, and reject a wrong password against them', async () => {
    expect(await verifyPassword(FORMER_LIBRARY_HASH, FORMER_LIBRARY_PASSWORD)).toBe(true);
    expect(await verifyPassword(FORMER_LIBRARY_HASH, 'correct horse battery stapler')).toBe(false);
  });

  it('treat a stored value that is not a hash as matching nothing', async () => {
    expect(await verifyPassword('', '')).toBe(false);
    expect(await verifyPassword('plaintext', 'plaintext')).toBe(false);
  });
});

describe('signing in with a password stored by the former library', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.sql(`UPDATE users SET password_hash = $1 WHERE email = 'viewer@acme.test'`, [FORMER_LIBRARY_HASH]);
  });
  afterAll(() => h.close());

  it('works with that password and not with another', async () => {
    const ok = await h.anonymous.ok(SIGN_IN, { input: { email: 'viewer@acme.test', password: FORMER_LIBRARY_PASSWORD } });
    expect(ok.sessionCreate.accessToken).toMatch(/^ey/);
    const wrong = await h.anonymous.ok(SIGN_IN, { input: { email: 'viewer@acme.test', password: 'steward-demo-2026' } });
    expect(wrong.sessionCreate.accessToken).toBeNull();
    expect(wrong.sessionCreate.userErrors[0].message).toBe('The email or password is incorrect');
  });
});
