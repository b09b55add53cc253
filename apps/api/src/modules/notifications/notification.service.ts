import type { TenantScope } from '../../scope';
import { Connection, ConnectionArgs, OrderDirection } from '../../graphql/connection';
import { StewardError } from '../../graphql/errors';
import { expectGlobalId } from '../../graphql/global-id';
import { readPage, Selection, SqlParams } from '../../graphql/read-model';
import { Notification, NotificationKind, NotificationPreference } from './notification.entity';
import { notificationReads } from './notification.reads';

/** The event types that may write a notification (the subscription re-counts on these only). */
export const NOTIFYING_EVENTS = new Set(['approval.requested', 'approval.decided', 'alert.raised', 'violation.opened']);

function me(ctx: TenantScope): string {
  if (!ctx.caller.userId) throw StewardError.forbidden('Notifications are for members signed in as themselves');
  return ctx.caller.userId;
}

export function listNotifications(ctx: TenantScope, page: ConnectionArgs, unreadOnly: boolean, selection: Selection): Promise<Connection<Notification>> {
  const params = new SqlParams();
  const where = [`n.tenant_id = ${params.add(ctx.caller.tenantId)}`, `n.user_id = ${params.add(me(ctx))}`];
  if (unreadOnly) where.push('n.read_at IS NULL');
  return readPage(ctx, notificationReads, selection, { alias: 'n', where, params }, page, {
    column: 'n.created_at',
    id: 'n.id',
    direction: OrderDirection.DESC,
    cast: 'timestamptz',
  });
}

export async function unreadCount(ctx: TenantScope): Promise<number> {
  const [row] = await ctx.tx.manager.query(`SELECT count(*)::int AS n FROM notifications WHERE tenant_id = $1 AND user_id = $2 AND read_at IS NULL`, [
    ctx.caller.tenantId,
    me(ctx),
  ]);
  return row.n;
}

/** Marks the caller's notifications read (all unread ones when `ids` is null); others' ids are ignored. */
export async function markRead(ctx: TenantScope, ids: string[] | null): Promise<{ marked: number; unreadCount: number }> {
  const uuids = ids?.map((id, i) => expectGlobalId(id, 'Notification', `input.notificationIds.${i}`)) ?? null;
  const [, marked] = await ctx.tx.manager.query(
    `UPDATE notifications SET read_at = now() WHERE tenant_id = $1 AND user_id = $2 AND read_at IS NULL AND ($3::uuid[] IS NULL OR id = ANY($3::uuid[]))`,
    [ctx.caller.tenantId, me(ctx), uuids],
  );
  return { marked: marked as number, unreadCount: await unreadCount(ctx) };
}

export async function preferences(ctx: TenantScope): Promise<NotificationPreference[]> {
  const rows: { kind: NotificationKind; in_app: boolean; email: boolean }[] = await ctx.tx.manager.query(
    `SELECT kind, in_app, email FROM notification_preferences WHERE tenant_id = $1 AND user_id = $2`,
    [ctx.caller.tenantId, me(ctx)],
  );
  return Object.values(NotificationKind).map((kind) => {
    const row = rows.find((r) => r.kind === kind);
    return Object.assign(new NotificationPreference(), { kind, inApp: row?.in_app ?? true, email: row?.email ?? false });
  });
}

export async function setPreference(ctx: TenantScope, kind: NotificationKind, inApp: boolean, email: boolean): Promise<NotificationPreference[]> {
  const before = (await preferences(ctx)).find((p) => p.kind === kind);
  await ctx.tx.manager.query(
    `INSERT INTO notification_preferences (tenant_id, user_id, kind, in_app, email) VALUES ($1,$2,$3,$4,$5)
     ON CONFLICT (tenant_id, user_id, kind) DO UPDATE SET in_app = EXCLUDED.in_app, email = EXCLUDED.email, updated_at = now()`,
    [ctx.caller.tenantId, me(ctx), kind, inApp, email],
  );
  await ctx.audit.record({
    action: 'notificationPreference.set',
    entityType: 'User',
    entityId: me(ctx),
    entityName: kind,
    before: { inApp: before?.inApp, email: before?.email },
    after: { inApp, email },
  });
  return preferences(ctx);
}
