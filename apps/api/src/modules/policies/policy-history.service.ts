import type { TenantScope } from '../../scope';
import { Connection, ConnectionArgs, OrderDirection, SortSpec } from '../../graphql/connection';
import { connectionOf, PARENT } from '../../graphql/connection-per-parent';
import { expectGlobalId } from '../../graphql/global-id';
import { byIds, NamedParams, ParamSink, readList, readPage, Selection, SqlParams } from '../../graphql/read-model';
import { PolicyDecision } from './policy-decision.entity';
import { PolicyVersion } from './policy-version.entity';
import { PolicyViolation, PolicyViolationStatus } from './policy-violation.entity';
import { PolicyDecisionFilter, PolicyViolationFilter } from './policy.inputs';
import { decisionReads, policyVersionReads, violationReads } from './policy.reads';

// A lapsed waiver reads as what the violation was before it (see PolicyViolation.status).
const EFFECTIVE_STATUS = `CASE WHEN v.status = 'waived' AND v.waiver_expires_at <= now() THEN CASE WHEN v.refused_change THEN 'blocked' ELSE 'open' END ELSE v.status END`;

const VIOLATION_ORDER: SortSpec<PolicyViolation> = {
  column: 'v.detected_at',
  id: 'v.id',
  direction: OrderDirection.DESC,
  idOf: (v) => v.uuid,
  cast: 'timestamptz',
};

/** The filter's conditions on violations as `v`, their values added to `params`: the same for a page and for a per-parent page. */
function violationConditions(ctx: TenantScope, filter: PolicyViolationFilter | null, params: ParamSink): string[] {
  const where = [`v.tenant_id = ${params.add(ctx.caller.tenantId)}`];
  if (filter?.policyId) where.push(`v.policy_id = ${params.add(expectGlobalId(filter.policyId, 'Policy', 'filter.policyId'))}`);
  if (filter?.statuses?.length) where.push(`${EFFECTIVE_STATUS} = ANY(${params.add(filter.statuses as PolicyViolationStatus[])}::text[])`);
  if (filter?.severities?.length) where.push(`v.severity = ANY(${params.add(filter.severities)}::text[])`);
  return where;
}

export function listViolations(
  ctx: TenantScope,
  page: ConnectionArgs,
  filter: PolicyViolationFilter | null,
  selection: Selection,
): Promise<Connection<PolicyViolation>> {
  const params = new SqlParams();
  const where = violationConditions(ctx, filter, params);
  if (filter?.agentId) where.push(`v.agent_id = ${params.add(expectGlobalId(filter.agentId, 'Agent', 'filter.agentId'))}`);
  return readPage(ctx, violationReads, selection, { alias: 'v', where, params }, page, VIOLATION_ORDER);
}

/** An agent's violations; those of a whole page of agents are read together (see connectionOf). */
export function listAgentViolations(
  ctx: TenantScope,
  agentId: string,
  page: ConnectionArgs,
  filter: PolicyViolationFilter | null,
  selection: Selection,
): Promise<Connection<PolicyViolation>> {
  return connectionOf(ctx, agentId, page, {
    key: `agent.violations:${JSON.stringify([filter?.policyId, filter?.statuses, filter?.severities])}:${violationReads.plan(ctx.app.dataSource, 'v', selection).select}`,
    query: () => {
      const params = new NamedParams();
      return ctx.tx.manager
        .createQueryBuilder(PolicyViolation, 'v')
        .where([...violationConditions(ctx, filter, params), `v.agent_id = ${PARENT}`].join(' AND '), params.values);
    },
    sort: VIOLATION_ORDER,
    load: (ids) => {
      const params = new SqlParams();
      return readList(ctx, violationReads, selection, {
        alias: 'v',
        where: [`v.tenant_id = ${params.add(ctx.caller.tenantId)}`, `v.id = ANY(${params.add(ids)}::uuid[])`],
        params,
      });
    },
  });
}

export function listDecisions(
  ctx: TenantScope,
  page: ConnectionArgs,
  filter: PolicyDecisionFilter | null,
  selection: Selection,
): Promise<Connection<PolicyDecision>> {
  const params = new SqlParams();
  const where = [`d.tenant_id = ${params.add(ctx.caller.tenantId)}`];
  if (filter?.policyId) where.push(`d.policy_id = ${params.add(expectGlobalId(filter.policyId, 'Policy', 'filter.policyId'))}`);
  if (filter?.agentId) where.push(`d.agent_id = ${params.add(expectGlobalId(filter.agentId, 'Agent', 'filter.agentId'))}`);
  if (filter?.results?.length) where.push(`d.result = ANY(${params.add(filter.results)}::text[])`);
  if (filter?.actionsTaken?.length) where.push(`d.action_taken = ANY(${params.add(filter.actionsTaken)}::text[])`);
  if (filter?.triggers?.length) where.push(`d.trigger = ANY(${params.add(filter.triggers)}::text[])`);
  if (filter?.requestId) where.push(`d.request_id = ${params.add(filter.requestId)}`);
  if (filter?.since) where.push(`d.decided_at >= ${params.add(filter.since)}`);
  if (filter?.until) where.push(`d.decided_at < ${params.add(filter.until)}`);
  return readPage(ctx, decisionReads, selection, { alias: 'd', where, params }, page, {
    column: 'd.decided_at',
    id: 'd.id',
    direction: OrderDirection.DESC,
    cast: 'timestamptz',
  });
}

/** A policy's versions; those of a whole page of policies are read together (see connectionOf). */
export function listVersions(ctx: TenantScope, policyId: string, page: ConnectionArgs, selection: Selection): Promise<Connection<PolicyVersion>> {
  return connectionOf(ctx, policyId, page, {
    key: `policy.versions:${policyVersionReads.plan(ctx.app.dataSource, 'r', selection).select}`,
    query: () =>
      ctx.tx.manager.createQueryBuilder(PolicyVersion, 'pv').where(`pv.tenant_id = :tenant AND pv.policy_id = ${PARENT}`, { tenant: ctx.caller.tenantId }),
    sort: { column: 'pv.version', id: 'pv.id', direction: OrderDirection.DESC, idOf: (v) => v.uuid, cast: 'int' },
    load: (ids) => readList(ctx, policyVersionReads, selection, byIds(ctx, 'r', ids)),
  });
}
