import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { TenantScope } from '../../scope';
import { byKey } from '../../graphql/loader';
import { readList, Selection, SqlParams } from '../../graphql/read-model';
import { Membership } from './membership.entity';
import { membershipReads } from './membership.reads';

export const membershipById = (ctx: TenantScope) =>
  new DataLoader<string, Membership | null>(async (ids) => byKey(ids, await ctx.tx.manager.findBy(Membership, { uuid: In([...ids]) }), (m) => m.uuid));

/**
 * The signed-in user's own memberships in every tenant, oldest first, each with its tenant when
 * selected (as far as row-level security shows it, as the tenant loader would): one statement.
 */
export function viewerMemberships(ctx: TenantScope, selection: Selection): Promise<Membership[]> {
  return readList(
    ctx,
    membershipReads,
    selection,
    { alias: 'm', from: 'steward.viewer_memberships() m', where: [], params: new SqlParams() },
    'm.created_at, m.id',
  );
}

/**
 * Whether each user has a second factor on (never its secrets): one statement for the page, through the owner's
 * steward.member_mfa_state, which answers only for members of this tenant.
 */
export const mfaEnabledByUserId = (ctx: TenantScope) =>
  new DataLoader<string, boolean>(async (userIds) => {
    const rows: { user_id: string; enabled_at: Date | null }[] = await ctx.tx.manager.query(
      `SELECT user_id, enabled_at FROM steward.member_mfa_state($1::uuid[])`,
      [[...userIds]],
    );
    return byKey(userIds, rows, (r) => r.user_id).map((r) => r?.enabled_at != null);
  });
