import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';

export enum NotificationKind {
  APPROVAL_ASSIGNED = 'approval.assigned',
  ALERT_RAISED = 'alert.raised',
  VIOLATION_OPENED = 'violation.opened',
}
registerEnumType(NotificationKind, {
  name: 'NotificationKind',
  description: 'What a notification tells of',
  valuesConfig: {
    APPROVAL_ASSIGNED: { description: 'A step of an approval request opened and you may decide it' },
    ALERT_RAISED: { description: 'An alert about an agent you registered (every alert, for admins, when it is about no agent)' },
    VIOLATION_OPENED: { description: 'A policy violation on an agent you registered' },
  },
});

@ObjectType({ implements: Node, description: 'Something Steward tells one member of; only that member reads it' })
@Entity('notifications')
export class Notification implements Node {
  @PrimaryColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Global id of the notification' })
  get id(): string {
    return toGlobalId('Notification', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Column('uuid') userId: string;
  @Field(() => NotificationKind, { description: 'What it tells of' }) @Column('text') kind: NotificationKind;
  @Field({ description: 'What happened, in words' }) @Column('text') title: string;
  @Field({ description: 'GraphQL type name of what it is about, e.g. ApprovalRequest' }) @Column('text') subjectType: string;
  @Column('uuid', { nullable: true }) subjectId: string | null;

  @Field(() => ID, { nullable: true, description: 'Global id of what it is about (use with node(id:)); it may be gone since' })
  get subjectGlobalId(): string | null {
    return this.subjectId ? toGlobalId(this.subjectType, this.subjectId) : null;
  }

  @Field({ description: 'When it was written (with the change it tells of)' }) @Column('timestamptz') createdAt: Date;
  @Field(() => Date, { nullable: true, description: 'When the member marked it read; null while unread' })
  @Column('timestamptz', { nullable: true })
  readAt: Date | null;
}

@ObjectType({ description: "A member's choice for one kind of notification" })
export class NotificationPreference {
  @Field(() => NotificationKind, { description: 'The kind' }) kind: NotificationKind;
  @Field({ description: 'Whether it is written to the notification centre (default true)' }) inApp: boolean;
  @Field({ description: 'Whether it is also sent by email (default false)' }) email: boolean;
}
