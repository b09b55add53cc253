import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Info, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { StewardContext } from '../../context';
import { Connection, ConnectionArgs, connectionType } from '../../graphql/connection';
import { mutate } from '../../graphql/mutation';
import { Selection } from '../../graphql/read-model';
import { liveStream } from '../events';
import { Notification, NotificationPreference } from './notification.entity';
import { NotificationMarkReadInput, NotificationPreferenceInput } from './notification.inputs';
import { NotificationMarkReadPayload, NotificationPreferencePayload } from './notification.payloads';
import { listNotifications, markRead, NOTIFYING_EVENTS, preferences, setPreference, unreadCount } from './notification.service';

export const NotificationConnection = connectionType(Notification, 'Notification');

@Resolver(() => Notification)
export class NotificationResolver {
  @Query(() => NotificationConnection, { nullable: true, description: "The caller's notifications, newest first" })
  notifications(
    @Args() page: ConnectionArgs,
    @Arg('unreadOnly', { defaultValue: false, description: 'Only those not marked read' }) unreadOnly: boolean,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<Notification>> {
    return listNotifications(ctx, page, unreadOnly, Selection.of(info, true));
  }

  @Query(() => Int, { nullable: true, description: "How many of the caller's notifications are unread, for the bell" })
  notificationUnreadCount(@Ctx() ctx: StewardContext): Promise<number> {
    return unreadCount(ctx);
  }

  @Query(() => [NotificationPreference], { nullable: true, description: "The caller's choice for every kind of notification" })
  notificationPreferences(@Ctx() ctx: StewardContext): Promise<NotificationPreference[]> {
    return preferences(ctx);
  }

  @Subscription(() => Int, {
    nullable: true,
    description: "The caller's unread count each time an event that may have notified them commits (when it changed); over WebSocket only",
    subscribe: ({ context }) => {
      let last: number | null = null;
      return liveStream(context, {
        accept: (e) => NOTIFYING_EVENTS.has(e.type),
        // Counted once per batch of events, not once per event.
        latestOnly: true,
        load: async (scope) => {
          const count = await unreadCount(scope);
          if (count === last) return null;
          last = count;
          return count;
        },
      });
    },
  })
  notificationUnreadCountChanged(@Root() count: number): number {
    return count;
  }

  @Mutation(() => NotificationMarkReadPayload, { nullable: true, description: "Marks some of the caller's notifications read" })
  notificationMarkRead(
    @Arg('input', { description: 'The notifications' }) input: NotificationMarkReadInput,
    @Ctx() ctx: StewardContext,
  ): Promise<NotificationMarkReadPayload> {
    return mutate(
      ctx,
      { action: 'notification.markRead', entityType: 'Notification' },
      async () => ({ ...(await markRead(ctx, input.notificationIds)), userErrors: [] }),
      () => ({ marked: null, unreadCount: null }),
    );
  }

  @Mutation(() => NotificationMarkReadPayload, { nullable: true, description: "Marks every unread notification of the caller's read" })
  notificationMarkAllRead(@Ctx() ctx: StewardContext): Promise<NotificationMarkReadPayload> {
    return mutate(
      ctx,
      { action: 'notification.markAllRead', entityType: 'Notification' },
      async () => ({ ...(await markRead(ctx, null)), userErrors: [] }),
      () => ({ marked: null, unreadCount: null }),
    );
  }

  @Mutation(() => NotificationPreferencePayload, {
    nullable: true,
    description: 'Sets whether one kind of notification reaches the caller in the app and by email',
  })
  notificationPreferenceSet(
    @Arg('input', { description: 'The kind and the choice' }) input: NotificationPreferenceInput,
    @Ctx() ctx: StewardContext,
  ): Promise<NotificationPreferencePayload> {
    return mutate(
      ctx,
      { action: 'notificationPreference.set', entityType: 'User' },
      async () => ({ notificationPreferences: await setPreference(ctx, input.kind, input.inApp, input.email), userErrors: [] }),
      () => ({ notificationPreferences: null }),
    );
  }
}
