import { ArrayMaxSize, ArrayMinSize } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { NotificationKind } from './notification.entity';

@InputType({ description: 'Notifications of the caller to mark read' })
export class NotificationMarkReadInput {
  @Field(() => [ID], { description: 'Global ids of the notifications, 1 to 100' }) @ArrayMinSize(1) @ArrayMaxSize(100) notificationIds: string[];
}

@InputType({ description: "The caller's choice for one kind of notification" })
export class NotificationPreferenceInput {
  @Field(() => NotificationKind, { description: 'The kind' }) kind: NotificationKind;
  @Field({ description: 'Write it to the notification centre' }) inApp: boolean;
  @Field({ description: 'Also send it by email' }) email: boolean;
}
