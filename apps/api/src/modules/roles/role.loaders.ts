import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { byKey } from '../../graphql/loader';
import type { TenantScope } from '../../scope';
import { CustomRole } from './role.entity';
import { holderCounts, RoleHolders } from './role.service';

export const customRoleById = (ctx: TenantScope) =>
  new DataLoader<string, CustomRole | null>(async (ids) => byKey(ids, await ctx.tx.manager.findBy(CustomRole, { uuid: In([...ids]) }), (r) => r.uuid));

/** Members, API keys and pending invitations holding each role, for a list of roles in one statement. */
export const customRoleHolders = (ctx: TenantScope) =>
  new DataLoader<string, RoleHolders>(async (ids) => {
    const counts = await holderCounts(ctx, ids);
    return ids.map((id) => counts.get(id) ?? { members: 0, apiKeys: 0, invitations: 0 });
  });
