import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import type { TenantScope } from '../../scope';
import { inRoleGroup } from '../../auth/role-groups';
import { Connection, ConnectionArgs, OrderDirection } from '../../graphql/connection';
import { InputChecks, StewardError, UserInputProblem } from '../../graphql/errors';
import { expectGlobalId } from '../../graphql/global-id';
import { groupedByKey, loader } from '../../graphql/loader';
import { readPage, Selection, SqlParams } from '../../graphql/read-model';
import { ComplianceControl } from './compliance-control.entity';
import { ComplianceException } from './compliance-exception.entity';
import {
  ComplianceControlCreateInput,
  ComplianceControlFilter,
  ComplianceControlUpdateInput,
  ComplianceExceptionFilter,
  ComplianceExceptionGrantInput,
} from './compliance.inputs';
import { controlById, exceptionById, policyIdsByControl, requirementById } from './compliance.loaders';
import { controlReads, exceptionReads } from './compliance.reads';
import { refreshReadiness } from './compliance-readiness';

/**
 * The list of controls leaves out, for callers who do not read all of compliance, the controls its rule
 * (compliance.rules.ts, "covering own agents") would refuse them: controls linked to a policy that has
 * decided on an agent the caller created are the only ones they may read. The rule decides; this only
 * keeps refused rows out of the page.
 */
export function coveringCallerAgents(ctx: TenantScope, alias: string, params: SqlParams): string | null {
  if (inRoleGroup('complianceReaders', ctx.caller)) return null;
  return `EXISTS (SELECT 1 FROM compliance_control_policies cp JOIN policy_decisions d ON d.tenant_id = cp.tenant_id AND d.policy_id = cp.policy_id
            JOIN agents a ON a.id = d.agent_id WHERE cp.control_id = ${alias}.id AND a.created_by_id = ${params.add(ctx.caller.userId)})`;
}

export function listControls(ctx: TenantScope, page: ConnectionArgs, filter: ComplianceControlFilter | null, selection: Selection) {
  const params = new SqlParams();
  const where = [`c.tenant_id = ${params.add(ctx.caller.tenantId)}`];
  const covering = coveringCallerAgents(ctx, 'c', params);
  if (covering) where.push(covering);
  if (filter?.status) where.push(`c.status = ${params.add(filter.status)}`);
  if (filter?.search?.trim()) where.push(`c.name ILIKE ${params.add(`%${filter.search.trim().replace(/[\\%_]/g, '\\$&')}%`)}`);
  if (filter?.frameworkId) {
    const frameworkId = expectGlobalId(filter.frameworkId, 'ComplianceFramework', 'filter.frameworkId');
    where.push(`EXISTS (SELECT 1 FROM compliance_control_requirements m JOIN compliance_requirements r ON r.id = m.requirement_id
                 WHERE m.control_id = c.id AND r.framework_id = ${params.add(frameworkId)})`);
  }
  return readPage(ctx, controlReads, selection, { alias: 'c', where, params }, page, {
    column: 'lower(c.name)',
    id: 'c.id',
    direction: OrderDirection.ASC,
  }) as Promise<Connection<ComplianceControl>>;
}

export async function findControl(ctx: TenantScope, id: string): Promise<ComplianceControl> {
  const control = await loader(ctx, controlById).load(id);
  if (!control) throw StewardError.notFound('ComplianceControl');
  return control;
}

function snapshot(c: ComplianceControl, policyIds?: string[]): Record<string, unknown> {
  return {
    name: c.name,
    ownerId: c.ownerId,
    reviewFrequency: c.reviewFrequency,
    evidenceRequired: c.evidenceRequired,
    status: c.status,
    ...(policyIds ? { policyIds } : {}),
  };
}

async function reload(ctx: TenantScope, id: string): Promise<ComplianceControl> {
  const control = await ctx.tx.manager.findOneByOrFail(ComplianceControl, { uuid: id });
  loader(ctx, controlById).clear(id).prime(id, control);
  loader(ctx, policyIdsByControl).clear(id);
  return control;
}

async function policyIds(ctx: TenantScope, checks: InputChecks, ids: string[] | undefined): Promise<string[] | undefined> {
  if (ids === undefined) return undefined;
  const uuids = [...new Set(ids.map((id, i) => expectGlobalId(id, 'Policy', `input.policyIds.${i}`)))];
  const found: { id: string }[] = await ctx.tx.manager.query(`SELECT id FROM policies WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [
    ctx.caller.tenantId,
    uuids,
  ]);
  if (found.length !== uuids.length) checks.add('policyIds', 'No such policy in this tenant');
  return uuids;
}

async function requirementIds(ctx: TenantScope, checks: InputChecks, ids: string[]): Promise<string[]> {
  const uuids = [...new Set(ids.map((id, i) => expectGlobalId(id, 'ComplianceRequirement', `input.requirementIds.${i}`)))];
  const found = await loader(ctx, requirementById).loadMany(uuids);
  if (found.some((r) => !r || r instanceof Error)) checks.add('requirementIds', 'No such requirement in this tenant');
  return uuids;
}

async function ownerId(ctx: TenantScope, checks: InputChecks, globalId: string | null | undefined): Promise<string | null | undefined> {
  if (globalId == null) return globalId;
  const id = expectGlobalId(globalId, 'User', 'input.ownerId');
  const [member] = await ctx.tx.manager.query(`SELECT 1 FROM memberships WHERE tenant_id = $1 AND user_id = $2`, [ctx.caller.tenantId, id]);
  if (!member) checks.add('ownerId', 'No such member in this tenant');
  return id;
}

async function linkPolicies(ctx: TenantScope, controlId: string, ids: string[]): Promise<void> {
  await ctx.tx.manager.query(`DELETE FROM compliance_control_policies WHERE control_id = $1 AND NOT (policy_id = ANY($2::uuid[]))`, [controlId, ids]);
  await ctx.tx.manager.query(
    `INSERT INTO compliance_control_policies (tenant_id, control_id, policy_id) SELECT $1, $2, unnest($3::uuid[]) ON CONFLICT DO NOTHING`,
    [ctx.caller.tenantId, controlId, ids],
  );
}

async function map(ctx: TenantScope, controlId: string, ids: string[]): Promise<number> {
  const rows: unknown[] = await ctx.tx.manager.query(
    `INSERT INTO compliance_control_requirements (tenant_id, control_id, requirement_id) SELECT $1, $2, unnest($3::uuid[]) ON CONFLICT DO NOTHING RETURNING requirement_id`,
    [ctx.caller.tenantId, controlId, ids],
  );
  return rows.length;
}

export async function createControl(ctx: TenantScope, input: ComplianceControlCreateInput, id: string = randomUUID()): Promise<ComplianceControl> {
  const checks = new InputChecks();
  const owner = await ownerId(ctx, checks, input.ownerId);
  const policies = (await policyIds(ctx, checks, input.policyIds)) ?? [];
  const requirements = await requirementIds(ctx, checks, input.requirementIds);
  checks.refuseIfAny();
  const [row]: { id: string }[] = await ctx.tx.manager.query(
    `INSERT INTO compliance_controls (id, tenant_id, name, description, owner_id, review_frequency, evidence_required, created_by_id)
     VALUES ($8, $1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      ctx.caller.tenantId,
      input.name.trim(),
      input.description,
      owner ?? ctx.caller.userId,
      input.reviewFrequency,
      input.evidenceRequired,
      ctx.caller.userId,
      id,
    ],
  );
  await linkPolicies(ctx, row.id, policies);
  await map(ctx, row.id, requirements);
  await refreshReadiness(ctx);
  const control = await reload(ctx, row.id);
  await ctx.audit.record({
    action: 'compliance_control.create',
    entityType: 'ComplianceControl',
    entityId: control.uuid,
    entityName: control.name,
    after: { ...snapshot(control, policies), requirementIds: requirements },
  });
  return control;
}

export async function updateControl(ctx: TenantScope, id: string, input: ComplianceControlUpdateInput): Promise<ComplianceControl> {
  const current = await findControl(ctx, id);
  const before = await loader(ctx, policyIdsByControl).load(id);
  const checks = new InputChecks();
  const owner = await ownerId(ctx, checks, input.ownerId);
  const policies = await policyIds(ctx, checks, input.policyIds);
  checks.refuseIfAny();
  const changes: Record<string, unknown> = { updatedAt: new Date() };
  if (input.name !== undefined) changes.name = input.name.trim();
  if (input.description !== undefined) changes.description = input.description;
  if (owner !== undefined) changes.ownerId = owner;
  if (input.reviewFrequency != null) changes.reviewFrequency = input.reviewFrequency;
  if (input.evidenceRequired != null) changes.evidenceRequired = input.evidenceRequired;
  await ctx.tx.manager.update(ComplianceControl, { uuid: id }, changes);
  if (policies) await linkPolicies(ctx, id, policies);
  await refreshReadiness(ctx);
  const control = await reload(ctx, id);
  await ctx.audit.record({
    action: 'compliance_control.update',
    entityType: 'ComplianceControl',
    entityId: id,
    entityName: control.name,
    before: snapshot(current, before),
    after: snapshot(control, policies ?? before),
  });
  return control;
}

export async function mapControl(ctx: TenantScope, id: string, ids: string[], unmap: boolean): Promise<ComplianceControl> {
  const current = await findControl(ctx, id);
  if (!ids.length) throw new UserInputProblem('requirementIds', 'Give at least one requirement');
  const checks = new InputChecks();
  const requirements = await requirementIds(ctx, checks, ids);
  checks.refuseIfAny();
  let changed: number;
  if (unmap) {
    // A DELETE answers [rows, count] through TypeORM.
    const [, count]: [unknown[], number] = await ctx.tx.manager.query(
      `DELETE FROM compliance_control_requirements WHERE control_id = $1 AND requirement_id = ANY($2::uuid[]) RETURNING requirement_id`,
      [id, requirements],
    );
    changed = count;
  } else changed = await map(ctx, id, requirements);
  await refreshReadiness(ctx);
  const control = await reload(ctx, id);
  await ctx.audit.record({
    action: unmap ? 'compliance_control.unmap' : 'compliance_control.map',
    entityType: 'ComplianceControl',
    entityId: id,
    entityName: current.name,
    after: { requirementIds: requirements, changed },
  });
  return control;
}

export async function reviewControl(ctx: TenantScope, id: string): Promise<ComplianceControl> {
  const current = await findControl(ctx, id);
  await ctx.tx.manager.update(ComplianceControl, { uuid: id }, { lastReviewedAt: new Date(), updatedAt: new Date() });
  const control = await reload(ctx, id);
  await ctx.audit.record({
    action: 'compliance_control.review',
    entityType: 'ComplianceControl',
    entityId: id,
    entityName: current.name,
    before: { lastReviewedAt: current.lastReviewedAt?.toISOString() ?? null },
    after: { lastReviewedAt: control.lastReviewedAt?.toISOString() ?? null },
  });
  return control;
}

export async function deleteControl(ctx: TenantScope, id: string): Promise<string> {
  const current = await findControl(ctx, id);
  await ctx.tx.manager.query(`DELETE FROM compliance_controls WHERE id = $1 AND tenant_id = $2`, [id, ctx.caller.tenantId]);
  await refreshReadiness(ctx);
  await ctx.audit.record({
    action: 'compliance_control.delete',
    entityType: 'ComplianceControl',
    entityId: id,
    entityName: current.name,
    before: snapshot(current),
  });
  return current.id;
}

export function listExceptions(ctx: TenantScope, page: ConnectionArgs, filter: ComplianceExceptionFilter | null, selection: Selection) {
  const params = new SqlParams();
  const where = [`x.tenant_id = ${params.add(ctx.caller.tenantId)}`];
  if (filter?.activeOnly) where.push(`x.revoked_at IS NULL AND x.expires_at > now()`);
  return readPage(ctx, exceptionReads, selection, { alias: 'x', where, params }, page, {
    column: 'x.approved_at',
    id: 'x.id',
    direction: OrderDirection.DESC,
    cast: 'timestamptz',
  }) as Promise<Connection<ComplianceException>>;
}

const TWO_YEARS_MS = 2 * 366 * 86400_000;

export async function grantException(ctx: TenantScope, input: ComplianceExceptionGrantInput, id: string = randomUUID()): Promise<ComplianceException> {
  const checks = new InputChecks();
  if ((input.controlId == null) === (input.requirementId == null)) checks.add(null, 'Give exactly one of controlId and requirementId');
  const expires = new Date(input.expiresAt).getTime();
  if (!(expires > Date.now())) checks.add('expiresAt', 'expiresAt must be in the future');
  else if (expires - Date.now() > TWO_YEARS_MS) checks.add('expiresAt', 'expiresAt must be at most two years ahead');
  let controlId: string | null = null;
  let requirementId: string | null = null;
  let name = '';
  if (input.controlId) {
    controlId = expectGlobalId(input.controlId, 'ComplianceControl', 'input.controlId');
    const control = await loader(ctx, controlById).load(controlId);
    if (!control) checks.add('controlId', 'No such control in this tenant');
    else name = control.name;
  } else if (input.requirementId) {
    requirementId = expectGlobalId(input.requirementId, 'ComplianceRequirement', 'input.requirementId');
    const requirement = await loader(ctx, requirementById).load(requirementId);
    if (!requirement) checks.add('requirementId', 'No such requirement in this tenant');
    else name = requirement.code;
  }
  checks.refuseIfAny();
  const [row]: { id: string }[] = await ctx.tx.manager.query(
    `INSERT INTO compliance_exceptions (id, tenant_id, control_id, requirement_id, reason, approved_by_id, expires_at) VALUES ($7, $1, $2, $3, $4, $5, $6) RETURNING id`,
    [ctx.caller.tenantId, controlId, requirementId, input.reason.trim(), ctx.caller.userId, input.expiresAt, id],
  );
  // Its lapse is queued for its expiry, in this transaction: the statuses and scores change when it ends, not at the next write.
  await ctx.tx.manager.query(`SELECT steward.enqueue_compliance_exception_lapse($1, $2)`, [row.id, input.expiresAt]);
  await refreshReadiness(ctx);
  const exception = await ctx.tx.manager.findOneByOrFail(ComplianceException, { uuid: row.id });
  await ctx.audit.record({
    action: 'compliance_exception.grant',
    entityType: 'ComplianceException',
    entityId: exception.uuid,
    entityName: name,
    after: { controlId, requirementId, reason: exception.reason, expiresAt: exception.expiresAt.toISOString() },
  });
  return exception;
}

export async function revokeException(ctx: TenantScope, id: string): Promise<ComplianceException> {
  const current = await loader(ctx, exceptionById).load(id);
  if (!current) throw StewardError.notFound('ComplianceException');
  if (!current.active) throw new UserInputProblem('exceptionId', 'The exception is no longer active', 'CONFLICT');
  await ctx.tx.manager.update(ComplianceException, { uuid: id }, { revokedAt: new Date(), revokedById: ctx.caller.userId });
  await refreshReadiness(ctx);
  const exception = await ctx.tx.manager.findOneByOrFail(ComplianceException, { uuid: id });
  loader(ctx, exceptionById).clear(id).prime(id, exception);
  await ctx.audit.record({
    action: 'compliance_exception.revoke',
    entityType: 'ComplianceException',
    entityId: id,
    before: { revokedAt: null },
    after: { revokedAt: exception.revokedAt?.toISOString() ?? null },
  });
  return exception;
}

/**
 * Automated controls' checks, one per linked policy, for a page of controls in one statement: the
 * latest decision per agent (not archived) and rule, and whether they pass (as steward.compliance_refresh
 * judges them), with the window they cover.
 */
export const automatedChecksByControl = (ctx: TenantScope) =>
  new DataLoader<string, AutomatedCheck[]>(async (ids) => {
    const rows: (AutomatedCheckRow & { control_id: string })[] = await ctx.tx.manager.query(
      `WITH links AS (
         SELECT cp.control_id, cp.policy_id FROM compliance_control_policies cp WHERE cp.tenant_id = $1 AND cp.control_id = ANY($2::uuid[])),
       latest AS (
         SELECT DISTINCT ON (d.policy_id, d.agent_id, d.rule_name) d.id, d.policy_id, d.agent_id, d.rule_name, d.result, d.action_taken, d.decided_at
         FROM policy_decisions d JOIN agents a ON a.id = d.agent_id AND a.status <> 'archived'
         WHERE d.tenant_id = $1 AND d.policy_id IN (SELECT policy_id FROM links)
         ORDER BY d.policy_id, d.agent_id, d.rule_name, d.decided_at DESC, d.id DESC),
       failing AS (
         SELECT l.policy_id, l.agent_id FROM latest l
         WHERE l.result = 'violation' AND l.action_taken <> 'waived'
           AND NOT EXISTS (SELECT 1 FROM policy_violations w WHERE w.tenant_id = $1 AND w.policy_id = l.policy_id AND w.agent_id = l.agent_id
                             AND w.rule_name = l.rule_name AND w.status = 'waived')
         UNION
         SELECT v.policy_id, v.agent_id FROM policy_violations v WHERE v.tenant_id = $1 AND v.status = 'open' AND v.policy_id IN (SELECT policy_id FROM links))
       SELECT k.control_id, k.policy_id, NOT EXISTS (SELECT 1 FROM failing f WHERE f.policy_id = k.policy_id) AS passing,
         (SELECT count(DISTINCT f.agent_id)::int FROM failing f WHERE f.policy_id = k.policy_id) AS failing_agents,
         (SELECT min(l.decided_at) FROM latest l WHERE l.policy_id = k.policy_id) AS window_start,
         (SELECT max(l.decided_at) FROM latest l WHERE l.policy_id = k.policy_id) AS window_end,
         (SELECT array_agg(x.id) FROM (SELECT l.id FROM latest l WHERE l.policy_id = k.policy_id ORDER BY l.decided_at DESC LIMIT 20) x) AS decision_ids
       FROM links k JOIN policies p ON p.id = k.policy_id ORDER BY lower(p.name)`,
      [ctx.caller.tenantId, [...ids]],
    );
    return groupedByKey(ids, rows, (r) => r.control_id).map((list) =>
      list.map((r) => ({
        policyId: r.policy_id,
        passing: r.passing,
        failingAgentCount: r.failing_agents,
        windowStart: r.window_start,
        windowEnd: r.window_end,
        decisionIds: r.decision_ids ?? [],
      })),
    );
  });

interface AutomatedCheckRow {
  policy_id: string;
  passing: boolean;
  failing_agents: number;
  window_start: Date | null;
  window_end: Date | null;
  decision_ids: string[] | null;
}

export interface AutomatedCheck {
  policyId: string;
  passing: boolean;
  failingAgentCount: number;
  windowStart: Date | null;
  windowEnd: Date | null;
  decisionIds: string[];
}

/**
 * The tenant's exceptions whose expiry has passed (and that were not revoked first) lapse: each is marked lapsed once,
 * readiness is recomputed, and each lapse is audited with the stored status of what it exempted before and after.
 * Run by the job queued for each exception's expiry, and by the hourly sweep, which catches any the job has not.
 */
export async function lapseDueExceptions(ctx: TenantScope): Promise<number> {
  // An UPDATE answers [rows, count] through TypeORM.
  const [lapsed]: [{ id: string; control_id: string | null; requirement_id: string | null; expires_at: Date }[], number] = await ctx.tx.manager.query(
    `UPDATE compliance_exceptions SET lapsed_at = now()
     WHERE tenant_id = $1 AND revoked_at IS NULL AND lapsed_at IS NULL AND expires_at <= now()
     RETURNING id, control_id, requirement_id, expires_at`,
    [ctx.caller.tenantId],
  );
  if (!lapsed.length) return 0;
  const controlIds = lapsed.flatMap((x) => (x.control_id ? [x.control_id] : []));
  const requirementIds = lapsed.flatMap((x) => (x.requirement_id ? [x.requirement_id] : []));
  const statuses = async () => {
    const rows: { id: string; name: string; status: string }[] = await ctx.tx.manager.query(
      `SELECT id, name, status FROM compliance_controls WHERE tenant_id = $1 AND id = ANY($2::uuid[])
       UNION ALL SELECT id, code, status FROM compliance_requirements WHERE tenant_id = $1 AND id = ANY($3::uuid[])`,
      [ctx.caller.tenantId, controlIds, requirementIds],
    );
    return new Map(rows.map((r) => [r.id, r]));
  };
  const before = await statuses();
  await refreshReadiness(ctx);
  const after = await statuses();
  for (const x of lapsed) {
    loader(ctx, exceptionById).clear(x.id);
    const target = (x.control_id ?? x.requirement_id)!;
    await ctx.audit.record({
      action: 'compliance_exception.lapse',
      entityType: 'ComplianceException',
      entityId: x.id,
      entityName: after.get(target)?.name ?? before.get(target)?.name ?? '',
      before: { active: true, status: before.get(target)?.status ?? null },
      after: { active: false, status: after.get(target)?.status ?? null, expiresAt: new Date(x.expires_at).toISOString() },
    });
  }
  for (const id of controlIds) loader(ctx, controlById).clear(id);
  for (const id of requirementIds) loader(ctx, requirementById).clear(id);
  return lapsed.length;
}
