import { randomUUID } from 'node:crypto';
import type { TenantScope } from '../../scope';
import { Connection, ConnectionArgs, OrderDirection } from '../../graphql/connection';
import { InputChecks, StewardError, UserInputProblem } from '../../graphql/errors';
import { expectGlobalId } from '../../graphql/global-id';
import { loader } from '../../graphql/loader';
import { readPage, Selection, SqlParams } from '../../graphql/read-model';
import { WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint } from './webhook.entity';
import { WebhookDeliveryFilter, WebhookEndpointCreateInput, WebhookEndpointUpdateInput } from './webhook.inputs';
import { deliveryById, endpointById } from './webhook.loaders';
import { webhookDeliveryReads, webhookEndpointReads } from './webhook.reads';
import { newSigningSecret } from './webhook.signing';
import { resolveTarget, TargetRefused } from './webhook.targets';

/** A tenant's endpoints are few by design: each event fans out to every one of them. */
export const MAX_ENDPOINTS_PER_TENANT = 20;

export function sealContext(endpointId: string): string {
  return `webhook-endpoint:${endpointId}:secret`;
}

function snapshot(e: Pick<WebhookEndpoint, 'url' | 'description' | 'eventTypes' | 'active'>): Record<string, unknown> {
  return { url: e.url, description: e.description, eventTypes: e.eventTypes, active: e.active };
}

export function listEndpoints(ctx: TenantScope, page: ConnectionArgs, selection: Selection): Promise<Connection<WebhookEndpoint>> {
  const params = new SqlParams();
  return readPage(ctx, webhookEndpointReads, selection, { alias: 'w', where: [`w.tenant_id = ${params.add(ctx.caller.tenantId)}`], params }, page, {
    column: 'w.created_at',
    id: 'w.id',
    direction: OrderDirection.DESC,
    cast: 'timestamptz',
  });
}

export function listDeliveries(
  ctx: TenantScope,
  page: ConnectionArgs,
  filter: WebhookDeliveryFilter | null,
  selection: Selection,
): Promise<Connection<WebhookDelivery>> {
  const params = new SqlParams();
  const where = [`d.tenant_id = ${params.add(ctx.caller.tenantId)}`];
  if (filter?.webhookEndpointId)
    where.push(`d.endpoint_id = ${params.add(expectGlobalId(filter.webhookEndpointId, 'WebhookEndpoint', 'filter.webhookEndpointId'))}`);
  if (filter?.statuses?.length) where.push(`d.status = ANY(${params.add(filter.statuses)}::text[])`);
  return readPage(ctx, webhookDeliveryReads, selection, { alias: 'd', where, params }, page, {
    column: 'd.created_at',
    id: 'd.id',
    direction: OrderDirection.DESC,
    cast: 'timestamptz',
  });
}

export async function findEndpoint(ctx: TenantScope, endpointId: string): Promise<WebhookEndpoint> {
  const endpoint = await loader(ctx, endpointById).load(endpointId);
  if (!endpoint) throw StewardError.notFound('WebhookEndpoint');
  return endpoint;
}

/** Refuses, at the field, a URL Steward would not send to: wrong form, or a host resolving to a refused address. */
async function checkUrl(ctx: TenantScope, checks: InputChecks, url: string): Promise<void> {
  const { production, webhooks } = ctx.app.config;
  try {
    await resolveTarget(url, production, webhooks.allowedHosts);
  } catch (error) {
    if (!(error instanceof TargetRefused)) throw error;
    checks.add('url', `The URL ${error.message}`);
  }
}

async function saved(ctx: TenantScope, endpointId: string): Promise<WebhookEndpoint> {
  const fresh = await ctx.tx.manager.findOneByOrFail(WebhookEndpoint, { uuid: endpointId });
  loader(ctx, endpointById).clear(fresh.uuid).prime(fresh.uuid, fresh);
  return fresh;
}

export async function createEndpoint(ctx: TenantScope, input: WebhookEndpointCreateInput): Promise<{ webhookEndpoint: WebhookEndpoint; secret: string }> {
  const checks = new InputChecks();
  const url = input.url.trim();
  await checkUrl(ctx, checks, url);
  const [count] = await ctx.tx.manager.query(`SELECT count(*)::int AS n FROM webhook_endpoints WHERE tenant_id = $1`, [ctx.caller.tenantId]);
  if (count.n >= MAX_ENDPOINTS_PER_TENANT) checks.add(null, `A tenant has at most ${MAX_ENDPOINTS_PER_TENANT} webhook endpoints; remove one first`);
  checks.refuseIfAny();
  const id = randomUUID();
  const secret = newSigningSecret();
  await ctx.tx.manager.query(
    `INSERT INTO webhook_endpoints (id, tenant_id, url, description, event_types, secret_sealed, created_by_id) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
    [
      id,
      ctx.caller.tenantId,
      url,
      input.description.trim(),
      [...new Set(input.eventTypes)],
      ctx.app.config.encryptionKeys.seal(sealContext(id), secret),
      ctx.caller.userId,
    ],
  );
  const webhookEndpoint = await saved(ctx, id);
  await ctx.audit.record({ action: 'webhookEndpoint.create', entityType: 'WebhookEndpoint', entityId: id, entityName: url, after: snapshot(webhookEndpoint) });
  return { webhookEndpoint, secret };
}

export async function updateEndpoint(ctx: TenantScope, endpointId: string, input: WebhookEndpointUpdateInput): Promise<WebhookEndpoint> {
  const current = await findEndpoint(ctx, endpointId);
  const checks = new InputChecks();
  const url = input.url?.trim();
  if (url !== undefined && url !== current.url) await checkUrl(ctx, checks, url);
  checks.refuseIfAny();
  await ctx.tx.manager.query(
    `UPDATE webhook_endpoints SET url = coalesce($3, url), description = coalesce($4, description), event_types = coalesce($5, event_types), updated_at = now()
     WHERE id = $1 AND tenant_id = $2`,
    [current.uuid, ctx.caller.tenantId, url ?? null, input.description?.trim() ?? null, input.eventTypes ? [...new Set(input.eventTypes)] : null],
  );
  const endpoint = await saved(ctx, current.uuid);
  await ctx.audit.record({
    action: 'webhookEndpoint.update',
    entityType: 'WebhookEndpoint',
    entityId: endpoint.uuid,
    entityName: endpoint.url,
    before: snapshot(current),
    after: snapshot(endpoint),
  });
  return endpoint;
}

/** Switches an endpoint on (its failure streak starts again) or off (deliveries not yet sent are cancelled). */
export async function setEndpointActive(ctx: TenantScope, endpointId: string, active: boolean): Promise<WebhookEndpoint> {
  const current = await findEndpoint(ctx, endpointId);
  if (current.active === active) throw new UserInputProblem('webhookEndpointId', `The endpoint is already ${active ? 'active' : 'switched off'}`, 'CONFLICT');
  await ctx.tx.manager.query(
    `UPDATE webhook_endpoints SET active = $3, failure_streak = 0, disabled_reason = CASE WHEN $3 THEN NULL ELSE 'Switched off by hand' END, updated_at = now()
     WHERE id = $1 AND tenant_id = $2`,
    [current.uuid, ctx.caller.tenantId, active],
  );
  if (!active) await cancelOpenDeliveries(ctx, current.uuid);
  const endpoint = await saved(ctx, current.uuid);
  await ctx.audit.record({
    action: active ? 'webhookEndpoint.activate' : 'webhookEndpoint.deactivate',
    entityType: 'WebhookEndpoint',
    entityId: endpoint.uuid,
    entityName: endpoint.url,
    before: { active: current.active },
    after: { active: endpoint.active },
  });
  return endpoint;
}

export async function cancelOpenDeliveries(ctx: TenantScope, endpointId: string): Promise<void> {
  await ctx.tx.manager.query(
    `UPDATE webhook_deliveries SET status = 'cancelled', next_attempt_at = NULL, completed_at = now()
     WHERE tenant_id = $1 AND endpoint_id = $2 AND status IN ('pending','retrying')`,
    [ctx.caller.tenantId, endpointId],
  );
}

export async function deleteEndpoint(ctx: TenantScope, endpointId: string): Promise<string> {
  const current = await findEndpoint(ctx, endpointId);
  await ctx.tx.manager.query(`DELETE FROM webhook_endpoints WHERE id = $1 AND tenant_id = $2`, [current.uuid, ctx.caller.tenantId]);
  await ctx.audit.record({
    action: 'webhookEndpoint.delete',
    entityType: 'WebhookEndpoint',
    entityId: current.uuid,
    entityName: current.url,
    before: snapshot(current),
  });
  return current.id;
}

/** A new signing secret, shown once; the old one stops signing at once. */
export async function rotateEndpointSecret(ctx: TenantScope, endpointId: string): Promise<{ webhookEndpoint: WebhookEndpoint; secret: string }> {
  const current = await findEndpoint(ctx, endpointId);
  const secret = newSigningSecret();
  await ctx.tx.manager.query(`UPDATE webhook_endpoints SET secret_sealed = $3, updated_at = now() WHERE id = $1 AND tenant_id = $2`, [
    current.uuid,
    ctx.caller.tenantId,
    ctx.app.config.encryptionKeys.seal(sealContext(current.uuid), secret),
  ]);
  await ctx.audit.record({ action: 'webhookEndpoint.secretRotate', entityType: 'WebhookEndpoint', entityId: current.uuid, entityName: current.url });
  return { webhookEndpoint: await saved(ctx, current.uuid), secret };
}

async function queued(ctx: TenantScope, row: Record<string, unknown>): Promise<WebhookDelivery> {
  const [inserted]: { id: string }[] = await ctx.tx.manager.query(
    `INSERT INTO webhook_deliveries (tenant_id, endpoint_id, event_id, message_id, event_type, body, redelivery_of_id, next_attempt_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7, now()) RETURNING id`,
    [ctx.caller.tenantId, row.endpointId, row.eventId ?? null, row.messageId, row.eventType, row.body ?? null, row.redeliveryOfId ?? null],
  );
  await ctx.tx.manager.query(`SELECT steward.enqueue_webhook_delivery($1, now())`, [inserted.id]);
  return ctx.tx.manager.findOneByOrFail(WebhookDelivery, { uuid: inserted.id });
}

/** Sends a delivery's event again, as a new delivery with the same webhook-id and body. */
export async function redeliver(ctx: TenantScope, deliveryId: string): Promise<WebhookDelivery> {
  const original = await loader(ctx, deliveryById).load(deliveryId);
  if (!original) throw StewardError.notFound('WebhookDelivery');
  const endpoint = await findEndpoint(ctx, original.endpointId);
  if (!endpoint.active) throw new UserInputProblem('webhookDeliveryId', 'The endpoint is switched off: activate it first', 'CONFLICT');
  if (original.status === WebhookDeliveryStatus.PENDING || original.status === WebhookDeliveryStatus.RETRYING)
    throw new UserInputProblem('webhookDeliveryId', 'The delivery is still being tried', 'CONFLICT');
  const delivery = await queued(ctx, { ...original, redeliveryOfId: original.uuid });
  await ctx.audit.record({
    action: 'webhookDelivery.redeliver',
    entityType: 'WebhookDelivery',
    entityId: delivery.uuid,
    entityName: `${original.eventType} to ${endpoint.url}`,
    after: { redeliveryOf: original.uuid, messageId: original.messageId },
  });
  return delivery;
}

/** A webhook.test event to one endpoint, through the same signed delivery as real events. */
export async function sendTestEvent(ctx: TenantScope, endpointId: string): Promise<WebhookDelivery> {
  const endpoint = await findEndpoint(ctx, endpointId);
  if (!endpoint.active) throw new UserInputProblem('webhookEndpointId', 'The endpoint is switched off: activate it first', 'CONFLICT');
  const id = randomUUID();
  const body = JSON.stringify({
    id: `test_${id.replace(/-/g, '')}`,
    type: 'webhook.test',
    timestamp: new Date().toISOString(),
    schemaVersion: 1,
    data: { message: 'A test event sent from Steward', endpoint: endpoint.url },
  });
  const delivery = await queued(ctx, { endpointId: endpoint.uuid, messageId: `msg_test_${id.replace(/-/g, '')}`, eventType: 'webhook.test', body });
  await ctx.audit.record({ action: 'webhookEndpoint.test', entityType: 'WebhookEndpoint', entityId: endpoint.uuid, entityName: endpoint.url });
  return delivery;
}
