import type { EntityManager } from 'typeorm';
import type { EncryptionKeys } from '../../auth/encryption';
import { secretContext } from '../../modules/sso';
import { stableUuid } from './deterministic';

/** Initech signs in through its own OpenID Connect provider (a made-up host under the reserved .example domain); passwords still work. */
export const DEMO_SSO = {
  tenant: 'initech',
  issuer: 'https://sso.initech.example/realms/initech',
  clientId: 'steward-initech',
  allowedDomains: ['initech.test'],
  defaultRole: 'analyst',
} as const;

/** The demo tenant's SSO connection, its client secret sealed as the API seals it (write-only: nothing reads it back). */
export async function seedSso(manager: EntityManager, keys: EncryptionKeys, adminId: string): Promise<void> {
  const id = stableUuid(`sso-connection:${DEMO_SSO.tenant}`);
  await manager.query(
    `INSERT INTO sso_connections (id, tenant_id, issuer, client_id, client_secret_sealed, allowed_domains, default_role, sso_only, enabled, updated_by_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, false, true, $8)`,
    [
      id,
      stableUuid(`tenant:${DEMO_SSO.tenant}`),
      DEMO_SSO.issuer,
      DEMO_SSO.clientId,
      keys.seal(secretContext(id), `demo-oidc-secret-${DEMO_SSO.tenant}`),
      DEMO_SSO.allowedDomains,
      DEMO_SSO.defaultRole,
      adminId,
    ],
  );
}
