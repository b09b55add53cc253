import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { StewardContext } from '../../context';
import { byKey, groupedByKey } from '../../graphql/loader';
import { Membership } from './membership.entity';

export const membershipById = (ctx: StewardContext) =>
  new DataLoader<string, Membership | null>(async (ids) =>
    byKey(ids, await ctx.tx.manager.findBy(Membership, { uuid: In([...ids]) }), (m) => m.uuid));

/** A user's memberships that RLS lets the caller see, oldest first. */
export const membershipsOfUser = (ctx: StewardContext) =>
  new DataLoader<string, Membership[]>(async (userIds) =>
    groupedByKey(userIds, await ctx.tx.manager.find(Membership, { where: { userId: In([...userIds]) }, order: { createdAt: 'ASC' } }), (m) => m.userId));
