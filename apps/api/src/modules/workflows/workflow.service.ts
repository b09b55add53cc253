import { createHash, randomBytes } from 'node:crypto';
import { parseCrontab } from 'graphile-worker';
import type { TenantScope } from '../../scope';
import { Connection, ConnectionArgs, OrderDirection } from '../../graphql/connection';
import { InputChecks, StewardError, UserInputProblem } from '../../graphql/errors';
import { loader } from '../../graphql/loader';
import { readPage, Selection, SqlParams } from '../../graphql/read-model';
import { likePattern } from '../../graphql/search';
import { validateGraph, WorkflowGraph } from './workflow-graph';
import { Workflow, WorkflowTriggerKind } from './workflow.entity';
import { WorkflowCreateInput, WorkflowFilter, WorkflowTriggerInput, WorkflowUpdateInput } from './workflow.inputs';
import { workflowById } from './workflow.loaders';
import { WorkflowPayload } from './workflow.payloads';
import { workflowReads } from './workflow.reads';

function graphChecks(checks: InputChecks, graph: unknown): void {
  for (const p of validateGraph(graph)) {
    const field = p.nodeId ? `graph.nodes.${p.nodeId}` : p.edgeId ? `graph.edges.${p.edgeId}` : 'graph';
    checks.add(field, p.message);
  }
}

function triggerChecks(checks: InputChecks, trigger: WorkflowTriggerInput): { cron: string | null; event: string | null } {
  const cron = trigger.kind === WorkflowTriggerKind.SCHEDULE ? (trigger.cron?.trim() ?? '') : null;
  if (cron !== null) {
    let ok = cron.split(/\s+/).length === 5;
    if (ok) {
      try {
        parseCrontab(`${cron} workflow`);
      } catch {
        ok = false;
      }
    }
    if (!ok) checks.add('trigger.cron', 'A schedule needs a 5-field cron expression, e.g. "0 6 * * 1" (UTC)');
  } else if (trigger.cron) checks.add('trigger.cron', 'Only a SCHEDULE trigger has a cron expression');
  if (trigger.kind === WorkflowTriggerKind.EVENT && !trigger.event) checks.add('trigger.event', 'An EVENT trigger names the event');
  if (trigger.kind !== WorkflowTriggerKind.EVENT && trigger.event) checks.add('trigger.event', 'Only an EVENT trigger names an event');
  return { cron, event: trigger.kind === WorkflowTriggerKind.EVENT ? (trigger.event ?? null) : null };
}

function newSecret(): { secret: string; hash: string } {
  const secret = `whs_${randomBytes(24).toString('base64url')}`;
  return { secret, hash: createHash('sha256').update(secret).digest('hex') };
}

async function fresh(ctx: TenantScope, id: string): Promise<Workflow> {
  const workflow = await ctx.tx.manager.findOneByOrFail(Workflow, { uuid: id, tenantId: ctx.caller.tenantId! });
  loader(ctx, workflowById).clear(id).prime(id, workflow);
  return workflow;
}

async function writeVersion(ctx: TenantScope, workflow: Workflow): Promise<void> {
  await ctx.tx.manager.query(`INSERT INTO workflow_versions (tenant_id, workflow_id, version, graph, created_by_id) VALUES ($1,$2,$3,$4,$5)`, [
    ctx.caller.tenantId,
    workflow.uuid,
    workflow.version,
    JSON.stringify(workflow.graph),
    ctx.caller.userId,
  ]);
}

/** `id` is for the demo seed. */
export async function createWorkflow(ctx: TenantScope, input: WorkflowCreateInput, id?: string): Promise<WorkflowPayload> {
  const checks = new InputChecks();
  const { cron, event } = triggerChecks(checks, input.trigger);
  graphChecks(checks, input.graph);
  checks.refuseIfAny();
  const secret = input.trigger.kind === WorkflowTriggerKind.WEBHOOK ? newSecret() : null;
  const [row]: { id: string }[] = await ctx.tx.manager.query(
    `INSERT INTO workflows (id, tenant_id, name, description, type, trigger_kind, trigger_cron, trigger_event, webhook_secret_hash, graph, created_by_id)
     VALUES (coalesce($1::uuid, gen_random_uuid()),$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING id`,
    [
      id ?? null,
      ctx.caller.tenantId,
      input.name.trim(),
      input.description.trim(),
      input.type,
      input.trigger.kind,
      cron,
      event,
      secret?.hash ?? null,
      JSON.stringify(input.graph),
      ctx.caller.userId,
    ],
  );
  const workflow = await fresh(ctx, row.id);
  await writeVersion(ctx, workflow);
  await ctx.audit.record({
    action: 'workflow.create',
    entityType: 'Workflow',
    entityId: workflow.uuid,
    entityName: workflow.name,
    after: { type: workflow.type, trigger: input.trigger.kind, version: 1, nodes: (input.graph as unknown as WorkflowGraph).nodes.length },
  });
  return { workflow, webhookSecret: secret?.secret ?? null, userErrors: [] };
}

export async function updateWorkflow(ctx: TenantScope, workflowId: string, input: WorkflowUpdateInput): Promise<WorkflowPayload> {
  const [locked] = await ctx.tx.manager.query(`SELECT id FROM workflows WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [ctx.caller.tenantId, workflowId]);
  if (!locked) throw StewardError.notFound('Workflow');
  const current = await fresh(ctx, workflowId);
  const checks = new InputChecks();
  const trigger = input.trigger ? triggerChecks(checks, input.trigger) : { cron: current.triggerCron, event: current.triggerEvent };
  if (input.graph) graphChecks(checks, input.graph);
  checks.refuseIfAny();
  const kind = input.trigger?.kind ?? current.triggerKind;
  const becomesWebhook = kind === WorkflowTriggerKind.WEBHOOK && current.triggerKind !== WorkflowTriggerKind.WEBHOOK;
  const secret = becomesWebhook ? newSecret() : null;
  await ctx.tx.manager.query(
    `UPDATE workflows SET name = $3, description = $4, type = $5, trigger_kind = $6, trigger_cron = $7, trigger_event = $8,
       webhook_secret_hash = CASE WHEN $6 <> 'webhook' THEN NULL WHEN $9::text IS NOT NULL THEN $9 ELSE webhook_secret_hash END,
       graph = $10, version = version + 1, updated_at = now()
     WHERE tenant_id = $1 AND id = $2`,
    [
      ctx.caller.tenantId,
      workflowId,
      input.name?.trim() ?? current.name,
      input.description?.trim() ?? current.description,
      input.type ?? current.type,
      kind,
      trigger.cron,
      trigger.event,
      secret?.hash ?? null,
      JSON.stringify(input.graph ?? current.graph),
    ],
  );
  const workflow = await fresh(ctx, workflowId);
  await writeVersion(ctx, workflow);
  await ctx.audit.record({
    action: 'workflow.update',
    entityType: 'Workflow',
    entityId: workflow.uuid,
    entityName: workflow.name,
    before: { version: current.version, name: current.name, trigger: current.triggerKind },
    after: { version: workflow.version, name: workflow.name, trigger: workflow.triggerKind, graphChanged: input.graph !== undefined },
  });
  return { workflow, webhookSecret: secret?.secret ?? null, userErrors: [] };
}

export async function rotateWebhookSecret(ctx: TenantScope, workflowId: string): Promise<WorkflowPayload> {
  const current = await findWorkflow(ctx, workflowId);
  if (current.triggerKind !== WorkflowTriggerKind.WEBHOOK)
    throw new UserInputProblem('workflowId', 'Only a workflow started by a webhook has a secret', 'CONFLICT');
  const secret = newSecret();
  await ctx.tx.manager.query(`UPDATE workflows SET webhook_secret_hash = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2`, [
    ctx.caller.tenantId,
    workflowId,
    secret.hash,
  ]);
  await ctx.audit.record({ action: 'workflow.webhookSecretRotate', entityType: 'Workflow', entityId: workflowId, entityName: current.name });
  return { workflow: await fresh(ctx, workflowId), webhookSecret: secret.secret, userErrors: [] };
}

export async function setWorkflowActive(ctx: TenantScope, workflowId: string, active: boolean): Promise<WorkflowPayload> {
  const current = await findWorkflow(ctx, workflowId);
  if (current.active === active) throw new UserInputProblem('workflowId', `The workflow is already ${active ? 'active' : 'inactive'}`, 'CONFLICT');
  await ctx.tx.manager.query(`UPDATE workflows SET active = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2`, [
    ctx.caller.tenantId,
    workflowId,
    active,
  ]);
  await ctx.audit.record({
    action: active ? 'workflow.activate' : 'workflow.deactivate',
    entityType: 'Workflow',
    entityId: workflowId,
    entityName: current.name,
  });
  return { workflow: await fresh(ctx, workflowId), webhookSecret: null, userErrors: [] };
}

export async function findWorkflow(ctx: TenantScope, workflowId: string): Promise<Workflow> {
  const workflow = await loader(ctx, workflowById).load(workflowId);
  if (!workflow) throw StewardError.notFound('Workflow');
  return workflow;
}

export function listWorkflows(ctx: TenantScope, page: ConnectionArgs, filter: WorkflowFilter | null, selection: Selection): Promise<Connection<Workflow>> {
  const params = new SqlParams();
  const where = [`w.tenant_id = ${params.add(ctx.caller.tenantId)}`];
  if (filter?.types?.length) where.push(`w.type = ANY(${params.add(filter.types)}::text[])`);
  if (filter?.search?.trim()) where.push(`w.name ILIKE ${params.add(likePattern(filter.search))}`);
  return readPage(ctx, workflowReads, selection, { alias: 'w', where, params }, page, {
    column: 'w.created_at',
    id: 'w.id',
    direction: OrderDirection.DESC,
    cast: 'timestamptz',
  });
}
