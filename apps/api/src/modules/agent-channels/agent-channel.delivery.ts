import { randomUUID } from 'node:crypto';
import { toGlobalId } from '../../graphql/global-id';
import { StewardError } from '../../graphql/errors';
import { inScope, type AppServices, type TenantScope } from '../../scope';
import { queueMail } from '../mail';
import { post, resolveTarget, signedHeaders, TargetRefused, type SendResult } from '../webhooks';
import { ChannelDeliverySource } from './agent-channel-delivery.entity';
import { AgentChannelType } from './agent-channel.entity';
import { openSecret } from './agent-channel.secrets';

/** Seconds to wait after each failed attempt: 10 s, 1 min, 5 min, 30 min, 2 h, 6 h; seven attempts over about nine hours. */
export const CHANNEL_RETRY_DELAYS_SECONDS = [10, 60, 300, 1800, 7200, 21600];

/** Slack's Web API method for a bot token; it answers 200 with {"ok":false} when it refuses. */
const SLACK_POST_MESSAGE = 'https://slack.com/api/chat.postMessage';

export function nextChannelAttemptAfter(attempt: number, at: Date): Date | null {
  const delay = CHANNEL_RETRY_DELAYS_SECONDS[attempt - 1];
  return delay === undefined ? null : new Date(at.getTime() + delay * 1000);
}

export interface ChannelMessage {
  source: ChannelDeliverySource;
  subject: string;
  text: string;
  executionId?: string | null;
  /** A fixed id makes queueing idempotent (a workflow node run queues its message once however often it runs). */
  deliveryId?: string;
}

/** Queues a message to a channel in the caller's transaction: it is sent (by the channels:deliver job) only if that commits. */
export async function queueChannelMessage(ctx: TenantScope, channelId: string, message: ChannelMessage): Promise<string> {
  const [channel]: { id: string; enabled: boolean }[] = await ctx.tx.manager.query(`SELECT id, enabled FROM agent_channels WHERE id = $1 AND tenant_id = $2`, [
    channelId,
    ctx.caller.tenantId,
  ]);
  if (!channel) throw StewardError.notFound('Channel');
  if (!channel.enabled) throw StewardError.badInput('channelId', 'The channel is disabled; enable it to send to it');
  const id = message.deliveryId ?? randomUUID();
  const inserted: { id: string }[] = await ctx.tx.manager.query(
    `INSERT INTO channel_deliveries (id, tenant_id, channel_id, source, execution_id, message_id, subject, text, next_attempt_at)
     VALUES ($1::uuid, $2, $3, $4, $5, 'msg_' || replace($1::text, '-', ''), left($6, 300), left($7, 4000), now())
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [id, ctx.caller.tenantId, channelId, message.source, message.executionId ?? null, message.subject, message.text],
  );
  if (inserted.length) await ctx.tx.manager.query(`SELECT steward.enqueue_channel_delivery($1, now())`, [id]);
  return id;
}

type Prepared =
  | { kind: 'http'; url: string; headers: Record<string, string>; body: string; attempt: number }
  | { kind: 'done'; result: SendResult; attempt: number; mailId?: string };

const system = (tenantId: string) => ({ actor: { kind: 'system' as const, tenantId, name: 'job channels:deliver' } });

function failure(error: string): SendResult {
  return { statusCode: null, durationMs: 0, responseExcerpt: null, error };
}

/** Claims the delivery (row locked) and works out what to send; email is handed to the mail outbox right here. */
async function prepare(scope: TenantScope, deliveryId: string, at: Date): Promise<Prepared | null> {
  const m = scope.tx.manager;
  const [row] = await m.query(
    `SELECT d.id, d.status, d.attempts, d.message_id, d.subject, d.text, d.source, d.created_at,
            c.id AS channel_id, c.name AS channel_name, c.type, c.enabled, c.config, c.secrets, a.name AS agent_name
     FROM channel_deliveries d JOIN agent_channels c ON c.id = d.channel_id JOIN agents a ON a.id = c.agent_id
     WHERE d.id = $1 FOR UPDATE OF d`,
    [deliveryId],
  );
  if (!row || (row.status !== 'pending' && row.status !== 'retrying')) return null;
  if (!row.enabled) {
    await m.query(`UPDATE channel_deliveries SET status = 'cancelled', next_attempt_at = NULL, completed_at = $2 WHERE id = $1`, [deliveryId, at]);
    return null;
  }
  const attempt = row.attempts + 1;
  const secret = (name: string): string | null =>
    row.secrets[name] ? openSecret(scope.app.config.encryptionKeys, row.channel_id, name, row.secrets[name]) : null;
  const config = row.config as Record<string, unknown>;
  switch (row.type as AgentChannelType) {
    case AgentChannelType.EMAIL: {
      const mailId = await queueMail(scope, {
        kind: 'channel.message',
        to: String(config.address),
        subject: `Steward · ${row.agent_name}: ${row.subject}`.slice(0, 300),
        text: `${row.text}\n\nSent to the channel "${row.channel_name}" of the agent ${row.agent_name}.`,
      });
      return { kind: 'done', attempt, mailId, result: { statusCode: null, durationMs: 0, responseExcerpt: `Queued as mail ${mailId}`, error: null } };
    }
    case AgentChannelType.SLACK: {
      const text = `*${row.subject}* (${row.agent_name})\n${row.text}`;
      const url = secret('webhookUrl');
      if (url) return { kind: 'http', url, headers: {}, body: JSON.stringify({ text }), attempt };
      const token = secret('botToken');
      if (!token) return { kind: 'done', attempt, result: failure('The Slack channel has neither a webhookUrl nor a botToken to post with') };
      return {
        kind: 'http',
        url: SLACK_POST_MESSAGE,
        headers: { authorization: `Bearer ${token}` },
        body: JSON.stringify({ channel: config.channel, text }),
        attempt,
      };
    }
    case AgentChannelType.WEBHOOK: {
      const body = JSON.stringify({
        id: toGlobalId('ChannelDelivery', row.id),
        type: 'channel.message',
        timestamp: new Date(row.created_at).toISOString(),
        source: row.source,
        channel: { id: toGlobalId('AgentChannel', row.channel_id), name: row.channel_name, agent: row.agent_name },
        subject: row.subject,
        text: row.text,
      });
      const key = secret('secret');
      const headers = key
        ? signedHeaders(key, row.message_id, at, body)
        : { 'webhook-id': row.message_id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)) };
      return { kind: 'http', url: String(config.url), headers, body, attempt };
    }
    default:
      return { kind: 'done', attempt, result: failure(`Channels of type ${String(row.type)} cannot deliver`) };
  }
}

async function send(services: AppServices, prepared: Extract<Prepared, { kind: 'http' }>): Promise<SendResult> {
  const { production, webhooks } = services.config;
  let target;
  try {
    target = await resolveTarget(prepared.url, production, webhooks.allowedHosts);
  } catch (error) {
    if (!(error instanceof TargetRefused)) throw error;
    return failure(`refused: the URL ${error.message}`);
  }
  return post(target, prepared.headers, prepared.body, webhooks.timeoutMs);
}

async function record(scope: TenantScope, deliveryId: string, attempt: number, result: SendResult, at: Date, mailId: string | null): Promise<void> {
  const refusedBySlack = /^\s*\{\s*"ok"\s*:\s*false/.test(result.responseExcerpt ?? '');
  const ok = mailId !== null || (result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300 && !refusedBySlack);
  const error = ok ? null : (result.error ?? (refusedBySlack ? `Slack refused: ${result.responseExcerpt}` : `The receiver answered ${result.statusCode}`));
  const next = ok ? null : nextChannelAttemptAfter(attempt, at);
  const status = ok ? 'succeeded' : next ? 'retrying' : 'failed';
  await scope.tx.manager.query(
    `UPDATE channel_deliveries SET status = $2, attempts = $3, next_attempt_at = $4, last_status_code = $5, last_duration_ms = $6,
       last_error = left($7, 500), response_excerpt = left($8, 2000), mail_id = coalesce($9, mail_id),
       completed_at = CASE WHEN $2 IN ('succeeded','failed') THEN $10::timestamptz END
     WHERE id = $1`,
    [deliveryId, status, attempt, next, result.statusCode, result.durationMs, error, result.responseExcerpt, mailId, at],
  );
  if (next) await scope.tx.manager.query(`SELECT steward.enqueue_channel_delivery($1, $2)`, [deliveryId, next]);
}

/**
 * One attempt of one channel delivery, as the channels:deliver job makes it: claimed and prepared in one
 * transaction, sent outside any (a slow receiver holds no connection), recorded in another. `at` is the
 * attempt's time (tests move it); a failed attempt queues the next after the backoff.
 */
export async function attemptChannelDelivery(services: AppServices, tenantId: string, deliveryId: string, at = new Date()): Promise<SendResult | null> {
  const prepared = await inScope(services, system(tenantId), async (scope) => {
    const step = await prepare(scope, deliveryId, at);
    if (step?.kind === 'done') await record(scope, deliveryId, step.attempt, step.result, at, step.mailId ?? null);
    return step;
  });
  if (!prepared) return null;
  if (prepared.kind === 'done') return prepared.result;
  const result = await send(services, prepared);
  await inScope(services, system(tenantId), (scope) => record(scope, deliveryId, prepared.attempt, result, at, null));
  return result;
}
