import { claimCapacity, PlanLimit } from '../tenants';
import type { TenantScope } from '../../scope';
import { Connection, ConnectionArgs } from '../../graphql/connection';
import { StewardError, UserInputProblem, UserInputProblems } from '../../graphql/errors';
import { loader } from '../../graphql/loader';
import { NamedOrder, namedSort } from '../../graphql/ordering';
import { readPage, Selection, SqlParams } from '../../graphql/read-model';
import { likePattern } from '../../graphql/search';
import { UserError } from '../../graphql/user-error';
import { ApprovalSubjectKind, openApprovalRequest, registerHeldChangeHandler, SECOND_PERSON_STEP } from '../approvals';
import { retireObsoleteDesignViolations } from './policy-architecture';
import { PolicyEnforcement } from './policy-finding.type';
import { cleanRules, resolveScope, ruleProblems } from './policy-conditions';
import { refreshCompliance } from './policy-records';
import { cancelReevaluations, queueReevaluation } from './policy-reevaluation';
import { coversAgent } from './policy-scope';
import type { StoredScope } from './policy-version.entity';
import { PolicyCreateInput, PolicyFilter, PolicyUpdateInput } from './policy.inputs';
import { policyById } from './policy.loaders';
import { PolicyPayload } from './policy.payloads';
import { Policy, PolicyType } from './policy.entity';
import { policyReads } from './policy.reads';

export function listPolicies(
  ctx: TenantScope,
  page: ConnectionArgs,
  filter: PolicyFilter | null,
  order: NamedOrder | null,
  selection: Selection,
): Promise<Connection<Policy>> {
  const params = new SqlParams();
  const where = [`p.tenant_id = ${params.add(ctx.caller.tenantId)}`];
  if (filter?.search?.trim()) where.push(`p.name ILIKE ${params.add(likePattern(filter.search))}`);
  if (filter?.types?.length) where.push(`p.type = ANY(${params.add(filter.types)}::text[])`);
  if (filter?.severities?.length) where.push(`p.severity = ANY(${params.add(filter.severities)}::text[])`);
  if (filter?.enforcements?.length) where.push(`p.enforcement = ANY(${params.add(filter.enforcements)}::text[])`);
  if (filter?.active != null) where.push(`p.active = ${params.add(filter.active)}`);
  return readPage(ctx, policyReads, selection, { alias: 'p', where, params }, page, namedSort('p', order));
}

export async function findPolicy(ctx: TenantScope, policyId: string): Promise<Policy> {
  const policy = await loader(ctx, policyById).load(policyId);
  if (!policy) throw StewardError.notFound('Policy');
  return policy;
}

/** Refuses with every problem at once (paths here start at "input"; mutate() adds it back). */
function refuse(userErrors: UserError[]): never {
  throw new UserInputProblems(userErrors.map((e) => new UserInputProblem(e.field ? e.field.slice(1).join('.') : null, e.message, e.code)));
}

async function writeVersion(ctx: TenantScope, policy: Policy, scope: StoredScope): Promise<void> {
  await ctx.tx.manager.query(
    `INSERT INTO policy_versions (tenant_id, policy_id, version, name, description, type, category, severity, enforcement, rules, scope, created_by_id, created_by_api_key_id)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
    [
      ctx.caller.tenantId,
      policy.uuid,
      policy.version,
      policy.name,
      policy.description,
      policy.type,
      policy.category,
      policy.severity,
      policy.enforcement,
      JSON.stringify(policy.rules),
      scope,
      ctx.caller.userId,
      ctx.caller.apiKeyId,
    ],
  );
}

async function writeListedAgents(ctx: TenantScope, policyId: string, scope: StoredScope): Promise<void> {
  await ctx.tx.manager.query(`DELETE FROM policy_agents WHERE tenant_id = $1 AND policy_id = $2`, [ctx.caller.tenantId, policyId]);
  if (scope.agentIds.length) {
    await ctx.tx.manager.query(`INSERT INTO policy_agents (tenant_id, policy_id, agent_id) SELECT $1, $2, unnest($3::uuid[])`, [
      ctx.caller.tenantId,
      policyId,
      scope.agentIds,
    ]);
  }
}

async function fresh(ctx: TenantScope, policyId: string): Promise<Policy> {
  const policy = await ctx.tx.manager.findOneByOrFail(Policy, { uuid: policyId, tenantId: ctx.caller.tenantId! });
  loader(ctx, policyById).clear(policyId).prime(policyId, policy);
  return policy;
}

function auditView(policy: Policy, scope: StoredScope | null): Record<string, unknown> {
  return {
    version: policy.version,
    name: policy.name,
    type: policy.type,
    category: policy.category,
    severity: policy.severity,
    enforcement: policy.enforcement,
    active: policy.active,
    rules: policy.rules,
    ...(scope ? { scope } : {}),
  };
}

export async function createPolicy(ctx: TenantScope, input: PolicyCreateInput): Promise<PolicyPayload> {
  const name = input.name.trim();
  const scope = await resolveScope(ctx, input.scope, ['input']);
  const problems = [...ruleProblems(input.rules, ['input']), ...(Array.isArray(scope) ? scope : [])];
  if (problems.length || Array.isArray(scope)) refuse(problems);
  await claimCapacity(ctx, PlanLimit.POLICIES);
  const [row]: { id: string }[] = await ctx.tx.manager.query(
    `INSERT INTO policies (tenant_id, name, description, type, category, severity, enforcement, rules, scope_kind, scope_tags, active, created_by_id)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) RETURNING id`,
    [
      ctx.caller.tenantId,
      name,
      input.description.trim(),
      input.type,
      input.category.trim(),
      input.severity,
      input.enforcement,
      JSON.stringify(cleanRules(input.rules)),
      scope.kind,
      scope.tags,
      input.active,
      ctx.caller.userId,
    ],
  );
  const policy = await fresh(ctx, row.id);
  await writeVersion(ctx, policy, scope);
  await writeListedAgents(ctx, policy.uuid, scope);
  await ctx.audit.record({ action: 'policy.create', entityType: 'Policy', entityId: policy.uuid, entityName: policy.name, after: auditView(policy, scope) });
  if (policy.active) await queueReevaluation(ctx, policy, true);
  return { policy, userErrors: [] };
}

async function storedScope(ctx: TenantScope, policy: Policy): Promise<StoredScope> {
  const rows: { agent_id: string }[] = await ctx.tx.manager.query(
    `SELECT agent_id FROM policy_agents WHERE tenant_id = $1 AND policy_id = $2 ORDER BY agent_id`,
    [ctx.caller.tenantId, policy.uuid],
  );
  return { kind: policy.scopeKind, tags: policy.scopeTags, agentIds: rows.map((r) => r.agent_id) };
}

/**
 * Open violations of rules the new version dropped, or of agents it no longer covers, stop counting
 * against those agents: nothing will evaluate them again.
 */
async function retireObsoleteViolations(ctx: TenantScope, policy: Policy): Promise<void> {
  // TypeORM answers an UPDATE with [rows, count].
  const [affected]: [{ agent_id: string }[], number] = await ctx.tx.manager.query(
    `UPDATE policy_violations v SET status = 'resolved', resolved_at = now()
     FROM policies p, agents a
     WHERE v.tenant_id = $1 AND v.policy_id = $2 AND v.status = 'open' AND p.tenant_id = v.tenant_id AND p.id = v.policy_id
       AND a.tenant_id = v.tenant_id AND a.id = v.agent_id
       AND (NOT (v.rule_name = ANY($3::text[])) OR NOT ${coversAgent('a.id', 'a.tags')})
     RETURNING v.agent_id`,
    [ctx.caller.tenantId, policy.uuid, policy.rules.map((r) => r.name)],
  );
  await refreshCompliance(ctx, [...new Set(affected.map((r) => r.agent_id))]);
  if (policy.type === PolicyType.ARCHITECTURE) {
    await retireObsoleteDesignViolations(
      ctx,
      policy.uuid,
      { kind: policy.scopeKind, tags: policy.scopeTags, agentIds: [] },
      policy.rules.map((r) => r.name),
    );
  }
}

/** The approval request a policy change is applied on. */
interface ApprovedBy {
  requestId: string;
}

/**
 * A change that could weaken a block-mode policy waits for a second person: a compliance officer or
 * an admin other than its author, so nobody loosens the rules that govern their own agents alone.
 */
async function holdPolicyChange(
  ctx: TenantScope,
  policy: Policy,
  action: 'update' | 'deactivate',
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  replay: Record<string, unknown>,
): Promise<PolicyPayload> {
  const request = await openApprovalRequest(ctx, {
    kind: ApprovalSubjectKind.POLICY_CHANGE,
    title: `${action === 'update' ? 'Change' : 'Deactivate'} block policy ${policy.name}`,
    summary: 'A block-mode policy changes only with the approval of a compliance officer or an admin other than the author.',
    steps: [{ ...SECOND_PERSON_STEP, name: 'Second person review' }],
    subjectId: policy.uuid,
    subjectField: 'policyId',
    heldChange: { handler: 'policy', action: `policy.${action}`, before, after, replay },
  });
  await ctx.audit.record({
    action: `policy.${action}.held`,
    entityType: 'Policy',
    entityId: policy.uuid,
    entityName: policy.name,
    before,
    after: { ...after, approvalRequestId: request.uuid },
  });
  return { policy, heldForApproval: request, userErrors: [] };
}

export async function updatePolicy(ctx: TenantScope, policyId: string, input: PolicyUpdateInput, approvedBy?: ApprovedBy): Promise<PolicyPayload> {
  const locked: { id: string }[] = await ctx.tx.manager.query(`SELECT id FROM policies WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [
    ctx.caller.tenantId,
    policyId,
  ]);
  if (!locked.length) throw StewardError.notFound('Policy');
  const current = await fresh(ctx, policyId);
  const currentScope = await storedScope(ctx, current);
  const scope = input.scope ? await resolveScope(ctx, input.scope, ['input']) : currentScope;
  const problems = [...(input.rules ? ruleProblems(input.rules, ['input']) : []), ...(Array.isArray(scope) ? scope : [])];
  const name = input.name?.trim() ?? current.name;
  if (problems.length || Array.isArray(scope)) refuse(problems);
  const next = {
    name,
    description: input.description?.trim() ?? current.description,
    type: input.type ?? current.type,
    category: input.category?.trim() ?? current.category,
    severity: input.severity ?? current.severity,
    enforcement: input.enforcement ?? current.enforcement,
    rules: input.rules ? cleanRules(input.rules) : current.rules,
  };
  const unchanged =
    (Object.keys(next) as (keyof typeof next)[]).every((k) => JSON.stringify(next[k]) === JSON.stringify(current[k])) &&
    JSON.stringify(scope) === JSON.stringify(currentScope);
  if (unchanged) return { policy: current, userErrors: [] };
  const governing =
    JSON.stringify([next.rules, next.enforcement, scope]) !== JSON.stringify([current.rules, current.enforcement, currentScope]) &&
    current.enforcement === PolicyEnforcement.BLOCK;
  if (governing && !approvedBy) {
    return holdPolicyChange(ctx, current, 'update', auditView(current, currentScope), auditView({ ...current, ...next } as Policy, scope), {
      policyId,
      input: JSON.parse(JSON.stringify(input)),
    });
  }
  await ctx.tx.manager.query(
    `UPDATE policies SET name = $3, description = $4, type = $5, category = $6, severity = $7, enforcement = $8, rules = $9, scope_kind = $10, scope_tags = $11,
       version = version + 1, updated_at = now() WHERE tenant_id = $1 AND id = $2`,
    [
      ctx.caller.tenantId,
      policyId,
      next.name,
      next.description,
      next.type,
      next.category,
      next.severity,
      next.enforcement,
      JSON.stringify(next.rules),
      scope.kind,
      scope.tags,
    ],
  );
  const policy = await fresh(ctx, policyId);
  await writeVersion(ctx, policy, scope);
  if (input.scope) await writeListedAgents(ctx, policyId, scope);
  await retireObsoleteViolations(ctx, policy);
  await ctx.audit.record({
    action: 'policy.update',
    entityType: 'Policy',
    entityId: policy.uuid,
    entityName: policy.name,
    before: auditView(current, currentScope),
    after: approvedBy ? { ...auditView(policy, scope), approvalRequestId: approvedBy.requestId } : auditView(policy, scope),
  });
  const judgesDifferently =
    JSON.stringify([next.rules, next.enforcement, next.severity, scope]) !==
    JSON.stringify([current.rules, current.enforcement, current.severity, currentScope]);
  if (policy.active && judgesDifferently) await queueReevaluation(ctx, policy, true);
  return { policy, userErrors: [] };
}

/** Only active policies are enforced; an inactive policy's open violations stop counting against compliance. */
export async function setPolicyActive(ctx: TenantScope, policyId: string, active: boolean, approvedBy?: ApprovedBy): Promise<PolicyPayload> {
  const current = await findPolicy(ctx, policyId);
  if (current.active === active) throw new UserInputProblem('policyId', `The policy is already ${active ? 'active' : 'inactive'}`, 'CONFLICT');
  if (!active && current.enforcement === PolicyEnforcement.BLOCK && !approvedBy)
    return holdPolicyChange(ctx, current, 'deactivate', { active: true }, { active: false }, { policyId, active: false });
  await ctx.tx.manager.query(`UPDATE policies SET active = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2`, [ctx.caller.tenantId, policyId, active]);
  const affected: { agent_id: string }[] = await ctx.tx.manager.query(
    `SELECT DISTINCT agent_id FROM policy_violations WHERE tenant_id = $1 AND policy_id = $2 AND status = 'open' AND agent_id IS NOT NULL`,
    [ctx.caller.tenantId, policyId],
  );
  await refreshCompliance(
    ctx,
    affected.map((r) => r.agent_id),
  );
  const policy = await fresh(ctx, policyId);
  if (active) await queueReevaluation(ctx, policy, true);
  else await cancelReevaluations(ctx, policyId, 'The policy was deactivated');
  await ctx.audit.record({
    action: active ? 'policy.activate' : 'policy.deactivate',
    entityType: 'Policy',
    entityId: policyId,
    entityName: policy.name,
    before: { active: !active },
    after: { active },
  });
  return { policy, userErrors: [] };
}

/** A held policy change is made again once approved, judged as things stand then. */
registerHeldChangeHandler('policy', async (ctx, request) => {
  const replay = request.heldChange!.replay as { policyId: string; input?: PolicyUpdateInput; active?: boolean };
  const approvedBy = { requestId: request.uuid };
  if (replay.input) await updatePolicy(ctx, replay.policyId, replay.input, approvedBy);
  else await setPolicyActive(ctx, replay.policyId, replay.active ?? false, approvedBy);
  return { applied: true, message: null };
});
