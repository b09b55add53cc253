import { Harness, startHarness } from '../../../test/harness';
import { secretContext } from '../../modules/sso';
import { DEMO_SSO } from './demo-sso';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('the demo world', () => {
  it("gives Initech an OpenID Connect connection whose client secret is sealed, and shows it to Initech's admin only", async () => {
    const admin = await h.signIn('admin@initech.test');
    const { ssoConnection } = await admin.ok(`{ ssoConnection { issuer clientId clientSecretSet allowedDomains defaultRole ssoOnly enabled } }`);
    expect(ssoConnection).toEqual({
      issuer: DEMO_SSO.issuer,
      clientId: DEMO_SSO.clientId,
      clientSecretSet: true,
      allowedDomains: ['initech.test'],
      defaultRole: 'ANALYST',
      ssoOnly: false,
      enabled: true,
    });
    const [row] = await h.sql(`SELECT id, client_secret_sealed FROM sso_connections WHERE client_id = $1`, [DEMO_SSO.clientId]);
    expect(row.client_secret_sealed).toMatch(/^v2:test-enc:/);
    expect(row.client_secret_sealed).not.toContain('demo-oidc-secret');
    expect(h.services.config.encryptionKeys.open(secretContext(row.id), row.client_secret_sealed)).toBe('demo-oidc-secret-initech');
    // Passwords still work for Initech, and Acme has no connection of its own.
    const acme = await h.signIn('admin@acme.test');
    expect((await acme.ok(`{ ssoConnection { issuer } }`)).ssoConnection).toBeNull();
  });
});
