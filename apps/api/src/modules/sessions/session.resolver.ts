import type { CookieOptions } from 'express';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { StewardContext } from '../../context';
import { StewardError } from '../../graphql/errors';
import { expectGlobalId } from '../../graphql/global-id';
import { mutate } from '../../graphql/mutation';
import { SessionCreateInput, SessionRefreshInput, SessionRevokeInput, SessionTenantSwitchInput } from './session.inputs';
import { MfaStep, SessionPayload, SessionRevokePayload } from './session.payloads';
import { IssuedSession, MfaChallenge, REFRESH_COOKIE, refresh, revoke, signIn, switchTenant } from './session.service';

function cookieOptions(ctx: StewardContext): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure: ctx.app.config.production, path: '/graphql', maxAge: ctx.app.config.refreshTokenTtlDays * 86400_000 };
}

function cookieToken(ctx: StewardContext): string | null {
  const value = (ctx.req?.cookies as Record<string, string> | undefined)?.[REFRESH_COOKIE];
  return typeof value === 'string' && value.length <= 200 ? value : null;
}

/** Sets the refresh cookie and answers with the tokens; other sign-in methods (SSO) deliver their sessions the same way. */
export function deliverSession(ctx: StewardContext, session: IssuedSession, inBody: boolean): SessionPayload {
  ctx.res?.cookie(REFRESH_COOKIE, session.refreshToken, cookieOptions(ctx));
  return {
    accessToken: session.accessToken,
    accessTokenExpiresAt: session.accessTokenExpiresAt,
    refreshToken: inBody ? session.refreshToken : null,
    userErrors: [],
  };
}

/** The password was right, but the session waits for the second step. */
function challengePayload(challenge: MfaChallenge): SessionPayload {
  return {
    accessToken: null,
    accessTokenExpiresAt: null,
    refreshToken: null,
    mfaStep: challenge.step === 'CODE' ? MfaStep.CODE : MfaStep.ENROL,
    mfaChallengeToken: challenge.token,
    mfaChallengeExpiresAt: challenge.expiresAt,
    userErrors: [],
  };
}

const noSession = () => ({ accessToken: null, accessTokenExpiresAt: null, refreshToken: null });

@Resolver()
export class SessionResolver {
  @Mutation(() => SessionPayload, { nullable: true, description: 'Signs in with email and password' })
  sessionCreate(
    @Arg('input', { description: 'The arguments of the mutation; the input type describes each one' }) input: SessionCreateInput,
    @Ctx() ctx: StewardContext,
  ): Promise<SessionPayload> {
    return mutate(
      ctx,
      { action: 'session.create', entityType: 'User', tenantId: null, actorLabel: input.email.trim().toLowerCase() },
      async () => {
        const outcome = await signIn(ctx, input.email, input.password, input.tenantSlug);
        return 'step' in outcome ? challengePayload(outcome) : deliverSession(ctx, outcome, input.refreshTokenInBody);
      },
      noSession,
    );
  }

  @Mutation(() => SessionPayload, {
    nullable: true,
    description: 'Exchanges a refresh token (or the refresh cookie) for new tokens; each refresh token works once',
  })
  sessionRefresh(
    @Arg('input', { description: 'The arguments of the mutation; the input type describes each one' }) input: SessionRefreshInput,
    @Ctx() ctx: StewardContext,
  ): Promise<SessionPayload> {
    return mutate(
      ctx,
      { action: 'session.refresh', tenantId: null },
      async () => {
        const token = input.refreshToken ?? cookieToken(ctx);
        if (!token) throw StewardError.unauthenticated('No refresh token was given');
        try {
          return deliverSession(ctx, await refresh(ctx, token), input.refreshTokenInBody);
        } catch (error) {
          ctx.res?.clearCookie(REFRESH_COOKIE, { path: '/graphql' });
          throw error;
        }
      },
      noSession,
    );
  }

  @Mutation(() => SessionRevokePayload, { nullable: true, description: 'Signs out: ends the session and every token issued in it' })
  sessionRevoke(
    @Arg('input', { description: 'The arguments of the mutation; the input type describes each one' }) input: SessionRevokeInput,
    @Ctx() ctx: StewardContext,
  ): Promise<SessionRevokePayload> {
    return mutate(
      ctx,
      { action: 'session.revoke', tenantId: null },
      async () => {
        const ok = await revoke(ctx, input.refreshToken ?? cookieToken(ctx));
        ctx.res?.clearCookie(REFRESH_COOKIE, { path: '/graphql' });
        return { ok, userErrors: [] };
      },
      () => ({ ok: false }),
    );
  }

  @Mutation(() => SessionPayload, { nullable: true, description: 'Acts in another tenant the signed-in user belongs to' })
  sessionTenantSwitch(
    @Arg('input', { description: 'The arguments of the mutation; the input type describes each one' }) input: SessionTenantSwitchInput,
    @Ctx() ctx: StewardContext,
  ): Promise<SessionPayload> {
    const tenantId = expectGlobalId(input.tenantId, 'Tenant', 'input.tenantId');
    return mutate(
      ctx,
      { action: 'session.tenantSwitch', entityType: 'Tenant', entityId: tenantId },
      async () => ({ ...(await switchTenant(ctx, tenantId)), refreshToken: null, userErrors: [] }),
      noSession,
    );
  }
}
