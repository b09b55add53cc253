import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { StewardContext } from '../../context';
import { expectGlobalId } from '../../graphql/global-id';
import { mutate } from '../../graphql/mutation';
import { Membership } from './membership.entity';
import { MembershipAccountInput } from './membership.inputs';
import { MembershipAccountPayload, MembershipSessionsEndPayload } from './membership.payloads';
import { endMemberSessions, setMemberAccountActive } from './membership-account.service';

const INPUT = { description: 'The arguments of the mutation; the input type describes each one' };

/** What member managers do to a member's account: sign them out everywhere, deactivate and reactivate it. */
@Resolver(() => Membership)
export class MembershipAccountResolver {
  @Mutation(() => MembershipSessionsEndPayload, { nullable: true, description: 'Signs a member out everywhere: every session of theirs ends at once' })
  membershipSessionsEnd(@Arg('input', INPUT) input: MembershipAccountInput, @Ctx() ctx: StewardContext): Promise<MembershipSessionsEndPayload> {
    const id = expectGlobalId(input.membershipId, 'Membership', 'input.membershipId');
    return mutate(
      ctx,
      { action: 'membership.sessionsEnd', entityType: 'Membership', entityId: id },
      async () => ({ endedCount: await endMemberSessions(ctx, id), userErrors: [] }),
      () => ({ endedCount: null }),
    );
  }

  @Mutation(() => MembershipAccountPayload, {
    nullable: true,
    description: "Deactivates a member's account: it can no longer sign in (password or SSO) or refresh, and its sessions end at once",
  })
  membershipAccountDeactivate(@Arg('input', INPUT) input: MembershipAccountInput, @Ctx() ctx: StewardContext): Promise<MembershipAccountPayload> {
    return this.setActive(ctx, input, false);
  }

  @Mutation(() => MembershipAccountPayload, { nullable: true, description: "Reactivates a member's deactivated account: they can sign in again" })
  membershipAccountReactivate(@Arg('input', INPUT) input: MembershipAccountInput, @Ctx() ctx: StewardContext): Promise<MembershipAccountPayload> {
    return this.setActive(ctx, input, true);
  }

  private setActive(ctx: StewardContext, input: MembershipAccountInput, active: boolean): Promise<MembershipAccountPayload> {
    const id = expectGlobalId(input.membershipId, 'Membership', 'input.membershipId');
    return mutate(
      ctx,
      { action: active ? 'membership.accountReactivate' : 'membership.accountDeactivate', entityType: 'Membership', entityId: id },
      async () => ({ membership: await setMemberAccountActive(ctx, id, active), userErrors: [] }),
      () => ({ membership: null }),
    );
  }
}
