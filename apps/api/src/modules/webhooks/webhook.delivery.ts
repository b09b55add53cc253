import { toGlobalId } from '../../graphql/global-id';
import { inScope, type AppServices, type TenantScope } from '../../scope';
import { cancelOpenDeliveries, sealContext } from './webhook.service';
import { post, type SendResult } from './webhook.http';
import { signedHeaders } from './webhook.signing';
import { resolveTarget, TargetRefused } from './webhook.targets';

/**
 * Seconds to wait after each failed attempt (Standard Webhooks' schedule): 5 s, 5 min, 30 min, 2 h,
 * 5 h, 10 h, 10 h; eight attempts over about a day, then the delivery has failed for good.
 */
export const RETRY_DELAYS_SECONDS = [5, 300, 1800, 7200, 18000, 36000, 36000];

/** When the next attempt is due after attempt number `attempt` failed at `at`; null when that was the last. */
export function nextAttemptAfter(attempt: number, at: Date): Date | null {
  const delay = RETRY_DELAYS_SECONDS[attempt - 1];
  return delay === undefined ? null : new Date(at.getTime() + delay * 1000);
}

interface Prepared {
  url: string;
  secret: string;
  messageId: string;
  body: string;
  attempt: number;
}

const system = (tenantId: string) => ({ actor: { kind: 'system' as const, tenantId, name: 'job webhooks:deliver' } });

/** The JSON a domain event is sent as: ids are global ids, as the API gives them. */
interface EventRow {
  id: string;
  tenant_id: string;
  type: string;
  schema_version: number;
  occurred_at: Date;
  actor_type: string;
  actor_user_id: string | null;
  actor_api_key_id: string | null;
  subject_type: string;
  subject_id: string | null;
  payload: Record<string, unknown>;
}

function eventBody(event: EventRow): string {
  return JSON.stringify({
    id: toGlobalId('DomainEvent', event.id),
    type: event.type,
    timestamp: new Date(event.occurred_at).toISOString(),
    schemaVersion: event.schema_version,
    tenantId: toGlobalId('Tenant', event.tenant_id),
    actor: {
      type: event.actor_type,
      userId: event.actor_user_id ? toGlobalId('User', event.actor_user_id) : null,
      apiKeyId: event.actor_api_key_id ? toGlobalId('ApiKey', event.actor_api_key_id) : null,
    },
    subject: { type: event.subject_type, id: event.subject_id ? toGlobalId(event.subject_type, event.subject_id) : null },
    data: event.payload,
  });
}

/** Claims the delivery (its row locked), writes its body on the first attempt, opens the secret; null when nothing is to be sent. */
async function prepare(scope: TenantScope, deliveryId: string): Promise<Prepared | null> {
  const [row] = await scope.tx.manager.query(
    `SELECT d.id, d.status, d.attempts, d.message_id, d.body, d.event_id, e.id AS endpoint_id, e.url, e.active, e.secret_sealed
     FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE d.id = $1 FOR UPDATE OF d`,
    [deliveryId],
  );
  if (!row || (row.status !== 'pending' && row.status !== 'retrying')) return null;
  if (!row.active) {
    await cancelOpenDeliveries(scope, row.endpoint_id);
    return null;
  }
  let body: string | null = row.body;
  if (body === null) {
    const [event] = await scope.tx.manager.query(`SELECT * FROM domain_events WHERE id = $1`, [row.event_id]);
    body = event ? eventBody(event) : JSON.stringify({ id: toGlobalId('DomainEvent', row.event_id), type: 'unknown', data: {} });
    await scope.tx.manager.query(`UPDATE webhook_deliveries SET body = $2 WHERE id = $1`, [deliveryId, body]);
  }
  const secret = scope.app.config.encryptionKeys.open(sealContext(row.endpoint_id), row.secret_sealed);
  return { url: row.url, secret, messageId: row.message_id, body, attempt: row.attempts + 1 };
}

async function send(services: AppServices, prepared: Prepared, at: Date): Promise<SendResult> {
  const { production, webhooks } = services.config;
  let target;
  try {
    target = await resolveTarget(prepared.url, production, webhooks.allowedHosts);
  } catch (error) {
    if (!(error instanceof TargetRefused)) throw error;
    return { statusCode: null, durationMs: 0, responseExcerpt: null, error: `refused: the URL ${error.message}` };
  }
  return post(target, signedHeaders(prepared.secret, prepared.messageId, at, prepared.body), prepared.body, webhooks.timeoutMs);
}

/** Records the attempt; schedules the next or ends the delivery; switches the endpoint off after a streak of failures. */
async function record(scope: TenantScope, deliveryId: string, attempt: number, result: SendResult, at: Date): Promise<void> {
  const m = scope.tx.manager;
  const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
  await m.query(
    `INSERT INTO webhook_delivery_attempts (tenant_id, delivery_id, attempt, attempted_at, status_code, duration_ms, response_excerpt, error)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
    [scope.caller.tenantId, deliveryId, attempt, at, result.statusCode, result.durationMs, result.responseExcerpt, result.error],
  );
  const next = ok ? null : nextAttemptAfter(attempt, at);
  const status = ok ? 'succeeded' : next ? 'retrying' : 'failed';
  const [[delivery]] = await m.query(
    `UPDATE webhook_deliveries SET status = $2, attempts = $3, next_attempt_at = $4, last_status_code = $5, last_duration_ms = $6, last_error = $7,
       completed_at = CASE WHEN $2 IN ('succeeded','failed') THEN $8::timestamptz END
     WHERE id = $1 RETURNING endpoint_id, event_type`,
    [deliveryId, status, attempt, next, result.statusCode, result.durationMs, result.error, at],
  );
  if (next) await m.query(`SELECT steward.enqueue_webhook_delivery($1, $2)`, [deliveryId, next]);
  if (ok) {
    await m.query(`UPDATE webhook_endpoints SET failure_streak = 0 WHERE id = $1 AND failure_streak <> 0`, [delivery.endpoint_id]);
    return;
  }
  const [[endpoint]] = await m.query(
    `UPDATE webhook_endpoints SET failure_streak = failure_streak + 1 WHERE id = $1 RETURNING id, url, failure_streak, active`,
    [delivery.endpoint_id],
  );
  const limit = scope.app.config.webhooks.disableAfterFailures;
  if (!endpoint.active || endpoint.failure_streak < limit) return;
  const reason = `Switched off after ${endpoint.failure_streak} failed attempts in a row`;
  await m.query(`UPDATE webhook_endpoints SET active = false, disabled_reason = $2, updated_at = now() WHERE id = $1`, [endpoint.id, reason]);
  await cancelOpenDeliveries(scope, endpoint.id);
  await m.query(`INSERT INTO alerts (tenant_id, source, severity, message) VALUES ($1, 'webhook', 'warning', left($2, 500))`, [
    scope.caller.tenantId,
    `Webhook endpoint ${endpoint.url} was switched off after ${endpoint.failure_streak} failed deliveries in a row; fix it, then activate it`,
  ]);
  await scope.audit.record({
    action: 'webhookEndpoint.autoDisable',
    entityType: 'WebhookEndpoint',
    entityId: endpoint.id,
    entityName: endpoint.url,
    after: { active: false, failureStreak: endpoint.failure_streak, lastError: result.error, lastStatusCode: result.statusCode },
  });
}

/**
 * One attempt of one delivery, as the webhooks:deliver job makes it: claimed and prepared in one
 * transaction, sent outside any (a slow receiver holds no connection), recorded in another. `at`
 * is the attempt's time (tests move it); the job queue is told when the next attempt is due.
 */
export async function attemptDelivery(services: AppServices, tenantId: string, deliveryId: string, at = new Date()): Promise<SendResult | null> {
  const prepared = await inScope(services, system(tenantId), (scope) => prepare(scope, deliveryId));
  if (!prepared) return null;
  const result = await send(services, prepared, at);
  await inScope(services, system(tenantId), (scope) => record(scope, deliveryId, prepared.attempt, result, at));
  return result;
}
