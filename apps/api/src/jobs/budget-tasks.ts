import { inScope, type AppServices } from '../scope';
import { resolveEndedAlerts } from '../modules/alerts';
import { checkBudgets, RaisedAlert } from '../modules/budgets';
import { todayUtc } from '../modules/costs';
import { JOB } from './job-names';

/** Threshold checks for one tenant: queued by ingestion (steward.enqueue_budget_check) and by checkAll. */
export function checkTenantBudgets(services: AppServices, tenantId: string, asOf = todayUtc()): Promise<RaisedAlert[]> {
  return inScope(services, { actor: { kind: 'system', tenantId, name: `job ${JOB.budgetCheck}` } }, (scope) => checkBudgets(scope, asOf));
}

/** Rollover for one tenant: alerts of ended periods resolve, then the new period is checked. */
export async function rollOverTenant(services: AppServices, tenantId: string, today = todayUtc()): Promise<number> {
  const resolved = await inScope(services, { actor: { kind: 'system', tenantId, name: `job ${JOB.budgetRollover}` } }, (scope) =>
    resolveEndedAlerts(scope, today),
  );
  await checkTenantBudgets(services, tenantId, today);
  return resolved;
}

/**
 * The scheduler reads across tenants, as the database owner, only to learn which tenants have
 * budgets; everything else runs inside one tenant's transaction.
 */
export async function tenantsWithBudgets(services: AppServices): Promise<string[]> {
  const rows: { tenant_id: string }[] = await services.dataSource.query(
    `SELECT DISTINCT b.tenant_id FROM budgets b JOIN tenants t ON t.id = b.tenant_id WHERE t.status = 'active' ORDER BY 1`,
  );
  return rows.map((r) => r.tenant_id);
}
