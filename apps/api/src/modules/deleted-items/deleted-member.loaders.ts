import DataLoader from 'dataloader';
import { byKey } from '../../graphql/loader';
import type { TenantScope } from '../../scope';

/** The person each removed membership (by its id) belonged to, one query per request. */
export const removedMemberPerson = (ctx: TenantScope) =>
  new DataLoader<string, string | null>(async (ids) => {
    const rows: { id: string; user_id: string }[] = await ctx.tx.manager.query(
      `SELECT id, user_id FROM deleted_memberships WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [ctx.caller.tenantId, [...ids]],
    );
    return byKey(ids, rows, (r) => r.id).map((r) => r?.user_id ?? null);
  });
