import type { DataSource } from 'typeorm';
import type { TenantScope } from '../../scope';
import { DeletedItemKind, KINDS } from './deletable';
import { retentionDays, returned, withDeleted } from './deleted-item.service';
import { purgeRemovedMembers } from './deleted-members';

/** Tenants holding something deleted longer ago than their plan keeps it at `now`. Read as the database owner, across tenants. */
export async function tenantsWithExpiredDeletions(dataSource: DataSource, now: Date): Promise<string[]> {
  const rows: { id: string }[] = await dataSource.query(
    `SELECT t.id FROM tenants t JOIN plans p ON p.code = t.plan
     WHERE ${KINDS.map((k) => `EXISTS (SELECT 1 FROM ${k.table} x WHERE x.tenant_id = t.id AND x.deleted_at < $1::timestamptz - make_interval(days => p.deleted_retention_days))`).join(' OR ')}
     ORDER BY t.id`,
    [now],
  );
  return rows.map((r) => r.id);
}

/**
 * Removes for good what was deleted longer ago than the plan keeps it, one statement per kind, each purge
 * audited as `<kind>.purge` (members as `membership.purge`). Costs keep their amounts without the agent (the key's ON DELETE SET NULL); a skill's installations go with it.
 */
export async function purgeExpired(ctx: TenantScope, now: Date): Promise<number> {
  const days = await retentionDays(ctx);
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const tenantId = ctx.caller.tenantId;
  const m = ctx.tx.manager;
  let purged = 0;
  await withDeleted(ctx, async () => {
    for (const kind of KINDS) {
      if (kind.kind === DeletedItemKind.MEMBER) {
        const members = await purgeRemovedMembers(ctx, cutoff);
        for (const member of members)
          await ctx.audit.record({
            action: 'membership.purge',
            entityType: 'Membership',
            entityId: member.id,
            entityName: member.email,
            before: { deletedAt: new Date(member.deleted_at).toISOString() },
            after: { purgedAt: now.toISOString(), retentionDays: days },
          });
        purged += members.length;
        continue;
      }
      const expired = `SELECT id FROM ${kind.table} WHERE tenant_id = $1 AND deleted_at < $2`;
      if (kind.table === 'skills') await m.query(`DELETE FROM skill_installations WHERE tenant_id = $1 AND skill_id IN (${expired})`, [tenantId, cutoff]);
      const rows = returned<{ id: string; name: string; deleted_at: Date }>(
        await m.query(`DELETE FROM ${kind.table} WHERE tenant_id = $1 AND deleted_at < $2 RETURNING id, name, deleted_at`, [tenantId, cutoff]),
      );
      for (const row of rows)
        await ctx.audit.record({
          action: `${kind.kind}.purge`,
          entityType: kind.typeName,
          entityId: row.id,
          entityName: row.name,
          before: { deletedAt: new Date(row.deleted_at).toISOString() },
          after: { purgedAt: now.toISOString(), retentionDays: days },
        });
      purged += rows.length;
    }
  });
  return purged;
}
