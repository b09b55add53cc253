import { inRoleGroup } from '../../auth/role-groups';
import { Connection, ConnectionArgs, encodeCursor, decodeCursor, pageSize, PageInfo } from '../../graphql/connection';
import { StewardError, UserInputProblem } from '../../graphql/errors';
import { toGlobalId } from '../../graphql/global-id';
import type { TenantScope } from '../../scope';
import { claimCapacity } from '../tenants';
import { Deletable, DeletedItemKind, DELETABLE, KINDS } from './deletable';
import { restoreMember } from './deleted-members';
import { DeletedItem } from './deleted-item.type';

const DAY_MS = 86_400_000;

/**
 * Runs `work` with deleted rows visible to this transaction (row-level security hides them otherwise),
 * then hides them again. On failure the savepoint or transaction rolling back undoes the setting too.
 */
export async function withDeleted<T>(ctx: TenantScope, work: () => Promise<T>): Promise<T> {
  const m = ctx.tx.manager;
  await m.query(`SELECT set_config('app.include_deleted', 'on', true)`);
  try {
    const result = await work();
    await m.query(`SELECT set_config('app.include_deleted', '', true)`);
    return result;
  } catch (error) {
    await m.query(`SELECT set_config('app.include_deleted', '', true)`).catch(() => undefined);
    throw error;
  }
}

/** How many days the tenant's plan keeps deleted things restorable. */
export async function retentionDays(ctx: TenantScope): Promise<number> {
  const [row]: { days: number }[] = await ctx.tx.manager.query(
    `SELECT p.deleted_retention_days AS days FROM tenants t JOIN plans p ON p.code = t.plan WHERE t.id = $1`,
    [ctx.caller.tenantId],
  );
  return row?.days ?? 30;
}

/** The rows an UPDATE or DELETE returned (TypeORM answers those as [rows, count]). */
export function returned<T>(result: unknown): T[] {
  return Array.isArray(result) && Array.isArray(result[0]) ? (result[0] as T[]) : (result as T[]);
}

interface DeletedRow {
  kind: DeletedItemKind;
  id: string;
  name: string;
  deleted_at: Date;
  deleted_by_id: string | null;
}

function itemOf(row: DeletedRow, days: number): DeletedItem {
  const deletedAt = new Date(row.deleted_at);
  return Object.assign(new DeletedItem(), {
    id: toGlobalId(DELETABLE[row.kind].typeName, row.id),
    kind: row.kind,
    name: row.name,
    deletedAt,
    restorableUntil: new Date(deletedAt.getTime() + days * DAY_MS),
    deletedById: row.deleted_by_id,
  });
}

/** A deployed agent keeps running: it is suspended or archived before it may be deleted. */
async function refuseWhileInUse(ctx: TenantScope, kind: Deletable, id: string): Promise<void> {
  if (kind.kind !== DeletedItemKind.AGENT) return;
  const [agent]: { status: string }[] = await ctx.tx.manager.query(`SELECT status FROM agents WHERE id = $1 AND tenant_id = $2`, [id, ctx.caller.tenantId]);
  if (agent?.status === 'deployed') throw new UserInputProblem('id', 'The agent is deployed: suspend or archive it before deleting it', 'CONFLICT');
}

/**
 * Deletes softly: the row stays, hidden from every list, count and lookup, restorable until the plan's
 * retention period ends. Audited as `<kind>.delete` with the date it can be restored until.
 */
export async function softDelete(ctx: TenantScope, kindName: DeletedItemKind, id: string): Promise<DeletedItem> {
  const kind = DELETABLE[kindName];
  await refuseWhileInUse(ctx, kind, id);
  const rows: DeletedRow[] = await withDeleted(ctx, () =>
    ctx.tx.manager.query(
      `UPDATE ${kind.table} SET deleted_at = now(), deleted_by_id = $3
       WHERE id = $1 AND tenant_id = $2 AND deleted_at IS NULL
       RETURNING $4::text AS kind, id, name, deleted_at, deleted_by_id`,
      [id, ctx.caller.tenantId, ctx.caller.userId, kind.kind],
    ),
  ).then(returned<DeletedRow>);
  if (!rows.length) throw StewardError.notFound(kind.typeName);
  const item = itemOf(rows[0], await retentionDays(ctx));
  await ctx.audit.record({
    action: `${kind.kind}.delete`,
    entityType: kind.typeName,
    entityId: id,
    entityName: item.name,
    before: { deletedAt: null },
    after: { deletedAt: item.deletedAt.toISOString(), restorableUntil: item.restorableUntil.toISOString() },
  });
  return item;
}

/**
 * Brings a deleted object back as it was, while its retention period lasts. Its name must still be free
 * among live ones, and it claims its place under the plan's limit again. Audited as `<kind>.restore`.
 */
export async function restore(ctx: TenantScope, kindName: DeletedItemKind, id: string): Promise<DeletedItem> {
  const kind = DELETABLE[kindName];
  const days = await retentionDays(ctx);
  if (kindName === DeletedItemKind.MEMBER) return withDeleted(ctx, () => restoreMembership(ctx, id, days));
  return withDeleted(ctx, async () => {
    const m = ctx.tx.manager;
    const [row]: (DeletedRow & { counted: boolean; taken: boolean })[] = await m.query(
      `SELECT $3::text AS kind, d.id, d.name, d.deleted_at, d.deleted_by_id, ${kind.kind === DeletedItemKind.AGENT ? `d.status <> 'archived'` : 'true'} AS counted,
         EXISTS (SELECT 1 FROM ${kind.table} l WHERE l.tenant_id = d.tenant_id AND l.deleted_at IS NULL AND lower(l.name) = lower(d.name)) AS taken
       FROM ${kind.table} d
       WHERE d.id = $1 AND d.tenant_id = $2 AND d.deleted_at IS NOT NULL AND d.deleted_at > now() - make_interval(days => $4)
       FOR UPDATE OF d`,
      [id, ctx.caller.tenantId, kind.kind, days],
    );
    if (!row) throw StewardError.notFound(`Deleted ${kind.typeName}`);
    if (row.taken && kind.kind !== DeletedItemKind.WORKFLOW)
      throw new UserInputProblem('id', `Another ${kind.kind} is named "${row.name}" now: rename it before restoring this one`, 'CONFLICT');
    if (kind.limit && row.counted) await claimCapacity(ctx, kind.limit);
    await m.query(`UPDATE ${kind.table} SET deleted_at = NULL, deleted_by_id = NULL WHERE id = $1 AND tenant_id = $2`, [id, ctx.caller.tenantId]);
    const item = itemOf(row, days);
    await ctx.audit.record({
      action: `${kind.kind}.restore`,
      entityType: kind.typeName,
      entityId: id,
      entityName: row.name,
      before: { deletedAt: item.deletedAt.toISOString() },
      after: { deletedAt: null },
    });
    return item;
  });
}

async function restoreMembership(ctx: TenantScope, id: string, days: number): Promise<DeletedItem> {
  const member = await restoreMember(ctx, id, days);
  const item = itemOf({ ...member, kind: DeletedItemKind.MEMBER }, days);
  await ctx.audit.record({
    action: 'membership.restore',
    entityType: 'Membership',
    entityId: id,
    entityName: member.email,
    before: { deletedAt: item.deletedAt.toISOString() },
    after: { deletedAt: null, role: member.role },
  });
  return item;
}

/** The kinds the caller may see deleted: those whose group it is in. */
export function visibleKinds(ctx: TenantScope, only: DeletedItemKind[] | null): Deletable[] {
  return KINDS.filter((k) => (!only?.length || only.includes(k.kind)) && inRoleGroup(k.group, ctx.caller));
}

/**
 * What the caller may restore, most recently deleted first: one statement over the deletable tables
 * (each read through its deleted-rows index), keyset-paged by deletion time.
 */
export async function listDeleted(ctx: TenantScope, page: ConnectionArgs, only: DeletedItemKind[] | null): Promise<Connection<DeletedItem>> {
  if (page.last != null || page.before != null) throw StewardError.badInput('last', 'Recently deleted pages forward only: use first and after');
  const { size } = pageSize(page);
  const kinds = visibleKinds(ctx, only);
  const empty = (): Connection<DeletedItem> => ({
    edges: [],
    nodes: [],
    pageInfo: Object.assign(new PageInfo(), { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null }),
    totalCount: Promise.resolve(0),
  });
  if (!kinds.length) return empty();
  const days = await retentionDays(ctx);
  const params: unknown[] = [ctx.caller.tenantId, days];
  const union = kinds
    .map(
      (k) => `SELECT '${k.kind}'::text AS kind, id, name, deleted_at, deleted_by_id FROM ${k.rows} x
              WHERE tenant_id = $1 AND deleted_at IS NOT NULL AND deleted_at > now() - make_interval(days => $2)`,
    )
    .join(' UNION ALL ');
  let cursor = '';
  if (page.after) {
    const [at, id] = decodeCursor(page.after, 'after');
    params.push(at, id);
    cursor = `WHERE (d.deleted_at, d.id) < ($3::timestamptz, $4::uuid)`;
  }
  return withDeleted(ctx, async () => {
    const rows: DeletedRow[] = await ctx.tx.manager.query(
      `SELECT d.* FROM (${union}) d ${cursor} ORDER BY d.deleted_at DESC, d.id DESC LIMIT ${size + 1}`,
      params,
    );
    const counted: { n: string }[] = await ctx.tx.manager.query(`SELECT count(*) AS n FROM (${union}) d`, params.slice(0, 2));
    const items = rows.slice(0, size).map((r) => itemOf(r, days));
    const edges = rows.slice(0, size).map((r, i) => ({ cursor: encodeCursor(new Date(r.deleted_at).toISOString(), r.id), node: items[i] }));
    return {
      edges,
      nodes: items,
      pageInfo: Object.assign(new PageInfo(), {
        hasNextPage: rows.length > size,
        hasPreviousPage: Boolean(page.after),
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      }),
      totalCount: Promise.resolve(Number(counted[0]?.n ?? 0)),
    };
  });
}
