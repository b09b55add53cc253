import { randomUUID } from 'node:crypto';
import type { AppServices, StewardContext } from '../context';
import { RequestTransaction } from '../db/request-transaction';
import { recordFailures } from '../modules/audit';

/**
 * Runs `work` as a request of the system inside one tenant: one transaction as steward_app with the
 * tenant's RLS settings, so a job reaches exactly what a request of that tenant could, and calls
 * the same services. Commits when `work` succeeds; audit entries name the job as a system actor.
 */
export async function inTenantTransaction<T>(services: AppServices, tenantId: string, job: string, work: (ctx: StewardContext) => Promise<T>): Promise<T> {
  const { tx } = await RequestTransaction.open(services.dataSource, { kind: 'anonymous' });
  const requestId = `job:${job}:${randomUUID()}`;
  const ctx: StewardContext = {
    app: services, requestId, ip: null, userAgent: null, tx, loaders: new Map(), failedAudits: [],
    caller: { userId: null, apiKeyId: null, apiKeyName: null, tenantId, role: null, tenantStatus: 'active', platformAdmin: false, sessionFamilyId: null, system: `job ${job}` },
    log: services.log.child({ requestId, tenantId }),
  };
  try {
    await tx.manager.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
    const [tenant] = await tx.manager.query(`SELECT status FROM tenants WHERE id = $1`, [tenantId]);
    if (tenant?.status !== 'active') throw new Error(`tenant ${tenantId} is ${tenant?.status ?? 'unknown'}: jobs run only for active tenants`);
    const result = await work(ctx);
    await tx.commit();
    return result;
  } catch (error) {
    await tx.rollback();
    throw error;
  } finally {
    await recordFailures(ctx).catch((error) => ctx.log.error({ err: error }, 'writing failure audit entries failed'));
  }
}
