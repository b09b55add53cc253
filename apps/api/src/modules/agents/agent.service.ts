import { randomUUID } from 'node:crypto';
import type { SelectQueryBuilder } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { StewardContext } from '../../context';
import { Connection, ConnectionArgs, OrderDirection, paginate, SortSpec } from '../../graphql/connection';
import { connectionOf, PARENT } from '../../graphql/connection-per-parent';
import { StewardError, UserInputProblem } from '../../graphql/errors';
import { expectGlobalId } from '../../graphql/global-id';
import { loader } from '../../graphql/loader';
import { checkJsonSize } from '../../graphql/json-input';
import { likePattern } from '../../graphql/search';
import { UserErrorCode } from '../../graphql/user-error';
import { recordAgentActivity } from '../agent-activity';
import { recordAudit } from '../audit';
import { AGENT_MODEL_TYPES, AiModel, aiModelById, AiModelStatus } from '../ai-models';
import { User, userById } from '../users';
import { AgentChange, evaluateAgentChange, PolicyEnforcement, recordAgentEvaluation } from '../policies';
import { Agent, AgentStatus, ModelTier } from './agent.entity';
import { agentById } from './agent.loaders';
import { AgentCreateInput, AgentFilter, AgentOrder, AgentOrderField, AgentUpdateInput } from './agent.inputs';
import { LifecycleAction, nextStatus } from './agent.lifecycle';
import { AgentPayload } from './agent.payloads';
import { agentSnapshot } from './agent.snapshot';

/** Relations a read will be asked for, fetched in the same statement. */
export interface AgentRelations {
  creator: boolean;
  model: boolean;
}

function withRelations(qb: SelectQueryBuilder<Agent>, relations: AgentRelations): SelectQueryBuilder<Agent> {
  if (relations.creator) qb.leftJoinAndMapOne('a.joinedCreator', User, 'creator', 'creator.id = a.created_by_id');
  if (relations.model) qb.leftJoinAndMapOne('a.joinedModel', AiModel, 'model', 'model.id = a.model_id');
  return qb;
}

function primeRelations(ctx: StewardContext, agents: Agent[]): void {
  for (const agent of agents) {
    if (agent.joinedCreator) loader(ctx, userById).prime(agent.joinedCreator.uuid, agent.joinedCreator);
    if (agent.joinedModel) loader(ctx, aiModelById).prime(agent.joinedModel.uuid, agent.joinedModel);
  }
}

function agentQuery(ctx: StewardContext, filter: AgentFilter | null): SelectQueryBuilder<Agent> {
  const qb = ctx.tx.manager.createQueryBuilder(Agent, 'a').where('a.tenant_id = :tenant', { tenant: ctx.caller.tenantId });
  if (filter?.search?.trim()) qb.andWhere('a.name ILIKE :pattern', { pattern: likePattern(filter.search) });
  if (filter?.tags?.length) qb.andWhere('a.tags && :tags::text[]', { tags: filter.tags });
  if (filter?.statuses?.length) qb.andWhere('a.status IN (:...statuses)', { statuses: filter.statuses });
  if (filter?.roles?.length) qb.andWhere('a.role IN (:...roles)', { roles: filter.roles });
  if (filter?.runtimeStates?.length) qb.andWhere('a.runtime_state IN (:...runtimeStates)', { runtimeStates: filter.runtimeStates });
  if (filter?.complianceStatuses?.length) qb.andWhere('a.compliance_status IN (:...complianceStatuses)', { complianceStatuses: filter.complianceStatuses });
  if (filter?.modelTiers?.length) qb.andWhere('a.model_tier IN (:...modelTiers)', { modelTiers: filter.modelTiers });
  return qb;
}

function agentSort(order: AgentOrder | null): SortSpec<Agent> {
  const column = { [AgentOrderField.CREATED_AT]: 'a.created_at', [AgentOrderField.UPDATED_AT]: 'a.updated_at', [AgentOrderField.NAME]: 'lower(a.name)' }[order?.field ?? AgentOrderField.CREATED_AT];
  return { column, id: 'a.id', direction: order?.direction ?? OrderDirection.DESC, idOf: (a) => a.uuid, cast: order?.field === AgentOrderField.NAME ? 'text' : 'timestamptz' };
}

export async function listAgents(ctx: StewardContext, page: ConnectionArgs, filter: AgentFilter | null, order: AgentOrder | null, relations: AgentRelations): Promise<Connection<Agent>> {
  const qb = withRelations(agentQuery(ctx, filter), relations);
  if (filter?.modelId) qb.andWhere('a.model_id = :modelId', { modelId: expectGlobalId(filter.modelId, 'AiModel', 'filter.modelId') });
  const connection = await paginate(ctx.tx.manager, qb, page, agentSort(order));
  primeRelations(ctx, connection.nodes);
  return connection;
}

/** The agents using a model; those of a whole page of models are read together (see connectionOf). */
export async function listModelAgents(
  ctx: StewardContext, modelId: string, page: ConnectionArgs, filter: AgentFilter | null, order: AgentOrder | null, relations: AgentRelations,
): Promise<Connection<Agent>> {
  const connection = await connectionOf(ctx, modelId, page, {
    key: `aiModel.agents:${JSON.stringify([filter, order, relations])}`,
    query: () => agentQuery(ctx, filter).andWhere(`a.model_id = ${PARENT}`),
    sort: agentSort(order),
    load: (ids) => withRelations(ctx.tx.manager.createQueryBuilder(Agent, 'a'), relations)
      .where('a.tenant_id = :tenant AND a.id IN (:...ids)', { tenant: ctx.caller.tenantId, ids }).getMany(),
  });
  primeRelations(ctx, connection.nodes);
  return connection;
}

/** One agent by id, with the relations the caller selected, in one statement. */
export async function readAgent(ctx: StewardContext, agentId: string, relations: AgentRelations): Promise<Agent> {
  const agent = await withRelations(ctx.tx.manager.createQueryBuilder(Agent, 'a'), relations)
    .where('a.id = :agentId AND a.tenant_id = :tenant', { agentId, tenant: ctx.caller.tenantId }).getOne();
  if (!agent) throw StewardError.notFound('Agent');
  loader(ctx, agentById).prime(agent.uuid, agent);
  primeRelations(ctx, [agent]);
  return agent;
}

/** The agent, locked until the request ends, so two concurrent changes are judged one after the other. */
async function lockedAgent(ctx: StewardContext, agentId: string): Promise<Agent> {
  const agent = await ctx.tx.manager.createQueryBuilder(Agent, 'a').setLock('pessimistic_write')
    .where('a.id = :agentId AND a.tenant_id = :tenant', { agentId, tenant: ctx.caller.tenantId }).getOne();
  if (!agent) throw StewardError.notFound('Agent');
  loader(ctx, agentById).clear(agentId).prime(agentId, agent);
  return agent;
}

export async function findAgent(ctx: StewardContext, agentId: string): Promise<Agent> {
  const agent = await loader(ctx, agentById).load(agentId);
  if (!agent) throw StewardError.notFound('Agent');
  return agent;
}

async function deployedModel(ctx: StewardContext, modelGlobalId: string): Promise<AiModel> {
  const model = await loader(ctx, aiModelById).load(expectGlobalId(modelGlobalId, 'AiModel', 'input.modelId'));
  if (!model) throw new UserInputProblem('modelId', 'No such model in this tenant\'s registry');
  if (model.status !== AiModelStatus.deployed) throw new UserInputProblem('modelId', `${model.name} ${model.version} is ${model.status}; an agent may only use a deployed model`);
  if (!AGENT_MODEL_TYPES.includes(model.type)) throw new UserInputProblem('modelId', `${model.name} ${model.version} is an ${model.type} model; an agent runs on a language or vision model`);
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

function cleanList(values: string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter(Boolean))];
}

async function ensureNameFree(ctx: StewardContext, name: string, exceptId: string | null): Promise<void> {
  const rows = await ctx.tx.manager.query(`SELECT id FROM agents WHERE tenant_id = $1 AND lower(name) = lower($2)`, [ctx.caller.tenantId, name]);
  if (rows.length && rows[0].id !== exceptId) throw new UserInputProblem('name', `An agent named "${name}" already exists`, 'CONFLICT');
}

/**
 * Every change to an agent passes the tenant's policies in the request's transaction: a block
 * refuses it (recording the violations and a denied audit entry), a warn applies it and reports.
 */
async function governed(ctx: StewardContext, change: AgentChange, entityName: string, apply: () => Promise<Agent>): Promise<AgentPayload> {
  const evaluation = await evaluateAgentChange(ctx, change);
  const action = `agent.${change.action}`;
  if (evaluation.blocked) {
    const violations = evaluation.findings.filter((f) => f.enforcement === PolicyEnforcement.block);
    await recordAgentEvaluation(ctx, evaluation, false);
    await recordAudit(ctx, {
      action, entityType: 'Agent', entityId: change.before ? change.agentId : null, entityName, outcome: 'denied', errorCode: 'POLICY_VIOLATION',
      before: change.before, after: { ...change.after, refusedBy: violations.map((v) => `${v.policyName} / ${v.ruleName}`) },
    });
    return {
      agent: null, policyWarnings: [], policyViolations: violations,
      userErrors: violations.map((v) => ({ field: null, message: `${v.policyName}: ${v.message}`, code: UserErrorCode.POLICY_VIOLATION })),
    };
  }
  const agent = await apply();
  await recordAgentEvaluation(ctx, evaluation, true);
  await recordAudit(ctx, { action, entityType: 'Agent', entityId: agent.uuid, entityName: agent.name, before: change.before, after: change.after });
  const fresh = await ctx.tx.manager.findOneByOrFail(Agent, { uuid: agent.uuid });
  loader(ctx, agentById).clear(agent.uuid).prime(agent.uuid, fresh);
  return { agent: fresh, policyWarnings: evaluation.findings.filter((f) => f.enforcement === PolicyEnforcement.warn), policyViolations: [], userErrors: [] };
}

/** `id` is for the demo seed, whose ids stay the same on every run; requests get a fresh one. */
export async function createAgent(ctx: StewardContext, input: AgentCreateInput, id: string = randomUUID()): Promise<AgentPayload> {
  checkJsonSize('configuration', input.configuration);
  checkJsonSize('toolPolicy', input.toolPolicy);
  const name = input.name.trim();
  await ensureNameFree(ctx, name, null);
  const model = input.modelId ? await deployedModel(ctx, input.modelId) : null;
  const modelTier = tierFor(model, input.modelTier, null);
  const agent = Object.assign(new Agent(), {
    uuid: id, tenantId: ctx.caller.tenantId!, name, description: input.description.trim(), role: input.role,
    modelId: model?.uuid ?? null, modelTier, thinkingMode: input.thinkingMode, status: AgentStatus.draft,
    runtimeState: 'provisioning', costPerRequest: input.costPerRequest, totalRequests: '0', configuration: input.configuration ?? {},
    toolPolicy: input.toolPolicy ?? {}, tags: cleanList(input.tags), capabilities: cleanList(input.capabilities),
    limitations: cleanList(input.limitations), complianceStatus: 'pending_review', createdById: ctx.caller.userId,
  } as Partial<Agent>);
  const after = agentSnapshot(agent, model);
  return governed(ctx, { action: 'create', agentId: agent.uuid, before: null, after }, name, async () => {
    await ctx.tx.manager.insert(Agent, agent as QueryDeepPartialEntity<Agent>);
    return agent;
  });
}

export async function updateAgent(ctx: StewardContext, agentId: string, input: AgentUpdateInput): Promise<AgentPayload> {
  checkJsonSize('configuration', input.configuration);
  checkJsonSize('toolPolicy', input.toolPolicy);
  const current = await lockedAgent(ctx, agentId);
  if (current.status === AgentStatus.archived) throw new UserInputProblem('agentId', 'The agent is archived and read-only', 'CONFLICT');
  const currentModel = current.modelId ? await loader(ctx, aiModelById).load(current.modelId) : null;
  const changes: Partial<Agent> = {};
  if (input.name !== undefined && input.name.trim() !== current.name) {
    await ensureNameFree(ctx, input.name.trim(), current.uuid);
    changes.name = input.name.trim();
  }
  let model = currentModel;
  if (input.modelId !== undefined) {
    model = input.modelId === null ? null : await deployedModel(ctx, input.modelId);
    if (!model && current.status === AgentStatus.deployed) throw new UserInputProblem('modelId', 'A deployed agent needs a model');
    changes.modelId = model?.uuid ?? null;
  }
  const modelTier = tierFor(model, input.modelTier, current.modelTier);
  if (modelTier !== current.modelTier) changes.modelTier = modelTier;
  for (const key of ['description', 'role', 'thinkingMode', 'runtimeState', 'costPerRequest', 'configuration', 'toolPolicy'] as const) {
    if (input[key] != null) (changes as Record<string, unknown>)[key] = typeof input[key] === 'string' && key === 'description' ? (input[key] as string).trim() : input[key];
  }
  for (const key of ['tags', 'capabilities', 'limitations'] as const) if (input[key]) changes[key] = cleanList(input[key]!);
  const next = Object.assign(Object.create(Agent.prototype) as Agent, current, changes, { updatedAt: new Date() });
  return governed(ctx, { action: 'update', agentId: current.uuid, before: agentSnapshot(current, currentModel), after: agentSnapshot(next, model) }, next.name, async () => {
    await ctx.tx.manager.update(Agent, { uuid: current.uuid }, { ...changes, updatedAt: next.updatedAt } as QueryDeepPartialEntity<Agent>);
    return next;
  });
}

export async function changeLifecycle(ctx: StewardContext, agentId: string, action: LifecycleAction, reason: string | undefined): Promise<AgentPayload> {
  const current = await lockedAgent(ctx, agentId);
  const outcome = nextStatus(current.status, action);
  if ('refusal' in outcome) throw new UserInputProblem('agentId', outcome.refusal, 'CONFLICT');
  const model = current.modelId ? await loader(ctx, aiModelById).load(current.modelId) : null;
  if (outcome.status === AgentStatus.deployed && model?.status !== AiModelStatus.deployed) {
    throw new UserInputProblem('agentId', model ? `Its model ${model.name} ${model.version} is ${model.status}; deploy the model first` : 'Choose a deployed model before deploying the agent');
  }
  const changes: Partial<Agent> = { status: outcome.status, updatedAt: new Date() };
  if (action === 'deploy') changes.deployedAt = new Date();
  if (action === 'suspend') changes.runtimeState = 'paused' as Agent['runtimeState'];
  const next = Object.assign(Object.create(Agent.prototype) as Agent, current, changes);
  const after = { ...agentSnapshot(next, model), ...(reason ? { reason } : {}) };
  return governed(ctx, { action, agentId: current.uuid, before: agentSnapshot(current, model), after }, current.name, async () => {
    await ctx.tx.manager.update(Agent, { uuid: current.uuid }, changes as QueryDeepPartialEntity<Agent>);
    await recordAgentActivity(ctx, current.uuid, { type: 'lifecycle', summary: `${current.status} → ${outcome.status}${reason ? `: ${reason}` : ''}`, details: { action, from: current.status, to: outcome.status } });
    return next;
  });
}
