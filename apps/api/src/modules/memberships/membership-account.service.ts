import type { TenantScope } from '../../scope';
import { StewardError, UserInputProblem } from '../../graphql/errors';
import { loader } from '../../graphql/loader';
import { userById } from '../users';
import { Membership } from './membership.entity';

async function memberOfTenant(ctx: TenantScope, membershipId: string): Promise<{ membership: Membership; email: string | null }> {
  const membership = await ctx.tx.manager.findOneBy(Membership, { uuid: membershipId, tenantId: ctx.caller.tenantId! });
  if (!membership) throw StewardError.notFound('Membership');
  const user = await loader(ctx, userById).load(membership.userId);
  return { membership, email: user?.email ?? null };
}

/** Signs a member out on every device: every session of theirs ends, their access tokens stop working at their next request. */
export async function endMemberSessions(ctx: TenantScope, membershipId: string): Promise<number> {
  const { membership, email } = await memberOfTenant(ctx, membershipId);
  const [{ ended }]: { ended: number }[] = await ctx.tx.manager.query(`SELECT steward.member_sessions_end($1) AS ended`, [membership.userId]);
  await ctx.audit.record({ action: 'membership.sessionsEnd', entityType: 'Membership', entityId: membership.uuid, entityName: email, after: { ended } });
  return ended;
}

/**
 * Deactivates (or reactivates) a member's account: a deactivated account cannot sign in by password or
 * SSO nor refresh, and its sessions end at once. One tenant's admins may not lock a person out of other
 * tenants: an account that belongs elsewhere too is refused (remove the member instead); platform admins may.
 */
export async function setMemberAccountActive(ctx: TenantScope, membershipId: string, active: boolean): Promise<Membership> {
  const { membership, email } = await memberOfTenant(ctx, membershipId);
  if (!active && membership.userId === ctx.caller.userId) throw new UserInputProblem('membershipId', 'You cannot deactivate your own account');
  const [{ outcome }]: { outcome: string }[] = await ctx.tx.manager.query(`SELECT steward.member_account_set_active($1, $2) AS outcome`, [
    membership.userId,
    active,
  ]);
  if (outcome === 'other_tenants')
    throw new UserInputProblem(
      'membershipId',
      `${email ?? 'This member'} also belongs to other tenants, so only a platform admin can ${active ? 'reactivate' : 'deactivate'} the account; remove them from this tenant instead`,
      'CONFLICT',
    );
  loader(ctx, userById).clear(membership.userId);
  await ctx.audit.record({
    action: active ? 'membership.accountReactivate' : 'membership.accountDeactivate',
    entityType: 'Membership',
    entityId: membership.uuid,
    entityName: email,
    before: { isActive: !active },
    after: { isActive: active },
  });
  return membership;
}
