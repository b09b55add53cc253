import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type Request, type Response, Router } from 'express';
import { parseCronItem } from 'graphile-worker';
import { inScope, type AppServices, type TenantScope } from '../../scope';
import { codeOf } from '../../graphql/errors';
import { parseGlobalId, toGlobalId } from '../../graphql/global-id';
import { DomainEvent } from '../events';
import { beginExecution } from './execution.service';

/** Whether a 5-field cron expression (UTC) names the minute of `at`, by graphile-worker's own matcher (what the crontab means too). */
export function cronMatches(cron: string, at: Date): boolean {
  const item = parseCronItem({ match: cron, task: 'workflow' });
  return item.match({ min: at.getUTCMinutes(), hour: at.getUTCHours(), date: at.getUTCDate(), month: at.getUTCMonth() + 1, dow: at.getUTCDay() });
}

/** One workflow started by a trigger, in a savepoint: a workflow that cannot start does not undo the others. */
async function startSafely(
  ctx: TenantScope,
  workflowId: string,
  input: Record<string, unknown>,
  kind: 'schedule' | 'event',
  key: string,
  startedById: string | null = null,
): Promise<boolean> {
  try {
    const { duplicate } = await ctx.tx.isolated(() => beginExecution(ctx, workflowId, input, { trigger: { kind, key }, startedById }));
    return !duplicate;
  } catch (error) {
    ctx.log.error({ err: error, workflowId, trigger: kind, key }, 'a triggered workflow could not start');
    return false;
  }
}

/** Starts the tenant's active scheduled workflows whose cron names `minute`; once per workflow and minute, however often asked. */
export async function fireSchedules(ctx: TenantScope, minute: Date): Promise<number> {
  const at = new Date(Math.floor(minute.getTime() / 60_000) * 60_000);
  const workflows: { id: string; trigger_cron: string }[] = await ctx.tx.manager.query(
    `SELECT id, trigger_cron FROM workflows WHERE tenant_id = $1 AND active AND trigger_kind = 'schedule' AND trigger_cron IS NOT NULL ORDER BY id`,
    [ctx.caller.tenantId],
  );
  let started = 0;
  for (const w of workflows) {
    if (!cronMatches(w.trigger_cron, at)) continue;
    if (await startSafely(ctx, w.id, { scheduledFor: at.toISOString() }, 'schedule', `schedule:${at.toISOString()}`)) started += 1;
  }
  return started;
}

/** The workflows:schedule job: every active tenant with scheduled workflows, each in a scope of its own. */
export async function fireAllSchedules(services: AppServices, minute: Date): Promise<number> {
  const tenants: { tenant_id: string }[] = await services.dataSource.query(
    `SELECT DISTINCT w.tenant_id FROM workflows w JOIN tenants t ON t.id = w.tenant_id
     WHERE t.status = 'active' AND w.active AND w.trigger_kind = 'schedule' ORDER BY 1`,
  );
  let started = 0;
  for (const { tenant_id: tenantId } of tenants) {
    started += await inScope(services, { actor: { kind: 'system', tenantId, name: 'job workflows:schedule' } }, (scope) => fireSchedules(scope, minute));
  }
  return started;
}

/**
 * The workflows:event job: the tenant's active workflows listening for the event's type start, each once
 * per event (the trigger key is the event's id, so a job run again starts nothing new). The event comes
 * from the domain event outbox, whose row (and so this job, queued in the same transaction) exists
 * exactly when the change it announces committed. The execution's input is the event: its type, id,
 * subject and payload; it counts as started by the event's actor (an approval node's requester).
 */
export async function fireEvent(ctx: TenantScope, eventId: string): Promise<number> {
  const event = await ctx.tx.manager.findOneBy(DomainEvent, { uuid: eventId, tenantId: ctx.caller.tenantId! });
  if (!event) return 0;
  const workflows: { id: string }[] = await ctx.tx.manager.query(
    `SELECT id FROM workflows WHERE tenant_id = $1 AND active AND trigger_kind = 'event' AND trigger_event = $2 ORDER BY id`,
    [ctx.caller.tenantId, event.type],
  );
  const input = {
    event: event.type,
    eventId: event.id,
    occurredAt: event.occurredAt.toISOString(),
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    ...event.payload,
  };
  let started = 0;
  for (const w of workflows) {
    if (await startSafely(ctx, w.id, input, 'event', `event:${event.uuid}`, event.actorUserId)) started += 1;
  }
  return started;
}

export function fireEventJob(services: AppServices, tenantId: string, eventId: string): Promise<number> {
  return inScope(services, { actor: { kind: 'system', tenantId, name: 'job workflows:event' } }, (scope) => fireEvent(scope, eventId));
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

const DELIVERY_ID = /^[\w.:-]{1,200}$/;
export const WEBHOOK_BODY_LIMIT = 64 * 1024;

function sameSecret(given: string, hash: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Takes one token from the workflow's bucket (refilled at `perMinute` a minute, holding at most as many), on
 * the database's clock and under the bucket's row lock so every API process shares it. Null when a token was
 * there; otherwise the seconds until one is.
 */
export async function takeWebhookToken(ctx: TenantScope, workflowId: string, perMinute: number): Promise<number | null> {
  await ctx.tx.manager.query(`INSERT INTO workflow_webhook_buckets (workflow_id, tenant_id, tokens) VALUES ($2, $1, $3) ON CONFLICT (workflow_id) DO NOTHING`, [
    ctx.caller.tenantId,
    workflowId,
    perMinute,
  ]);
  const [bucket]: { tokens: number; elapsed: number }[] = await ctx.tx.manager.query(
    `SELECT tokens, greatest(extract(epoch FROM clock_timestamp() - refilled_at), 0)::float8 AS elapsed
     FROM workflow_webhook_buckets WHERE tenant_id = $1 AND workflow_id = $2 FOR UPDATE`,
    [ctx.caller.tenantId, workflowId],
  );
  const available = Math.min(perMinute, bucket.tokens + (bucket.elapsed * perMinute) / 60);
  const left = available >= 1 ? available - 1 : available;
  await ctx.tx.manager.query(`UPDATE workflow_webhook_buckets SET tokens = $3, refilled_at = clock_timestamp() WHERE tenant_id = $1 AND workflow_id = $2`, [
    ctx.caller.tenantId,
    workflowId,
    left,
  ]);
  return available >= 1 ? null : Math.max(1, Math.ceil(((1 - available) * 60) / perMinute));
}

interface Attempt {
  workflowId: string;
  secret: string;
  delivery: string | null;
  ip: string | null;
}

/** A delivery refused for its secret, in the tenant's audit log (written after the refusal's rollback). */
function auditRefusal(ctx: TenantScope, attempt: Attempt, reason: string): void {
  ctx.audit.failed({
    action: 'workflow.webhook.refuse',
    entityType: 'Workflow',
    entityId: attempt.workflowId,
    outcome: 'denied',
    errorCode: 'UNAUTHENTICATED',
    after: { reason, deliveryId: attempt.delivery, ip: attempt.ip },
  });
}

/** Accepts one webhook delivery for a workflow; throws a Refusal for anything else. */
async function deliver(services: AppServices, req: Request): Promise<{ executionId: string; duplicate: boolean }> {
  const parsed = parseGlobalId(String(req.params.id));
  if (!parsed || parsed.type !== 'Workflow' || !/^[0-9a-f-]{36}$/i.test(parsed.id)) throw new Refusal(404, 'No such workflow');
  const attempt: Attempt = { workflowId: parsed.id, secret: req.header('x-steward-webhook-secret') ?? '', delivery: null, ip: req.ip ?? null };
  const delivery = req.header('x-delivery-id') ?? req.header('idempotency-key') ?? null;
  if (delivery !== null && !DELIVERY_ID.test(delivery))
    throw new Refusal(400, 'x-delivery-id must be 1-200 letters, digits, dots, colons, dashes or underscores');
  attempt.delivery = delivery;
  const body: unknown = req.body;
  if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) throw new Refusal(400, 'The body must be a JSON object');
  // The tenant is not known before the workflow is: the one lookup made outside a tenant's scope.
  const [target]: { tenant_id: string }[] = await services.dataSource.query(
    `SELECT w.tenant_id FROM workflows w JOIN tenants t ON t.id = w.tenant_id WHERE w.id = $1 AND t.status = 'active'`,
    [parsed.id],
  );
  if (!target) throw new Refusal(404, 'No such workflow');
  const client = { ip: attempt.ip, userAgent: req.header('user-agent') ?? null };
  // The bucket is taken in a transaction of its own, so it counts refused attempts too (a flood of bad secrets
  // is limited like any other) and a refusal's rollback does not give the token back.
  const retryAfter = await inScope(services, { actor: { kind: 'system', tenantId: target.tenant_id, name: 'webhook' }, client }, (ctx) =>
    takeWebhookToken(ctx, parsed.id, services.config.workflowWebhookPerMinute),
  );
  if (retryAfter !== null) throw new Refusal(429, `Too many deliveries for this workflow; try again in ${retryAfter}s`, retryAfter);
  return inScope(services, { actor: { kind: 'system', tenantId: target.tenant_id, name: 'webhook' }, client }, async (ctx) => {
    if (!attempt.secret) {
      auditRefusal(ctx, attempt, 'no secret');
      throw new Refusal(401, 'Send the workflow webhook secret in x-steward-webhook-secret');
    }
    const [workflow]: { trigger_kind: string; webhook_secret_hash: string | null; active: boolean; name: string }[] = await ctx.tx.manager.query(
      `SELECT trigger_kind, webhook_secret_hash, active, name FROM workflows WHERE tenant_id = $1 AND id = $2`,
      [ctx.caller.tenantId, parsed.id],
    );
    // A wrong secret and a workflow without a webhook answer alike: the caller learns nothing about the workflow.
    if (!workflow || workflow.trigger_kind !== 'webhook' || !workflow.webhook_secret_hash || !sameSecret(attempt.secret, workflow.webhook_secret_hash)) {
      ctx.log.warn({ workflowId: parsed.id }, 'a workflow webhook was refused: wrong secret');
      auditRefusal(ctx, attempt, workflow?.trigger_kind === 'webhook' ? 'wrong secret' : 'the workflow has no webhook trigger');
      throw new Refusal(401, 'The webhook secret is not right for this workflow');
    }
    if (!workflow.active) throw new Refusal(409, 'The workflow is inactive; activate it to accept deliveries');
    const input = { body: (body as Record<string, unknown> | undefined) ?? {}, deliveryId: delivery };
    const { execution, duplicate } = await beginExecution(ctx, parsed.id, input, {
      trigger: { kind: 'webhook', key: delivery ? `webhook:${delivery}` : null },
    });
    return { executionId: toGlobalId('WorkflowExecution', execution.uuid), duplicate };
  });
}

/**
 * POST /hooks/workflows/<workflow id>: a partner starts a WEBHOOK workflow. The secret shown when the
 * workflow was saved goes in x-steward-webhook-secret (only its hash is stored); x-delivery-id (or
 * Idempotency-Key) makes a retried delivery start nothing new. The JSON body (at most 64 KiB) is the
 * execution's data.input.body. 202 started, 200 a delivery seen before, 401 wrong secret (audited as
 * workflow.webhook.refuse), 404 no such workflow, 409 inactive, 429 with Retry-After past the workflow's rate
 * (WORKFLOW_WEBHOOK_PER_MINUTE, a token bucket per workflow that every attempt draws on).
 */
export function workflowHooksRouter(services: AppServices): Router {
  const router = express.Router();
  router.post('/hooks/workflows/:id', express.json({ limit: WEBHOOK_BODY_LIMIT }), async (req: Request, res: Response) => {
    try {
      const { executionId, duplicate } = await deliver(services, req);
      res.status(duplicate ? 200 : 202).json({ executionId, duplicate });
    } catch (error) {
      if (error instanceof Refusal) {
        if (error.retryAfterSeconds !== null) res.setHeader('retry-after', String(error.retryAfterSeconds));
        res.status(error.status).json({ error: error.message });
      } else if (codeOf(error) === 'NOT_FOUND') res.status(404).json({ error: 'No such workflow' });
      else {
        services.log.error({ err: error }, 'a workflow webhook failed');
        res.status(500).json({ error: 'Something went wrong on our side; it has been logged' });
      }
    }
  });
  return router;
}
