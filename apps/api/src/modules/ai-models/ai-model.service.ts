import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { TenantScope } from '../../scope';
import { Connection, ConnectionArgs } from '../../graphql/connection';
import { InputChecks, StewardError, UserInputProblem } from '../../graphql/errors';
import { readPage, Selection, SqlParams } from '../../graphql/read-model';
import { checkJsonSize } from '../../graphql/json-input';
import { NamedOrder, namedSort } from '../../graphql/ordering';
import { likePattern } from '../../graphql/search';
import { loader } from '../../graphql/loader';
import { AGENT_MODEL_TYPES, AiModel, AiModelStatus } from './ai-model.entity';
import { AiModelFilter, AiModelRegisterInput, AiModelUpdateInput } from './ai-model.inputs';
import { aiModelById } from './ai-model.loaders';
import { aiModelReads } from './ai-model.reads';

function snapshot(m: AiModel) {
  return { name: m.name, provider: m.provider, version: m.version, type: m.type, tier: m.tier, status: m.status };
}

export async function findModel(ctx: TenantScope, modelId: string): Promise<AiModel> {
  const model = await loader(ctx, aiModelById).load(modelId);
  if (!model) throw StewardError.notFound('Model');
  return model;
}

export function listModels(
  ctx: TenantScope,
  page: ConnectionArgs,
  filter: AiModelFilter | null,
  order: NamedOrder | null,
  selection: Selection,
): Promise<Connection<AiModel>> {
  const params = new SqlParams();
  const where = [`m.tenant_id = ${params.add(ctx.caller.tenantId)}`];
  if (filter?.search?.trim()) {
    const pattern = params.add(likePattern(filter.search));
    where.push(`(m.name ILIKE ${pattern} OR m.provider ILIKE ${pattern})`);
  }
  if (filter?.statuses?.length) where.push(`m.status = ANY(${params.add(filter.statuses)}::text[])`);
  if (filter?.types?.length) where.push(`m.type = ANY(${params.add(filter.types)}::text[])`);
  if (filter?.runsAgents != null) where.push(`${filter.runsAgents ? '' : 'NOT '}m.type = ANY(${params.add(AGENT_MODEL_TYPES)}::text[])`);
  return readPage(ctx, aiModelReads, selection, { alias: 'm', where, params }, page, namedSort('m', order));
}

export async function registerModel(ctx: TenantScope, input: AiModelRegisterInput): Promise<AiModel> {
  const checks = new InputChecks();
  checks.check(() => checkJsonSize('performanceMetrics', input.performanceMetrics));
  checks.check(() => checkJsonSize('configuration', input.configuration));
  const runsAgents = AGENT_MODEL_TYPES.includes(input.type);
  if (runsAgents && !input.tier) checks.add('tier', `${input.type} models run agents: choose the tier their agents run at`);
  if (!runsAgents && input.tier) checks.add('tier', `${input.type} models cannot run agents, so they have no tier`);
  checks.refuseIfAny();
  const manager = ctx.tx.manager;
  const [{ id }] = await manager.query(
    `INSERT INTO ai_models (tenant_id, name, provider, version, type, tier, status, performance_metrics, configuration, created_by_id)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING id`,
    [
      ctx.caller.tenantId,
      input.name.trim(),
      input.provider.trim(),
      input.version.trim(),
      input.type,
      input.tier ?? null,
      input.status,
      input.performanceMetrics ?? {},
      input.configuration ?? {},
      ctx.caller.userId,
    ],
  );
  const model = await manager.findOneByOrFail(AiModel, { uuid: id });
  await ctx.audit.record({
    action: 'aiModel.register',
    entityType: 'AiModel',
    entityId: model.uuid,
    entityName: `${model.name} ${model.version}`,
    after: snapshot(model),
  });
  return model;
}

export async function updateModel(ctx: TenantScope, modelId: string, input: AiModelUpdateInput): Promise<AiModel> {
  const checks = new InputChecks();
  checks.check(() => checkJsonSize('performanceMetrics', input.performanceMetrics));
  checks.check(() => checkJsonSize('configuration', input.configuration));
  checks.refuseIfAny();
  const manager = ctx.tx.manager;
  const model = await manager.findOneBy(AiModel, { uuid: modelId, tenantId: ctx.caller.tenantId! });
  if (!model) throw StewardError.notFound('Model');
  const before = snapshot(model);
  if (input.performanceMetrics) model.performanceMetrics = input.performanceMetrics;
  if (input.configuration) model.configuration = input.configuration;
  model.updatedAt = new Date();
  await manager.update(AiModel, { uuid: model.uuid }, {
    performanceMetrics: model.performanceMetrics,
    configuration: model.configuration,
    updatedAt: model.updatedAt,
  } as QueryDeepPartialEntity<AiModel>);
  await ctx.audit.record({
    action: 'aiModel.update',
    entityType: 'AiModel',
    entityId: model.uuid,
    entityName: `${model.name} ${model.version}`,
    before,
    after: snapshot(model),
  });
  return model;
}

/** Moves a model to `status` (deploy, undeploy, archive): an archived model stays archived; a model leaves service only once no deployed agent runs on it. */
export async function moveModel(ctx: TenantScope, modelId: string, status: AiModelStatus, action: string): Promise<AiModel> {
  const manager = ctx.tx.manager;
  const model = await manager.findOneBy(AiModel, { uuid: modelId, tenantId: ctx.caller.tenantId! });
  if (!model) throw StewardError.notFound('Model');
  if (model.status === status) return model;
  if (model.status === AiModelStatus.ARCHIVED) throw new UserInputProblem('modelId', 'An archived model cannot return to service; register a new version');
  if (status !== AiModelStatus.DEPLOYED) {
    const [{ n }] = await manager.query(`SELECT count(*)::int AS n FROM agents WHERE model_id = $1 AND status = 'deployed'`, [model.uuid]);
    if (n > 0) throw new UserInputProblem('modelId', `${n} deployed agent(s) run on this model; move them to another model or suspend them first`, 'CONFLICT');
  }
  const before = snapshot(model);
  model.status = status;
  model.updatedAt = new Date();
  await manager.update(AiModel, { uuid: model.uuid }, { status: model.status, updatedAt: model.updatedAt } as QueryDeepPartialEntity<AiModel>);
  await ctx.audit.record({ action, entityType: 'AiModel', entityId: model.uuid, entityName: `${model.name} ${model.version}`, before, after: snapshot(model) });
  return model;
}
