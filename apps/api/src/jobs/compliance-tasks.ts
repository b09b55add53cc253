import { inScope, type AppServices } from '../scope';
import { alertExpiringCertifications, lapseDueExceptions, refreshReadiness, snapshotScores, sweepEvidence } from '../modules/compliance';
import { todayUtc } from '../modules/costs';
import { JOB } from './job-names';

/** Readiness of one tenant, after policy decisions changed (queued by the trigger on policy decisions and violations). */
export function refreshTenantCompliance(services: AppServices, tenantId: string): Promise<void> {
  return inScope(services, { actor: { kind: 'system', tenantId, name: `job ${JOB.complianceRefresh}` } }, (scope) => refreshReadiness(scope));
}

/** Evidence expiry and its early alerts, certifications about to expire, lapsed exceptions, then readiness for one tenant. */
export function sweepTenantCompliance(
  services: AppServices,
  tenantId: string,
  today = todayUtc(),
): Promise<{ expired: number; warned: number; certificationsWarned: number }> {
  return inScope(services, { actor: { kind: 'system', tenantId, name: `job ${JOB.complianceSweep}` } }, async (scope) => {
    const swept = await sweepEvidence(scope, today);
    const certificationsWarned = await alertExpiringCertifications(scope, today);
    // Lapses whose own job has not run yet (e.g. while no worker ran); it refreshes readiness when any lapse.
    if (!(await lapseDueExceptions(scope))) await refreshReadiness(scope);
    return { ...swept, certificationsWarned };
  });
}

/** Today's score of every framework of one tenant, kept as the day's snapshot (recomputed first). */
export function snapshotTenantScores(services: AppServices, tenantId: string, today = todayUtc()): Promise<number> {
  return inScope(services, { actor: { kind: 'system', tenantId, name: `job ${JOB.complianceSnapshot}` } }, async (scope) => {
    await refreshReadiness(scope);
    return snapshotScores(scope, today);
  });
}

/** The scheduler reads across tenants, as the database owner, only to learn which active tenants have compliance frameworks or controls. */
export async function tenantsWithCompliance(services: AppServices): Promise<string[]> {
  const rows: { tenant_id: string }[] = await services.dataSource.query(
    `SELECT t.id AS tenant_id FROM tenants t WHERE t.status = 'active'
       AND (EXISTS (SELECT 1 FROM compliance_frameworks f WHERE f.tenant_id = t.id) OR EXISTS (SELECT 1 FROM compliance_controls c WHERE c.tenant_id = t.id))
     ORDER BY 1`,
  );
  return rows.map((r) => r.tenant_id);
}

/** The exceptions of one tenant whose expiry has passed lapse (queued for the expiry of each exception when it is granted). */
export function lapseTenantExceptions(services: AppServices, tenantId: string): Promise<number> {
  return inScope(services, { actor: { kind: 'system', tenantId, name: `job ${JOB.complianceExceptionLapse}` } }, (scope) => lapseDueExceptions(scope));
}
