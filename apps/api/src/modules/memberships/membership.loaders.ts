import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { StewardContext } from '../../context';
import { byKey, groupedByKey } from '../../graphql/loader';
import { Membership } from './membership.entity';

export const membershipById = (ctx: StewardContext) =>
  new DataLoader<string, Membership | null>(async (ids) =>
    byKey(ids, await ctx.tx.manager.findBy(Membership, { uuid: In([...ids]) }), (m) => m.uuid));

/** A user's memberships in the current tenant (RLS shows no other tenant's), oldest first. */
export const membershipsOfUser = (ctx: StewardContext) =>
  new DataLoader<string, Membership[]>(async (userIds) =>
    groupedByKey(userIds, await ctx.tx.manager.find(Membership, { where: { userId: In([...userIds]) }, order: { createdAt: 'ASC' } }), (m) => m.userId));

interface MembershipRow { id: string; tenant_id: string; user_id: string; role: Membership['role']; created_at: Date; updated_at: Date }

/** The signed-in user's own memberships in every tenant, oldest first: one statement, once per request. */
export async function viewerMemberships(ctx: StewardContext): Promise<Membership[]> {
  const rows: MembershipRow[] = await ctx.tx.manager.query(`SELECT * FROM steward.viewer_memberships()`);
  return rows.map((r) => Object.assign(new Membership(), {
    uuid: r.id, tenantId: r.tenant_id, userId: r.user_id, role: r.role, createdAt: r.created_at, updatedAt: r.updated_at,
  }));
}
