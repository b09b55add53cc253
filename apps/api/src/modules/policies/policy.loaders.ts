import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { In } from 'typeorm';
import type { TenantScope } from '../../scope';
import { byKey, groupedByKey } from '../../graphql/loader';
import { readLoaderKey, readRows, Selection, type ReadPlan } from '../../graphql/read-model';
import { PolicyDecision } from './policy-decision.entity';
import { PolicyEvaluationRun } from './policy-evaluation-run.entity';
import { PolicyVersion } from './policy-version.entity';
import { PolicyViolation } from './policy-violation.entity';
import { COVERING_SQL } from './policy-scope';
import { evaluationRunReads, policyReads } from './policy.reads';
import { Policy } from './policy.entity';

export const policyById = (ctx: TenantScope) =>
  new DataLoader<string, Policy | null>(async (ids) =>
    byKey(ids, await ctx.tx.manager.findBy(Policy, { uuid: In([...ids]), tenantId: ctx.caller.tenantId! }), (p) => p.uuid),
  );

export const policyVersionById = (ctx: TenantScope) =>
  new DataLoader<string, PolicyVersion | null>(async (ids) =>
    byKey(ids, await ctx.tx.manager.findBy(PolicyVersion, { uuid: In([...ids]), tenantId: ctx.caller.tenantId! }), (v) => v.uuid),
  );

export const violationById = (ctx: TenantScope) =>
  new DataLoader<string, PolicyViolation | null>(async (ids) =>
    byKey(ids, await ctx.tx.manager.findBy(PolicyViolation, { uuid: In([...ids]), tenantId: ctx.caller.tenantId! }), (v) => v.uuid),
  );

export const decisionById = (ctx: TenantScope) =>
  new DataLoader<string, PolicyDecision | null>(async (ids) =>
    byKey(ids, await ctx.tx.manager.findBy(PolicyDecision, { uuid: In([...ids]), tenantId: ctx.caller.tenantId! }), (d) => d.uuid),
  );

export const evaluationRunById = (ctx: TenantScope) =>
  new DataLoader<string, PolicyEvaluationRun | null>(async (ids) =>
    byKey(ids, await ctx.tx.manager.findBy(PolicyEvaluationRun, { uuid: In([...ids]), tenantId: ctx.caller.tenantId! }), (r) => r.uuid),
  );

/** Each policy's newest re-evaluation run, with what the field selects, in one statement for a page of policies. */
export function latestEvaluationRunFor(ctx: TenantScope, info: GraphQLResolveInfo): DataLoader<string, PolicyEvaluationRun | null> {
  const plan = evaluationRunReads.plan(ctx.app.dataSource, 'r', Selection.of(info));
  const key = readLoaderKey(`latest-evaluation-run:${plan.select}`);
  let found = ctx.loaders.get(key) as DataLoader<string, PolicyEvaluationRun | null> | undefined;
  if (!found) {
    const sql = `SELECT DISTINCT ON (r.policy_id) ${plan.select}, r.policy_id::text AS parent_key FROM policy_evaluation_runs r
      WHERE r.tenant_id = $1 AND r.policy_id = ANY($2::uuid[]) ORDER BY r.policy_id, r.started_at DESC, r.id DESC`;
    found = new DataLoader<string, PolicyEvaluationRun | null>(async (policyIds) => {
      const rows = await readRows(ctx, sql, [ctx.caller.tenantId, policyIds]);
      const byPolicy = new Map(rows.map((row) => [row.parent_key as string, plan.map(row)]));
      return policyIds.map((id) => byPolicy.get(id) ?? null);
    });
    ctx.loaders.set(key, found);
  }
  return found;
}

/**
 * The active policies whose scope covers each agent, in one statement for a whole page of agents,
 * each read with the columns the field selects (see graphql/read-model): one loader per field of the
 * query, found without working out the selection again for each agent. Each policy comes back once
 * with the agents it covers, so a page shares one object per policy.
 */
export function policiesInScopeFor(ctx: TenantScope, info: GraphQLResolveInfo): DataLoader<string, Policy[]> {
  let perField = ctx.loaders.get(PER_FIELD) as WeakMap<object, DataLoader<string, Policy[]>> | undefined;
  if (!perField) ctx.loaders.set(PER_FIELD, (perField = new WeakMap()));
  let found = perField.get(info.fieldNodes);
  if (!found) {
    const plan = policyReads.plan(ctx.app.dataSource, 'p', Selection.of(info));
    const key = readLoaderKey(`policies-in-scope:${plan.select}`);
    found = ctx.loaders.get(key) as DataLoader<string, Policy[]> | undefined;
    if (!found) ctx.loaders.set(key, (found = policiesInScopeLoader(ctx, plan)));
    perField.set(info.fieldNodes, found);
  }
  return found;
}

const PER_FIELD = readLoaderKey('policies-in-scope');

const policiesInScopeLoader = (ctx: TenantScope, plan: ReadPlan<Policy>) =>
  new DataLoader<string, Policy[]>(async (agentIds) => {
    const rows = await readRows(
      ctx,
      `SELECT ${plan.select}, covered.agents AS covered_agents FROM (${COVERING_SQL}) covered
       JOIN policies p ON p.id = covered.policy_id AND p.tenant_id = $1
       ORDER BY p.name`,
      [ctx.caller.tenantId, agentIds],
    );
    const byAgent: Policy[][] = agentIds.map(() => []);
    for (const row of rows) {
      const policy = plan.map(row);
      for (const position of (row.covered_agents as string).split(',')) byAgent[Number(position) - 1].push(policy);
    }
    return byAgent;
  });

export const listedAgentIdsByPolicy = (ctx: TenantScope) =>
  new DataLoader<string, string[]>(async (policyIds) => {
    const rows: { policy_id: string; agent_id: string }[] = await ctx.tx.manager.query(
      `SELECT policy_id, agent_id FROM policy_agents WHERE tenant_id = $1 AND policy_id = ANY($2::uuid[])`,
      [ctx.caller.tenantId, policyIds],
    );
    return groupedByKey(policyIds, rows, (r) => r.policy_id).map((group) => group.map((r) => r.agent_id));
  });

/** Open violations, counting those whose waiver has lapsed. */
export const openViolationCountByPolicy = (ctx: TenantScope) =>
  new DataLoader<string, number>(async (policyIds) => {
    const rows: { policy_id: string; n: number }[] = await ctx.tx.manager.query(
      `SELECT policy_id, count(*)::int AS n FROM policy_violations
       WHERE tenant_id = $1 AND policy_id = ANY($2::uuid[])
         AND (status = 'open' OR (status = 'waived' AND NOT refused_change AND waiver_expires_at <= now()))
       GROUP BY policy_id`,
      [ctx.caller.tenantId, policyIds],
    );
    const counts = new Map(rows.map((r) => [r.policy_id, r.n]));
    return policyIds.map((id) => counts.get(id) ?? 0);
  });

export const lastEvaluatedAtByPolicy = (ctx: TenantScope) =>
  new DataLoader<string, Date | null>(async (policyIds) => {
    const rows: { id: string; at: Date | null }[] = await ctx.tx.manager.query(
      `SELECT k.id, (SELECT d.decided_at FROM policy_decisions d WHERE d.tenant_id = $1 AND d.policy_id = k.id ORDER BY d.decided_at DESC LIMIT 1) AS at
       FROM unnest($2::uuid[]) AS k(id)`,
      [ctx.caller.tenantId, policyIds],
    );
    return byKey(policyIds, rows, (r) => r.id).map((r) => r?.at ?? null);
  });
