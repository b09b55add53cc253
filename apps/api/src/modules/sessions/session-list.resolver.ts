import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { StewardContext } from '../../context';
import { expectGlobalId, toGlobalId } from '../../graphql/global-id';
import { mutate } from '../../graphql/mutation';
import { SessionEndInput } from './session.inputs';
import { SessionEndOthersPayload, SessionEndPayload } from './session.payloads';
import { endOtherSessions, endOwnSession, listOwnSessions } from './session.lifecycle';
import { Session } from './session.type';

/** "My sessions": where the signed-in user is signed in, and ending them. */
@Resolver(() => Session)
export class OwnSessionResolver {
  @Query(() => [Session], { nullable: true, description: "The signed-in user's live sessions, most recently used first" })
  sessions(@Ctx() ctx: StewardContext): Promise<Session[]> {
    return listOwnSessions(ctx);
  }

  @Mutation(() => SessionEndPayload, { nullable: true, description: 'Ends one of your sessions (signs that device out)' })
  sessionEnd(
    @Arg('input', { description: 'The arguments of the mutation; the input type describes each one' }) input: SessionEndInput,
    @Ctx() ctx: StewardContext,
  ): Promise<SessionEndPayload> {
    const familyId = expectGlobalId(input.sessionId, 'Session', 'input.sessionId');
    return mutate(
      ctx,
      { action: 'session.end', entityType: 'User', entityId: ctx.caller.userId },
      async () => {
        await endOwnSession(ctx, familyId);
        return { endedSessionId: toGlobalId('Session', familyId), userErrors: [] };
      },
      () => ({ endedSessionId: null }),
    );
  }

  @Mutation(() => SessionEndOthersPayload, { nullable: true, description: 'Ends every one of your sessions except the one making this request' })
  sessionEndOthers(@Ctx() ctx: StewardContext): Promise<SessionEndOthersPayload> {
    return mutate(
      ctx,
      { action: 'session.endOthers', entityType: 'User', entityId: ctx.caller.userId },
      async () => ({ endedCount: await endOtherSessions(ctx), userErrors: [] }),
      () => ({ endedCount: null }),
    );
  }
}
