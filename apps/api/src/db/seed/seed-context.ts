import type { EntityManager } from 'typeorm';
import type { AppServices, StewardContext } from '../../context';
import type { RequestTransaction } from '../../db/request-transaction';
import { createLogger } from '../../logger';

const log = createLogger();

/**
 * A request context for the seed: a member of a tenant acting in the seed's own transaction, so the
 * demo world is made by the same services (rules, audit entries, activity) a request would use.
 * Audit entries name the member as the actor and the seed as the client.
 */
export async function seedContext(manager: EntityManager, tenantId: string, userId: string, role: string): Promise<StewardContext> {
  await manager.query(`SELECT set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true)`, [tenantId, userId]);
  return {
    // The services the seed calls work in the transaction they are given; of the app they need only these.
    app: { dataSource: manager.connection, log } as AppServices,
    requestId: `seed:${tenantId}`,
    ip: null,
    userAgent: 'steward demo seed',
    caller: { userId, apiKeyId: null, apiKeyName: null, tenantId, role, tenantStatus: 'active', platformAdmin: false, sessionFamilyId: null },
    tx: { manager } as unknown as RequestTransaction,
    loaders: new Map(),
    failedAudits: [],
    log,
  };
}
