import { claimCapacity, PlanLimit } from '../tenants';
import { randomUUID } from 'node:crypto';
import type { SelectQueryBuilder } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { TenantScope } from '../../scope';
import { Connection, ConnectionArgs, OrderDirection, SortSpec } from '../../graphql/connection';
import { connectionOf, PARENT } from '../../graphql/connection-per-parent';
import { InputChecks, StewardError, UserInputProblem } from '../../graphql/errors';
import { expectGlobalId } from '../../graphql/global-id';
import { loader } from '../../graphql/loader';
import { checkJsonSize } from '../../graphql/json-input';
import { NamedParams, ParamSink, readList, readOne, readPage, Selection, SqlParams } from '../../graphql/read-model';
import { likePattern } from '../../graphql/search';
import { NamedOrder, NamedOrderField } from '../../graphql/ordering';
import { UserErrorCode } from '../../graphql/user-error';
import { recordAgentActivity } from '../agent-activity';
import { AGENT_MODEL_TYPES, AiModel, aiModelById, AiModelStatus } from '../ai-models';
import { ApprovalSubjectKind, openApprovalRequest, registerHeldChangeHandler, SECOND_PERSON_STEP } from '../approvals';
import { AgentChange, evaluateAgentChange, PolicyEnforcement, recordAgentEvaluation } from '../policies';
import { Agent, AgentStatus, ModelTier } from './agent.entity';
import { agentById } from './agent.loaders';
import { agentReads } from './agent.reads';
import { AgentCreateInput, AgentFilter, AgentUpdateInput } from './agent.inputs';
import { LifecycleAction, nextStatus } from './agent.lifecycle';
import { AgentPayload } from './agent.payloads';
import { agentSnapshot } from './agent.snapshot';

/** The filter's conditions on agents as `a`, their values added to `params`: the same for a page and for a per-parent page. */
function agentConditions(ctx: TenantScope, filter: AgentFilter | null, params: ParamSink): string[] {
  const where = [`a.tenant_id = ${params.add(ctx.caller.tenantId)}`];
  if (filter?.search?.trim()) where.push(`a.name ILIKE ${params.add(likePattern(filter.search))}`);
  if (filter?.tags?.length) where.push(`a.tags && ${params.add(filter.tags)}::text[]`);
  const among = {
    status: filter?.statuses,
    role: filter?.roles,
    runtime_state: filter?.runtimeStates,
    compliance_status: filter?.complianceStatuses,
    model_tier: filter?.modelTiers,
  };
  for (const [column, values] of Object.entries(among)) if (values?.length) where.push(`a.${column} = ANY(${params.add(values)}::text[])`);
  return where;
}

function agentQuery(ctx: TenantScope, filter: AgentFilter | null): SelectQueryBuilder<Agent> {
  const params = new NamedParams();
  return ctx.tx.manager.createQueryBuilder(Agent, 'a').where(agentConditions(ctx, filter, params).join(' AND '), params.values);
}

function agentSort(order: NamedOrder | null): SortSpec<Agent> {
  const column = { [NamedOrderField.CREATED_AT]: 'a.created_at', [NamedOrderField.UPDATED_AT]: 'a.updated_at', [NamedOrderField.NAME]: 'lower(a.name)' }[
    order?.field ?? NamedOrderField.CREATED_AT
  ];
  return {
    column,
    id: 'a.id',
    direction: order?.direction ?? OrderDirection.DESC,
    idOf: (a) => a.uuid,
    cast: order?.field === NamedOrderField.NAME ? 'text' : 'timestamptz',
  };
}

/** A page of the tenant's agents, each read with the columns and relations `selection` asks for: one statement. */
export function listAgents(
  ctx: TenantScope,
  page: ConnectionArgs,
  filter: AgentFilter | null,
  order: NamedOrder | null,
  selection: Selection,
): Promise<Connection<Agent>> {
  const params = new SqlParams();
  const where = agentConditions(ctx, filter, params);
  if (filter?.modelId) where.push(`a.model_id = ${params.add(expectGlobalId(filter.modelId, 'AiModel', 'filter.modelId'))}`);
  return readPage(ctx, agentReads, selection, { alias: 'a', where, params }, page, agentSort(order));
}

/** The agents using a model; those of a whole page of models are read together (see connectionOf). */
export function listModelAgents(
  ctx: TenantScope,
  modelId: string,
  page: ConnectionArgs,
  filter: AgentFilter | null,
  order: NamedOrder | null,
  selection: Selection,
): Promise<Connection<Agent>> {
  return connectionOf(ctx, modelId, page, {
    key: `aiModel.agents:${JSON.stringify([filter, order])}:${agentReads.plan(ctx.app.dataSource, 'a', selection).select}`,
    query: () => agentQuery(ctx, filter).andWhere(`a.model_id = ${PARENT}`),
    sort: agentSort(order),
    load: (ids) => {
      const params = new SqlParams();
      return readList(ctx, agentReads, selection, {
        alias: 'a',
        where: [`a.tenant_id = ${params.add(ctx.caller.tenantId)}`, `a.id = ANY(${params.add(ids)}::uuid[])`],
        params,
      });
    },
  });
}

/** One agent by id, with the columns and relations the caller selected, in one statement. */
export async function readAgent(ctx: TenantScope, agentId: string, selection: Selection): Promise<Agent> {
  const params = new SqlParams();
  const agent = await readOne(ctx, agentReads, selection, {
    alias: 'a',
    where: [`a.id = ${params.add(agentId)}`, `a.tenant_id = ${params.add(ctx.caller.tenantId)}`],
    params,
  });
  if (!agent) throw StewardError.notFound('Agent');
  return agent;
}

/** The agent, locked until the request ends, so two concurrent changes are judged one after the other. */
async function lockedAgent(ctx: TenantScope, agentId: string): Promise<Agent> {
  const agent = await ctx.tx.manager
    .createQueryBuilder(Agent, 'a')
    .setLock('pessimistic_write')
    .where('a.id = :agentId AND a.tenant_id = :tenant', { agentId, tenant: ctx.caller.tenantId })
    .getOne();
  if (!agent) throw StewardError.notFound('Agent');
  loader(ctx, agentById).clear(agentId).prime(agentId, agent);
  return agent;
}

export async function findAgent(ctx: TenantScope, agentId: string): Promise<Agent> {
  const agent = await loader(ctx, agentById).load(agentId);
  if (!agent) throw StewardError.notFound('Agent');
  return agent;
}

async function deployedModel(ctx: TenantScope, modelGlobalId: string): Promise<AiModel> {
  const model = await loader(ctx, aiModelById).load(expectGlobalId(modelGlobalId, 'AiModel', 'input.modelId'));
  if (!model) throw new UserInputProblem('modelId', "No such model in this tenant's registry");
  if (model.status !== AiModelStatus.DEPLOYED)
    throw new UserInputProblem('modelId', `${model.name} ${model.version} is ${model.status}; an agent may only use a deployed model`);
  if (!AGENT_MODEL_TYPES.includes(model.type))
    throw new UserInputProblem('modelId', `${model.name} ${model.version} is an ${model.type} model; an agent runs on a language or vision model`);
  return model;
}

/** An agent on a model runs at the model's tier: a different tier asked for is refused, none asked for follows the model. */
function tierFor(model: AiModel | null, asked: ModelTier | null | undefined, fallback: ModelTier | null): ModelTier {
  if (model?.tier) {
    if (asked && asked !== model.tier) throw new UserInputProblem('modelTier', `${model.name} ${model.version} runs at the ${model.tier} tier, not ${asked}`);
    return model.tier;
  }
  const tier = asked ?? fallback;
  if (!tier) throw new UserInputProblem('modelTier', 'Choose a tier, or a model the tier follows from');
  return tier;
}

/** The architecture an agent may run on: the tenant's, and not archived. */
async function usableArchitecture(ctx: TenantScope, globalId: string): Promise<string> {
  const id = expectGlobalId(globalId, 'Architecture', 'input.architectureId');
  const [row]: { status: string }[] = await ctx.tx.manager.query(`SELECT status FROM architectures WHERE tenant_id = $1 AND id = $2`, [
    ctx.caller.tenantId,
    id,
  ]);
  if (!row) throw new UserInputProblem('architectureId', 'No such architecture in this tenant');
  if (row.status === 'archived') throw new UserInputProblem('architectureId', 'The architecture is archived; choose a draft or active one');
  return id;
}

function cleanList(values: string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter(Boolean))];
}

/** How to make a held change again once it is approved: the same service call, marked approved. */
type AgentReplay =
  | { op: 'create'; agentId: string; input: AgentCreateInput; createdById: string | null }
  | { op: 'update'; agentId: string; input: AgentUpdateInput }
  | { op: 'lifecycle'; agentId: string; action: LifecycleAction; reason: string | null };

/** The approval request a change is applied on, if any. */
export interface ApprovedBy {
  requestId: string;
}

const VERBS: Record<AgentChange['action'], string> = {
  create: 'Create',
  update: 'Change',
  deploy: 'Deploy',
  suspend: 'Suspend',
  resume: 'Resume',
  archive: 'Archive',
};

/**
 * Every change to an agent passes the tenant's policies in the request's transaction: a block
 * refuses it (recording the violations and a denied audit entry), a require-approval rule holds it
 * unapplied on an approval request (unless this is that request's approval applying it), a warn
 * applies it and reports.
 */
async function governed(
  ctx: TenantScope,
  change: AgentChange,
  entityName: string,
  replay: AgentReplay,
  approvedBy: ApprovedBy | undefined,
  apply: () => Promise<Agent>,
): Promise<AgentPayload> {
  const evaluation = await evaluateAgentChange(ctx, change, approvedBy !== undefined);
  const action = `agent.${change.action}`;
  const warnings = evaluation.findings.filter((f) => f.enforcement === PolicyEnforcement.WARN);
  if (evaluation.blocked) {
    const violations = evaluation.findings.filter((f) => f.enforcement === PolicyEnforcement.BLOCK);
    await recordAgentEvaluation(ctx, evaluation, false);
    await ctx.audit.record({
      action,
      entityType: 'Agent',
      entityId: change.before ? change.agentId : null,
      entityName,
      outcome: 'denied',
      errorCode: 'POLICY_VIOLATION',
      before: change.before,
      after: { ...change.after, refusedBy: violations.map((v) => `${v.policyName} / ${v.ruleName}`) },
    });
    return {
      agent: null,
      heldForApproval: null,
      policyHolds: [],
      policyWarnings: [],
      policyViolations: violations,
      userErrors: violations.map((v) => ({ field: null, message: `${v.policyName}: ${v.message}`, code: UserErrorCode.POLICY_VIOLATION })),
    };
  }
  if (evaluation.held) {
    const holds = evaluation.findings.filter((f) => f.enforcement === PolicyEnforcement.REQUIRE_APPROVAL);
    await recordAgentEvaluation(ctx, evaluation, false);
    const owner = change.before ? ((await ctx.tx.manager.findOneBy(Agent, { uuid: change.agentId }))?.createdById ?? null) : ctx.caller.userId;
    const request = await openApprovalRequest(ctx, {
      kind: ApprovalSubjectKind.AGENT_CHANGE,
      title: `${VERBS[change.action]} ${entityName}`,
      summary: holds.map((h) => `${h.policyName}: ${h.message}`).join('\n'),
      steps: [{ ...SECOND_PERSON_STEP, name: 'Governance approval' }],
      subjectId: change.agentId,
      subjectField: change.action === 'create' ? 'name' : 'agentId',
      heldChange: { handler: 'agent', action: change.action, before: change.before, after: change.after, replay: replay as unknown as Record<string, unknown> },
      findings: holds as unknown as Record<string, unknown>[],
      agentOwnerId: owner,
    });
    await ctx.audit.record({
      action: `${action}.held`,
      entityType: 'Agent',
      entityId: change.before ? change.agentId : null,
      entityName,
      before: change.before,
      after: { ...change.after, heldBy: holds.map((v) => `${v.policyName} / ${v.ruleName}`), approvalRequestId: request.uuid },
    });
    return { agent: null, heldForApproval: request, policyHolds: holds, policyWarnings: warnings, policyViolations: [], userErrors: [] };
  }
  const agent = await apply();
  await recordAgentEvaluation(ctx, evaluation, true);
  await ctx.audit.record({
    action,
    entityType: 'Agent',
    entityId: agent.uuid,
    entityName: agent.name,
    before: change.before,
    after: approvedBy ? { ...change.after, approvalRequestId: approvedBy.requestId } : change.after,
  });
  const fresh = await ctx.tx.manager.findOneByOrFail(Agent, { uuid: agent.uuid });
  loader(ctx, agentById).clear(agent.uuid).prime(agent.uuid, fresh);
  return { agent: fresh, heldForApproval: null, policyHolds: [], policyWarnings: warnings, policyViolations: [], userErrors: [] };
}

/** `id` is for the demo seed, whose ids stay the same on every run; requests get a fresh one. */
export async function createAgent(
  ctx: TenantScope,
  input: AgentCreateInput,
  id: string = randomUUID(),
  approvedBy?: ApprovedBy & { createdById: string | null },
): Promise<AgentPayload> {
  const checks = new InputChecks();
  checks.check(() => checkJsonSize('configuration', input.configuration));
  checks.check(() => checkJsonSize('toolPolicy', input.toolPolicy));
  const name = input.name.trim();
  const chosen = input.modelId ? await checks.checkAsync(() => deployedModel(ctx, input.modelId!)) : null;
  // A model refused above says nothing about the tier: the tier is judged against a usable model, or none.
  const tier = chosen === undefined ? undefined : checks.check(() => tierFor(chosen, input.modelTier, null));
  const architectureId = input.architectureId ? await checks.checkAsync(() => usableArchitecture(ctx, input.architectureId!)) : null;
  checks.refuseIfAny();
  const model = chosen ?? null;
  const modelTier = tier!;
  const agent = Object.assign(new Agent(), {
    uuid: id,
    tenantId: ctx.caller.tenantId!,
    name,
    description: input.description.trim(),
    role: input.role,
    modelId: model?.uuid ?? null,
    architectureId: architectureId ?? null,
    modelTier,
    thinkingMode: input.thinkingMode,
    status: AgentStatus.DRAFT,
    runtimeState: 'provisioning',
    costPerRequest: input.costPerRequest,
    totalRequests: '0',
    configuration: input.configuration ?? {},
    toolPolicy: input.toolPolicy ?? {},
    tags: cleanList(input.tags),
    capabilities: cleanList(input.capabilities),
    limitations: cleanList(input.limitations),
    complianceStatus: 'pending_review',
    createdById: approvedBy ? approvedBy.createdById : ctx.caller.userId,
  } as Partial<Agent>);
  const after = agentSnapshot(agent, model);
  const replay: AgentReplay = { op: 'create', agentId: agent.uuid, input, createdById: agent.createdById };
  return governed(ctx, { action: 'create', agentId: agent.uuid, before: null, after }, name, replay, approvedBy, async () => {
    await claimCapacity(ctx, PlanLimit.AGENTS);
    await ctx.tx.manager.insert(Agent, agent as QueryDeepPartialEntity<Agent>);
    return agent;
  });
}

export async function updateAgent(ctx: TenantScope, agentId: string, input: AgentUpdateInput, approvedBy?: ApprovedBy): Promise<AgentPayload> {
  const checks = new InputChecks();
  checks.check(() => checkJsonSize('configuration', input.configuration));
  checks.check(() => checkJsonSize('toolPolicy', input.toolPolicy));
  const current = await lockedAgent(ctx, agentId);
  if (current.status === AgentStatus.ARCHIVED) throw new UserInputProblem('agentId', 'The agent is archived and read-only', 'CONFLICT');
  const currentModel = current.modelId ? await loader(ctx, aiModelById).load(current.modelId) : null;
  const changes: Partial<Agent> = {};
  if (input.name !== undefined && input.name.trim() !== current.name) {
    changes.name = input.name.trim();
  }
  let chosen: AiModel | null | undefined = currentModel;
  if (input.modelId !== undefined) {
    chosen = input.modelId === null ? null : await checks.checkAsync(() => deployedModel(ctx, input.modelId!));
    if (chosen === null && current.status === AgentStatus.DEPLOYED) checks.add('modelId', 'A deployed agent needs a model');
  }
  const tier = chosen === undefined ? undefined : checks.check(() => tierFor(chosen, input.modelTier, current.modelTier));
  if (input.architectureId !== undefined) {
    const architectureId = input.architectureId === null ? null : await checks.checkAsync(() => usableArchitecture(ctx, input.architectureId!));
    if (architectureId !== undefined && architectureId !== current.architectureId) changes.architectureId = architectureId;
  }
  checks.refuseIfAny();
  const model = chosen ?? null;
  if (input.modelId !== undefined) changes.modelId = model?.uuid ?? null;
  if (tier! !== current.modelTier) changes.modelTier = tier!;
  for (const key of ['description', 'role', 'thinkingMode', 'runtimeState', 'costPerRequest', 'configuration', 'toolPolicy'] as const) {
    if (input[key] != null)
      (changes as Record<string, unknown>)[key] = typeof input[key] === 'string' && key === 'description' ? (input[key] as string).trim() : input[key];
  }
  for (const key of ['tags', 'capabilities', 'limitations'] as const) if (input[key]) changes[key] = cleanList(input[key]!);
  const next = Object.assign(Object.create(Agent.prototype) as Agent, current, changes, { updatedAt: new Date() });
  return governed(
    ctx,
    { action: 'update', agentId: current.uuid, before: agentSnapshot(current, currentModel), after: agentSnapshot(next, model) },
    next.name,
    { op: 'update', agentId: current.uuid, input },
    approvedBy,
    async () => {
      await ctx.tx.manager.update(Agent, { uuid: current.uuid }, { ...changes, updatedAt: next.updatedAt } as QueryDeepPartialEntity<Agent>);
      return next;
    },
  );
}

export async function changeLifecycle(
  ctx: TenantScope,
  agentId: string,
  action: LifecycleAction,
  reason: string | undefined,
  approvedBy?: ApprovedBy,
): Promise<AgentPayload> {
  const current = await lockedAgent(ctx, agentId);
  const outcome = nextStatus(current.status, action);
  if ('refusal' in outcome) throw new UserInputProblem('agentId', outcome.refusal, 'CONFLICT');
  const model = current.modelId ? await loader(ctx, aiModelById).load(current.modelId) : null;
  if (outcome.status === AgentStatus.DEPLOYED && model?.status !== AiModelStatus.DEPLOYED) {
    throw new UserInputProblem(
      'agentId',
      model ? `Its model ${model.name} ${model.version} is ${model.status}; deploy the model first` : 'Choose a deployed model before deploying the agent',
    );
  }
  // The request goes to the domain event outbox in this transaction (not again when an approval applies the held deploy); EVENT workflows start from there.
  if (action === 'deploy' && !approvedBy) await ctx.tx.manager.query(`SELECT steward.events_from_deploy_requests($1)`, [current.uuid]);
  const changes: Partial<Agent> = { status: outcome.status, updatedAt: new Date() };
  if (action === 'deploy') changes.deployedAt = new Date();
  if (action === 'suspend') changes.runtimeState = 'paused' as Agent['runtimeState'];
  const next = Object.assign(Object.create(Agent.prototype) as Agent, current, changes);
  const after = { ...agentSnapshot(next, model), ...(reason ? { reason } : {}) };
  const replay: AgentReplay = { op: 'lifecycle', agentId: current.uuid, action, reason: reason ?? null };
  return governed(ctx, { action, agentId: current.uuid, before: agentSnapshot(current, model), after }, current.name, replay, approvedBy, async () => {
    await ctx.tx.manager.update(Agent, { uuid: current.uuid }, changes as QueryDeepPartialEntity<Agent>);
    await recordAgentActivity(ctx, current.uuid, {
      type: 'lifecycle',
      summary: `${current.status} → ${outcome.status}${reason ? `: ${reason}` : ''}`,
      details: { action, from: current.status, to: outcome.status },
    });
    return next;
  });
}

/** An agent change held for approval is made again, as things stand now, once its request is approved. */
registerHeldChangeHandler('agent', async (ctx, request) => {
  const replay = request.heldChange!.replay as unknown as AgentReplay;
  const approvedBy = { requestId: request.uuid };
  let payload: AgentPayload;
  if (replay.op === 'lifecycle') payload = await changeLifecycle(ctx, replay.agentId, replay.action, replay.reason ?? undefined, approvedBy);
  else if (replay.op === 'update') payload = await updateAgent(ctx, replay.agentId, replay.input, approvedBy);
  else payload = await createAgent(ctx, replay.input, replay.agentId, { ...approvedBy, createdById: replay.createdById });
  if (payload.userErrors.length) return { applied: false, message: payload.userErrors.map((e) => e.message).join('; ') };
  return { applied: true, message: null };
});
