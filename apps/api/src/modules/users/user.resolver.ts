import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Mutation, Resolver, Root } from 'type-graphql';
import { readByParentFor } from '../../graphql/read-model';
import type { StewardContext } from '../../context';
import { mutate } from '../../graphql/mutation';
import { Membership, membershipReads } from '../memberships';
import { User } from './user.entity';
import { UserProfileUpdateInput } from './user.inputs';
import { UserProfileUpdatePayload } from './user.payloads';
import { updateOwnProfile } from './user.service';

@Resolver(() => User)
export class UserResolver {
  @FieldResolver(() => [Membership], { description: "The user's memberships in the current tenant; viewer.memberships lists one's own in every tenant" })
  memberships(@Root() user: User, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<Membership[]> {
    return readByParentFor(ctx, membershipReads, info, 'userId', 'r.created_at, r.id').load(user.uuid);
  }

  @Mutation(() => UserProfileUpdatePayload, { nullable: true, description: "Changes the signed-in user's own name or picture" })
  userProfileUpdate(
    @Arg('input', { description: 'The arguments of the mutation; the input type describes each one' }) input: UserProfileUpdateInput,
    @Ctx() ctx: StewardContext,
  ): Promise<UserProfileUpdatePayload> {
    return mutate(
      ctx,
      { action: 'user.profileUpdate', entityType: 'User', entityId: ctx.caller.userId },
      async () => ({ user: await updateOwnProfile(ctx, input), userErrors: [] }),
      () => ({ user: null }),
    );
  }
}
