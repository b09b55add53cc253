import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { StewardContext } from '../../context';
import { expectGlobalId } from '../../graphql/global-id';
import { mutate } from '../../graphql/mutation';
import { deliverSession, SessionPayload } from '../sessions';
import {
  MembershipMfaResetInput,
  MfaRequirementSetInput,
  SessionMfaVerifyInput,
  TotpDisableInput,
  TotpEnrolmentConfirmInput,
  TotpEnrolmentStartInput,
} from './mfa.inputs';
import {
  MembershipMfaResetPayload,
  MfaRequirement,
  MfaRequirementSetPayload,
  MfaStatus,
  TotpDisablePayload,
  TotpEnrolmentConfirmPayload,
  TotpEnrolmentStartPayload,
} from './mfa.payloads';
import { resetMemberMfa } from './mfa.member-reset';
import { confirmEnrolment, disable, setTenantRequirement, startEnrolment, statusOf, tenantRequirement, verifySignIn } from './mfa.service';

const INPUT = 'The arguments of the mutation; the input type describes each one';
const noSession = () => ({ accessToken: null, accessTokenExpiresAt: null, refreshToken: null });

@Resolver()
export class MfaResolver {
  @Query(() => MfaStatus, { nullable: true, description: "The signed-in user's two-factor authentication" })
  mfaStatus(@Ctx() ctx: StewardContext): Promise<MfaStatus> {
    return statusOf(ctx);
  }

  @Query(() => MfaRequirement, { nullable: true, description: 'Who in the current tenant must use two-factor authentication' })
  mfaRequirement(@Ctx() ctx: StewardContext): Promise<MfaRequirement> {
    return tenantRequirement(ctx) as Promise<MfaRequirement>;
  }

  @Mutation(() => SessionPayload, { nullable: true, description: 'Completes a password sign-in with a code from the authenticator app or a recovery code' })
  sessionMfaVerify(@Arg('input', { description: INPUT }) input: SessionMfaVerifyInput, @Ctx() ctx: StewardContext): Promise<SessionPayload> {
    return mutate(
      ctx,
      { action: 'session.mfaVerify', entityType: 'User', tenantId: null },
      async () => deliverSession(ctx, await verifySignIn(ctx, input.challengeToken, input.code), input.refreshTokenInBody),
      noSession,
    );
  }

  @Mutation(() => TotpEnrolmentStartPayload, {
    nullable: true,
    description: 'A new authenticator secret (QR code and key) to confirm with totpEnrolmentConfirm',
  })
  totpEnrolmentStart(@Arg('input', { description: INPUT }) input: TotpEnrolmentStartInput, @Ctx() ctx: StewardContext): Promise<TotpEnrolmentStartPayload> {
    return mutate(
      ctx,
      { action: 'user.mfaEnrolmentStart', entityType: 'User', tenantId: null },
      async () => ({ ...(await startEnrolment(ctx, input.challengeToken, input.password)), userErrors: [] }),
      () => ({ secret: null, otpauthUri: null, qrCode: null }),
    );
  }

  @Mutation(() => TotpEnrolmentConfirmPayload, {
    nullable: true,
    description: 'Turns the new authenticator on with its first code; answers with recovery codes, and a session when it completes a sign-in',
  })
  totpEnrolmentConfirm(
    @Arg('input', { description: INPUT }) input: TotpEnrolmentConfirmInput,
    @Ctx() ctx: StewardContext,
  ): Promise<TotpEnrolmentConfirmPayload> {
    return mutate(
      ctx,
      { action: 'user.mfaEnable', entityType: 'User', tenantId: null },
      async () => {
        const done = await confirmEnrolment(ctx, input.challengeToken, input.code);
        const session = done.session ? deliverSession(ctx, done.session, input.refreshTokenInBody) : noSession();
        return {
          recoveryCodes: done.recoveryCodes,
          accessToken: session.accessToken,
          accessTokenExpiresAt: session.accessTokenExpiresAt,
          refreshToken: session.refreshToken,
          userErrors: [],
        };
      },
      () => ({ recoveryCodes: [], ...noSession() }),
    );
  }

  @Mutation(() => TotpDisablePayload, { nullable: true, description: 'Turns two-factor authentication off, with a current code or the password' })
  totpDisable(@Arg('input', { description: INPUT }) input: TotpDisableInput, @Ctx() ctx: StewardContext): Promise<TotpDisablePayload> {
    return mutate(
      ctx,
      { action: 'user.mfaDisable', entityType: 'User', tenantId: null },
      async () => {
        await disable(ctx, input.code, input.password);
        return { disabled: true, userErrors: [] };
      },
      () => ({ disabled: false }),
    );
  }

  @Mutation(() => MfaRequirementSetPayload, { nullable: true, description: 'Sets who in the tenant must use two-factor authentication' })
  mfaRequirementSet(@Arg('input', { description: INPUT }) input: MfaRequirementSetInput, @Ctx() ctx: StewardContext): Promise<MfaRequirementSetPayload> {
    return mutate(
      ctx,
      { action: 'tenant.mfaRequirementSet', entityType: 'Tenant', entityId: ctx.caller.tenantId },
      async () => ({ requirement: (await setTenantRequirement(ctx, input.requirement)) as MfaRequirement, userErrors: [] }),
      () => ({ requirement: null }),
    );
  }

  @Mutation(() => MembershipMfaResetPayload, {
    nullable: true,
    description:
      "Resets another member's second factor (a lost phone): authenticator and recovery codes are cleared, their sessions end, they are mailed; not for your own",
  })
  membershipMfaReset(@Arg('input', { description: INPUT }) input: MembershipMfaResetInput, @Ctx() ctx: StewardContext): Promise<MembershipMfaResetPayload> {
    const id = expectGlobalId(input.membershipId, 'Membership', 'input.membershipId');
    return mutate(
      ctx,
      { action: 'membership.mfaReset', entityType: 'Membership', entityId: id },
      async () => ({ reset: true, ...(await resetMemberMfa(ctx, id)), userErrors: [] }),
      () => ({ reset: false, recoveryCodesCleared: null, sessionsEnded: null }),
    );
  }
}
