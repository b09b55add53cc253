import type { TenantScope } from '../../scope';
import { StewardError } from '../../graphql/errors';
import { User } from './user.entity';
import { UserProfileUpdateInput } from './user.inputs';

export async function updateOwnProfile(ctx: TenantScope, input: UserProfileUpdateInput): Promise<User> {
  const userId = ctx.caller.userId;
  if (!userId) throw StewardError.forbidden('Only a signed-in user has a profile');
  const manager = ctx.tx.manager;
  const user = await manager.findOneByOrFail(User, { uuid: userId });
  const before = { fullName: user.fullName, avatarUrl: user.avatarUrl, username: user.username };
  if (input.fullName !== undefined) user.fullName = input.fullName.trim();
  if (input.avatarUrl !== undefined) user.avatarUrl = input.avatarUrl;
  if (input.username !== undefined) user.username = input.username;
  user.updatedAt = new Date();
  user.updatedById = userId;
  await manager.update(
    User,
    { uuid: userId },
    { fullName: user.fullName, avatarUrl: user.avatarUrl, username: user.username, updatedAt: user.updatedAt, updatedById: userId },
  );
  await ctx.audit.record({
    action: 'user.profileUpdate',
    entityType: 'User',
    entityId: userId,
    entityName: user.email,
    before,
    after: { fullName: user.fullName, avatarUrl: user.avatarUrl, username: user.username },
  });
  return user;
}
