import type { TenantScope } from '../../scope';
import { In, SelectQueryBuilder } from 'typeorm';
import { Connection, ConnectionArgs, OrderDirection, paginate, SortSpec } from '../../graphql/connection';
import { connectionOf, PARENT } from '../../graphql/connection-per-parent';
import { expectGlobalId } from '../../graphql/global-id';
import { PolicyDecision } from './policy-decision.entity';
import { PolicyVersion } from './policy-version.entity';
import { PolicyViolation, PolicyViolationStatus } from './policy-violation.entity';
import { PolicyDecisionFilter, PolicyViolationFilter } from './policy.inputs';

// A lapsed waiver reads as what the violation was before it (see PolicyViolation.status).
const EFFECTIVE_STATUS = `CASE WHEN v.status = 'waived' AND v.waiver_expires_at <= now() THEN CASE WHEN v.refused_change THEN 'blocked' ELSE 'open' END ELSE v.status END`;

const VIOLATION_ORDER: SortSpec<PolicyViolation> = { column: 'v.detected_at', id: 'v.id', direction: OrderDirection.DESC, idOf: (v) => v.uuid, cast: 'timestamptz' };

function violationQuery(ctx: TenantScope, filter: PolicyViolationFilter | null): SelectQueryBuilder<PolicyViolation> {
  const qb = ctx.tx.manager.createQueryBuilder(PolicyViolation, 'v').where('v.tenant_id = :tenant', { tenant: ctx.caller.tenantId });
  if (filter?.policyId) qb.andWhere('v.policy_id = :policy', { policy: expectGlobalId(filter.policyId, 'Policy', 'filter.policyId') });
  if (filter?.statuses?.length) qb.andWhere(`${EFFECTIVE_STATUS} IN (:...statuses)`, { statuses: filter.statuses as PolicyViolationStatus[] });
  if (filter?.severities?.length) qb.andWhere('v.severity IN (:...severities)', { severities: filter.severities });
  return qb;
}

export function listViolations(ctx: TenantScope, page: ConnectionArgs, filter: PolicyViolationFilter | null): Promise<Connection<PolicyViolation>> {
  const qb = violationQuery(ctx, filter);
  if (filter?.agentId) qb.andWhere('v.agent_id = :agent', { agent: expectGlobalId(filter.agentId, 'Agent', 'filter.agentId') });
  return paginate(ctx.tx.manager, qb, page, VIOLATION_ORDER);
}

/** An agent's violations; those of a whole page of agents are read together (see connectionOf). */
export function listAgentViolations(ctx: TenantScope, agentId: string, page: ConnectionArgs, filter: PolicyViolationFilter | null): Promise<Connection<PolicyViolation>> {
  return connectionOf(ctx, agentId, page, {
    key: `agent.violations:${JSON.stringify([filter?.policyId, filter?.statuses, filter?.severities])}`,
    query: () => violationQuery(ctx, filter).andWhere(`v.agent_id = ${PARENT}`),
    sort: VIOLATION_ORDER,
    load: (ids) => ctx.tx.manager.findBy(PolicyViolation, { uuid: In(ids), tenantId: ctx.caller.tenantId! }),
  });
}

export function listDecisions(ctx: TenantScope, page: ConnectionArgs, filter: PolicyDecisionFilter | null): Promise<Connection<PolicyDecision>> {
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

/** A policy's versions; those of a whole page of policies are read together (see connectionOf). */
export function listVersions(ctx: TenantScope, policyId: string, page: ConnectionArgs): Promise<Connection<PolicyVersion>> {
  return connectionOf(ctx, policyId, page, {
    key: 'policy.versions',
    query: () => ctx.tx.manager.createQueryBuilder(PolicyVersion, 'pv').where(`pv.tenant_id = :tenant AND pv.policy_id = ${PARENT}`, { tenant: ctx.caller.tenantId }),
    sort: { column: 'pv.version', id: 'pv.id', direction: OrderDirection.DESC, idOf: (v) => v.uuid, cast: 'int' },
    load: (ids) => ctx.tx.manager.findBy(PolicyVersion, { uuid: In(ids), tenantId: ctx.caller.tenantId! }),
  });
}
