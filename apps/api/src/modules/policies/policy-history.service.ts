import type { StewardContext } from '../../context';
import { Connection, ConnectionArgs, OrderDirection, paginate } from '../../graphql/connection';
import { expectGlobalId } from '../../graphql/global-id';
import { PolicyDecision } from './policy-decision.entity';
import { PolicyVersion } from './policy-version.entity';
import { PolicyViolation, PolicyViolationStatus } from './policy-violation.entity';
import { PolicyDecisionFilter, PolicyViolationFilter } from './policy.inputs';

// A lapsed waiver reads as what the violation was before it (see PolicyViolation.status).
const EFFECTIVE_STATUS = `CASE WHEN v.status = 'waived' AND v.waiver_expires_at <= now() THEN CASE WHEN v.refused_change THEN 'blocked' ELSE 'open' END ELSE v.status END`;

export function listViolations(ctx: StewardContext, page: ConnectionArgs, filter: PolicyViolationFilter | null, agentId?: string): Promise<Connection<PolicyViolation>> {
  const qb = ctx.tx.manager.createQueryBuilder(PolicyViolation, 'v').where('v.tenant_id = :tenant', { tenant: ctx.caller.tenantId });
  const agent = agentId ?? (filter?.agentId ? expectGlobalId(filter.agentId, 'Agent', 'filter.agentId') : null);
  if (agent) qb.andWhere('v.agent_id = :agent', { agent });
  if (filter?.policyId) qb.andWhere('v.policy_id = :policy', { policy: expectGlobalId(filter.policyId, 'Policy', 'filter.policyId') });
  if (filter?.statuses?.length) qb.andWhere(`${EFFECTIVE_STATUS} IN (:...statuses)`, { statuses: filter.statuses as PolicyViolationStatus[] });
  if (filter?.severities?.length) qb.andWhere('v.severity IN (:...severities)', { severities: filter.severities });
  return paginate(ctx.tx.manager, qb, page, { column: 'v.detected_at', id: 'v.id', direction: OrderDirection.DESC, idOf: (v) => v.uuid, cast: 'timestamptz' });
}

export function listDecisions(ctx: StewardContext, page: ConnectionArgs, filter: PolicyDecisionFilter | null): Promise<Connection<PolicyDecision>> {
  const qb = ctx.tx.manager.createQueryBuilder(PolicyDecision, 'd').where('d.tenant_id = :tenant', { tenant: ctx.caller.tenantId });
  if (filter?.policyId) qb.andWhere('d.policy_id = :policy', { policy: expectGlobalId(filter.policyId, 'Policy', 'filter.policyId') });
  if (filter?.agentId) qb.andWhere('d.agent_id = :agent', { agent: expectGlobalId(filter.agentId, 'Agent', 'filter.agentId') });
  if (filter?.results?.length) qb.andWhere('d.result IN (:...results)', { results: filter.results });
  if (filter?.actionsTaken?.length) qb.andWhere('d.action_taken IN (:...actions)', { actions: filter.actionsTaken });
  if (filter?.triggers?.length) qb.andWhere('d.trigger IN (:...triggers)', { triggers: filter.triggers });
  if (filter?.requestId) qb.andWhere('d.request_id = :requestId', { requestId: filter.requestId });
  if (filter?.since) qb.andWhere('d.decided_at >= :since', { since: filter.since });
  if (filter?.until) qb.andWhere('d.decided_at < :until', { until: filter.until });
  return paginate(ctx.tx.manager, qb, page, { column: 'd.decided_at', id: 'd.id', direction: OrderDirection.DESC, idOf: (d) => d.uuid, cast: 'timestamptz' });
}

export function listVersions(ctx: StewardContext, policyId: string, page: ConnectionArgs): Promise<Connection<PolicyVersion>> {
  const qb = ctx.tx.manager.createQueryBuilder(PolicyVersion, 'pv').where('pv.tenant_id = :tenant AND pv.policy_id = :policyId', { tenant: ctx.caller.tenantId, policyId });
  return paginate(ctx.tx.manager, qb, page, { column: 'pv.version', id: 'pv.id', direction: OrderDirection.DESC, idOf: (v) => v.uuid, cast: 'int' });
}
