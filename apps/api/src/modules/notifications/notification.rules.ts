import { anyMember, PermissionMap } from '../../auth/rules';

/** Every member has a notification centre of their own; the service only ever reads and changes the caller's rows. */
export const notificationPermissions: PermissionMap = {
  Query: { notifications: anyMember, notificationUnreadCount: anyMember, notificationPreferences: anyMember },
  Subscription: { notificationUnreadCountChanged: anyMember },
  Mutation: { notificationMarkRead: anyMember, notificationMarkAllRead: anyMember, notificationPreferenceSet: anyMember },
  Notification: { '*': anyMember },
  NotificationConnection: { '*': anyMember },
  NotificationEdge: { '*': anyMember },
  NotificationPreference: { '*': anyMember },
  NotificationMarkReadPayload: { '*': anyMember },
  NotificationPreferencePayload: { '*': anyMember },
};
