import type { EntityManager } from 'typeorm';
import type { AppServices, TenantScope } from '../../scope';
import { transportFor } from './mail.transport';

/** One message as its sender words it: plain text always, HTML optionally. */
export interface MailMessage {
  /** What the message is for, e.g. 'invitation' or 'password_reset' (kept with the row, for support). */
  kind: string;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
}

const INSERT = `INSERT INTO mail_outbox (tenant_id, kind, to_address, subject, text_body, html_body, created_by_id) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`;

function check(message: MailMessage): void {
  if (!/^[^\s@]+@[^\s@]+$/.test(message.to.trim())) throw new Error(`mail to "${message.to}": not an email address`);
}

/**
 * Queues a message of a tenant (the scope's, or the one a platform admin acts on): written in the scope's transaction
 * (sent only if it commits), sent by the mail:send job. Returns the outbox row's id.
 */
export async function queueMail(scope: TenantScope, message: MailMessage, tenantId = scope.caller.tenantId): Promise<string> {
  check(message);
  if (!tenantId) throw new Error('queueMail needs a tenant; account mail goes through queueAccountMail');
  const [row]: { id: string }[] = await scope.tx.manager.query(INSERT, [
    tenantId,
    message.kind,
    message.to.trim(),
    message.subject,
    message.text,
    message.html ?? null,
    scope.caller.userId,
  ]);
  return row.id;
}

/**
 * Queues account mail (password reset, email verification): it belongs to a person, not a tenant, so it
 * is written by the owner connection's transaction that decided it (`manager`).
 */
export async function queueAccountMail(manager: EntityManager, message: MailMessage, tenantId: string | null = null): Promise<string> {
  check(message);
  const [row]: { id: string }[] = await manager.query(INSERT, [
    tenantId,
    message.kind,
    message.to.trim(),
    message.subject,
    message.text,
    message.html ?? null,
    null,
  ]);
  return row.id;
}

/** A link into the web app, as people reach it. */
export function appLink(services: AppServices, path: string, query: Record<string, string> = {}): string {
  const url = new URL(path, `${services.config.mail.publicUrl}/`);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url.toString();
}

interface OutboxRow {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  status: string;
  attempts: number;
}

/**
 * Sends one queued message, as the mail:send job does. The outbox is read by the owner connection: account mail has
 * no tenant. The send happens outside any transaction (a slow SMTP server holds no connection); a failure is recorded
 * and thrown, so the job queue retries it with its backoff, and `lastAttempt` marks the message failed for good.
 */
export async function sendQueuedMail(services: AppServices, mailId: string, lastAttempt = false): Promise<'sent' | 'skipped'> {
  const [row]: OutboxRow[] = await services.dataSource.query(
    `SELECT id, to_address, subject, text_body, html_body, status, attempts FROM mail_outbox WHERE id = $1`,
    [mailId],
  );
  if (!row || row.status !== 'pending') return 'skipped';
  try {
    const { smtpUrl, from } = services.config.mail;
    if (!smtpUrl) throw new Error('SMTP_URL is not set: mail cannot be sent');
    const info = await transportFor(smtpUrl).sendMail({
      from,
      to: row.to_address,
      subject: row.subject,
      text: row.text_body,
      html: row.html_body ?? undefined,
    });
    await services.dataSource.query(
      `UPDATE mail_outbox SET status = 'sent', attempts = attempts + 1, sent_at = now(), smtp_message_id = $2, last_error = NULL WHERE id = $1`,
      [mailId, info.messageId ?? null],
    );
    return 'sent';
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await services.dataSource.query(`UPDATE mail_outbox SET attempts = attempts + 1, last_error = left($2, 1000), status = $3 WHERE id = $1`, [
      mailId,
      reason,
      lastAttempt ? 'failed' : 'pending',
    ]);
    services.log.warn({ mailId, err: error, lastAttempt }, 'mail not sent');
    throw error;
  }
}
