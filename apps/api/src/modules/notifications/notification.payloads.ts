import { Field, Int, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { NotificationPreference } from './notification.entity';

@ObjectType({ description: 'How many notifications were marked read, and how many stay unread' })
export class NotificationMarkReadPayload {
  @Field(() => Int, { nullable: true, description: 'Notifications marked read by this call; null when refused' }) marked: number | null;
  @Field(() => Int, { nullable: true, description: "The caller's unread notifications now; null when refused" }) unreadCount: number | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}

@ObjectType({ description: "The caller's preferences after the change, or why it was refused" })
export class NotificationPreferencePayload {
  @Field(() => [NotificationPreference], { nullable: true, description: 'Every kind with its choice; null when refused' })
  notificationPreferences: NotificationPreference[] | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}
