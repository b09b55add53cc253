import type { TenantScope } from '../../scope';
import { ComplianceEvidence } from './compliance-evidence.entity';
import { ComplianceFramework } from './compliance-framework.entity';
import type { ComplianceOverview } from './compliance.payloads';

export async function complianceOverview(ctx: TenantScope): Promise<ComplianceOverview> {
  const tenantId = ctx.caller.tenantId!;
  const [counts]: { frameworks: number; average: string | null; in_review: number }[] = await ctx.tx.manager.query(
    `SELECT (SELECT count(*)::int FROM compliance_frameworks WHERE tenant_id = $1 AND enabled) AS frameworks,
            (SELECT round(avg(score), 2) FROM compliance_frameworks WHERE tenant_id = $1 AND enabled AND score IS NOT NULL) AS average,
            (SELECT count(*)::int FROM compliance_evidence WHERE tenant_id = $1 AND status = 'in_review') AS in_review`,
    [tenantId],
  );
  const expiringCertifications = await ctx.tx.manager
    .createQueryBuilder(ComplianceFramework, 'f')
    .where(`f.tenant_id = :tenantId AND f.enabled AND f.expires_on <= current_date + 90`, { tenantId })
    .orderBy('f.expires_on')
    .limit(20)
    .getMany();
  const expiringEvidence = await ctx.tx.manager
    .createQueryBuilder(ComplianceEvidence, 'e')
    .where(`e.tenant_id = :tenantId AND e.status = 'approved' AND e.renewal_due <= current_date + 30`, { tenantId })
    .orderBy('e.renewal_due')
    .limit(20)
    .getMany();
  return {
    frameworkCount: counts.frameworks,
    averageScore: counts.average == null ? null : Number(counts.average),
    expiringCertifications,
    expiringEvidence,
    evidenceInReviewCount: counts.in_review,
  };
}
