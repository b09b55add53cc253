import { UserInputProblem, StewardError } from '../../graphql/errors';
import { loader } from '../../graphql/loader';
import type { TenantScope } from '../../scope';
import { appLink, mailHtml, queueMail } from '../mail';
import { Membership } from '../memberships';
import { userById } from '../users';

export interface MemberMfaReset {
  recoveryCodesCleared: number;
  sessionsEnded: number;
}

/**
 * A member manager clears another member's second factor (a lost phone): authenticator, recovery codes and pending
 * sign-ins go, every session of theirs ends, the reset is audited and the member is mailed. Refused on oneself (Account
 * security is the way there, with a code or the password) and on an account that belongs to other tenants too.
 */
export async function resetMemberMfa(ctx: TenantScope, membershipId: string): Promise<MemberMfaReset> {
  const membership = await ctx.tx.manager.findOneBy(Membership, { uuid: membershipId, tenantId: ctx.caller.tenantId! });
  if (!membership) throw StewardError.notFound('Membership');
  if (membership.userId === ctx.caller.userId) {
    throw new UserInputProblem('membershipId', 'Reset your own two-factor authentication from Account security, with a code or your password');
  }
  const user = await loader(ctx, userById).load(membership.userId);
  const who = user?.email ?? 'This member';
  const [row]: { outcome: 'ok' | 'other_tenants' | 'not_enrolled'; recovery_codes: number; sessions_ended: number }[] = await ctx.tx.manager.query(
    `SELECT * FROM steward.member_mfa_reset($1)`,
    [membership.userId],
  );
  if (row.outcome === 'other_tenants') {
    throw new UserInputProblem(
      'membershipId',
      `${who} also belongs to other tenants, whose sign-ins the second factor guards too, so only a platform admin can reset it`,
      'CONFLICT',
    );
  }
  if (row.outcome === 'not_enrolled') throw new UserInputProblem('membershipId', `${who} has no two-factor authentication to reset`);
  const done = { recoveryCodesCleared: row.recovery_codes, sessionsEnded: row.sessions_ended };
  if (user?.email) await queueMail(ctx, await resetMail(ctx, user.email));
  await ctx.audit.record({ action: 'membership.mfaReset', entityType: 'Membership', entityId: membership.uuid, entityName: user?.email, after: done });
  return done;
}

async function resetMail(ctx: TenantScope, email: string) {
  const [names]: { tenant: string; actor: string | null }[] = await ctx.tx.manager.query(
    `SELECT t.name AS tenant, u.full_name AS actor FROM tenants t LEFT JOIN users u ON u.id = $2 WHERE t.id = $1`,
    [ctx.caller.tenantId, ctx.caller.userId],
  );
  const by = names.actor ? `${names.actor}, an admin of ${names.tenant},` : `An admin of ${names.tenant}`;
  const signIn = appLink(ctx.app, '/sign-in');
  const lines = [
    `${by} reset the two-factor authentication of your Steward account: your authenticator app and your recovery codes no longer work, and you were signed out everywhere.`,
    'Sign in with your password; set up a new authenticator under Account security (you are asked to at once where a tenant requires it).',
    `If you did not ask for this, tell the admins of ${names.tenant} and change your password.`,
  ];
  return {
    kind: 'mfa_reset',
    to: email,
    subject: 'Your two-factor authentication on Steward was reset',
    text: `${lines.join('\n\n')}\n\n${signIn}\n`,
    html: mailHtml(lines, { label: 'Sign in', url: signIn }),
  };
}
