import { inScope, type AppServices } from '../scope';
import { detectSilence } from '../modules/agent-health';
import { evaluateRules } from '../modules/alert-rules';
import { dropExpiredPartitions, ensurePartitions, rollUpDirty } from '../modules/metrics';
import { JOB } from './job-names';

/** How long one metrics:rollup run goes on before it queues a follow-up run for what is left (each piece is its own transaction). */
export const ROLLUP_RUN_MS = 40_000;

/**
 * Rolls up every active tenant's dirty hours in bounded pieces, each its own transaction in the tenant's
 * scope (rollUpDirty: an hour per statement, about 10 s per transaction), the tenants taking turns piece by
 * piece so that one tenant's backlog does not hold back the others. After `budgetMs` it stops and says
 * whether work remains (the job then queues itself again). One tenant's failure leaves its hours dirty and
 * takes it out of this run. The scheduler reads across tenants, as the owner, only to learn which tenants
 * have dirty hours.
 */
export async function rollUpAllTenants(
  services: AppServices,
  { budgetMs = ROLLUP_RUN_MS, pieceMs }: { budgetMs?: number; pieceMs?: number } = {},
): Promise<{ hours: number; remaining: boolean }> {
  const started = Date.now();
  const tenants: { tenant_id: string }[] = await services.dataSource.query(
    `SELECT DISTINCT d.tenant_id FROM metric_rollup_dirty d JOIN tenants t ON t.id = d.tenant_id WHERE t.status = 'active' ORDER BY 1`,
  );
  let pending = tenants.map((t) => t.tenant_id);
  let hours = 0;
  const failed: string[] = [];
  // A run does at least one piece, however small its budget.
  const spent = () => hours > 0 && Date.now() - started >= budgetMs;
  while (pending.length && !spent()) {
    const next: string[] = [];
    for (const tenantId of pending) {
      if (spent()) {
        next.push(tenantId);
        continue;
      }
      try {
        const rolled = await inScope(services, { actor: { kind: 'system', tenantId, name: `job ${JOB.metricsRollup}` } }, (scope) =>
          rollUpDirty(scope, pieceMs),
        );
        hours += rolled;
        if (rolled) next.push(tenantId);
      } catch (error) {
        services.log.error({ err: error, tenantId }, 'metric rollup failed');
        failed.push(tenantId);
      }
    }
    pending = next;
  }
  if (failed.length) throw new Error(`metric rollup failed for ${failed.length} tenant(s)`);
  return { hours, remaining: pending.length > 0 };
}

/** Monthly partitions: made ahead for every time-series table, dropped whole past the longest retention of their tier. */
export async function maintainPartitions(services: AppServices, now = new Date()): Promise<{ made: number; dropped: string[] }> {
  const made = await ensurePartitions(services.dataSource, now);
  const dropped = await dropExpiredPartitions(services.dataSource, now);
  return { made, dropped };
}

/** Silence detection in every active tenant whose agents report health, each in its own scope. */
export async function detectSilenceAllTenants(services: AppServices, now = new Date()): Promise<number> {
  const tenants: { tenant_id: string }[] = await services.dataSource.query(
    `SELECT DISTINCT s.tenant_id FROM agent_health_states s JOIN tenants t ON t.id = s.tenant_id WHERE t.status = 'active' AND s.status <> 'unhealthy' ORDER BY 1`,
  );
  let marked = 0;
  const failed: string[] = [];
  for (const { tenant_id: tenantId } of tenants) {
    try {
      marked += (await inScope(services, { actor: { kind: 'system', tenantId, name: `job ${JOB.healthSilence}` } }, (scope) => detectSilence(scope, now)))
        .length;
    } catch (error) {
      services.log.error({ err: error, tenantId }, 'silence detection failed');
      failed.push(tenantId);
    }
  }
  if (failed.length) throw new Error(`silence detection failed for ${failed.length} tenant(s)`);
  return marked;
}

/** Every active tenant's enabled alert rules at `now`, each tenant in its own scope; returns how many alerts fired. */
export async function evaluateAllTenants(services: AppServices, now = new Date()): Promise<number> {
  const tenants: { tenant_id: string }[] = await services.dataSource.query(
    `SELECT DISTINCT r.tenant_id FROM alert_rules r JOIN tenants t ON t.id = r.tenant_id WHERE t.status = 'active' AND r.enabled ORDER BY 1`,
  );
  let fired = 0;
  const failed: string[] = [];
  for (const { tenant_id: tenantId } of tenants) {
    try {
      fired += (await inScope(services, { actor: { kind: 'system', tenantId, name: `job ${JOB.alertRulesEvaluate}` } }, (scope) => evaluateRules(scope, now)))
        .fired;
    } catch (error) {
      services.log.error({ err: error, tenantId }, 'alert rule evaluation failed');
      failed.push(tenantId);
    }
  }
  if (failed.length) throw new Error(`alert rule evaluation failed for ${failed.length} tenant(s)`);
  return fired;
}
