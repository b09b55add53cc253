import type { DataSource, EntityManager } from 'typeorm';
import type { StewardContext } from '../../context';

/**
 * Where policy work runs: a tenant, a transaction, and who asked. Requests, background
 * re-evaluation batches and the demo seed all record decisions through the same code with it.
 */
export interface Governance {
  manager: EntityManager;
  tenantId: string;
  requestId: string | null;
  userId: string | null;
  apiKeyId: string | null;
}

export function governanceOf(ctx: StewardContext): Governance {
  return { manager: ctx.tx.manager, tenantId: ctx.caller.tenantId!, requestId: ctx.requestId, userId: ctx.caller.userId, apiKeyId: ctx.caller.apiKeyId };
}

/** A short transaction of its own, as steward_app under the tenant's settings, so RLS holds as in a request. */
export function inTenantTransaction<T>(dataSource: DataSource, who: Omit<Governance, 'manager'>, work: (gov: Governance) => Promise<T>): Promise<T> {
  return dataSource.transaction(async (manager) => {
    await manager.query(`SET LOCAL ROLE steward_app`);
    await manager.query(`SELECT set_config('app.tenant_id', $1, true), set_config('app.user_id', coalesce($2, ''), true)`, [who.tenantId, who.userId]);
    return work({ ...who, manager });
  });
}
