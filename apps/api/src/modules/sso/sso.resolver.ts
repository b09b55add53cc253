import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { StewardContext } from '../../context';
import { mutate } from '../../graphql/mutation';
import { deliverSession, SessionPayload } from '../sessions';
import { SsoConnection } from './sso.entity';
import { SsoConnectionSaveInput, SsoSignInCompleteInput, SsoSignInStartInput } from './sso.inputs';
import { SsoConnectionPayload, SsoSignInStartPayload } from './sso.payloads';
import { completeSignIn, deleteConnection, findConnection, saveConnection, startSignIn } from './sso.service';

const noSession = () => ({ accessToken: null, accessTokenExpiresAt: null, refreshToken: null });

@Resolver(() => SsoConnection)
export class SsoResolver {
  @Query(() => SsoConnection, { nullable: true, description: "The tenant's single sign-on connection; null when none is set up" })
  ssoConnection(@Ctx() ctx: StewardContext): Promise<SsoConnection | null> {
    return findConnection(ctx);
  }

  @Mutation(() => SsoConnectionPayload, { nullable: true, description: "Sets up or changes the tenant's OpenID Connect single sign-on" })
  ssoConnectionSave(
    @Arg('input', { description: 'The fields to set; those left out keep their value' }) input: SsoConnectionSaveInput,
    @Ctx() ctx: StewardContext,
  ) {
    return mutate(
      ctx,
      { action: 'ssoConnection.save', entityType: 'SsoConnection' },
      async () => ({ ssoConnection: await saveConnection(ctx, input), userErrors: [] }),
      () => ({ ssoConnection: null }),
    );
  }

  @Mutation(() => SsoConnectionPayload, { nullable: true, description: "Removes the tenant's single sign-on; members sign in with passwords again" })
  ssoConnectionDelete(@Ctx() ctx: StewardContext) {
    return mutate(
      ctx,
      { action: 'ssoConnection.delete', entityType: 'SsoConnection' },
      async () => ({ ssoConnection: await deleteConnection(ctx), userErrors: [] }),
      () => ({ ssoConnection: null }),
    );
  }

  @Mutation(() => SsoSignInStartPayload, { nullable: true, description: "Starts signing in through a tenant's identity provider: where to send the browser" })
  ssoSignInStart(
    @Arg('input', { description: 'The arguments of the mutation; the input type describes each one' }) input: SsoSignInStartInput,
    @Ctx() ctx: StewardContext,
  ): Promise<SsoSignInStartPayload> {
    return mutate(
      ctx,
      { action: 'sso.start', tenantId: null },
      async () => ({ authorizationUrl: await startSignIn(ctx, input), userErrors: [] }),
      () => ({ authorizationUrl: null }),
    );
  }

  @Mutation(() => SessionPayload, {
    nullable: true,
    description: 'Completes signing in through the identity provider: a session, as sessionCreate gives; people new to the tenant join it',
  })
  ssoSignInComplete(
    @Arg('input', { description: 'The arguments of the mutation; the input type describes each one' }) input: SsoSignInCompleteInput,
    @Ctx() ctx: StewardContext,
  ): Promise<SessionPayload> {
    return mutate(
      ctx,
      { action: 'sso.complete', entityType: 'User', tenantId: null },
      async () => deliverSession(ctx, await completeSignIn(ctx, input), input.refreshTokenInBody),
      noSession,
    );
  }
}
