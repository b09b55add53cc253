import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { TenantScope } from '../../scope';
import { byKey } from '../../graphql/loader';
import { User } from './user.entity';

/** Users the caller may see (RLS: themselves and members of the current tenant), by id. */
export const userById = (ctx: TenantScope) =>
  new DataLoader<string, User | null>(async (ids) => byKey(ids, await ctx.tx.manager.findBy(User, { uuid: In([...ids]) }), (u) => u.uuid));
