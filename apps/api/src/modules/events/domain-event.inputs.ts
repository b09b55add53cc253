import { ArrayMaxSize } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DomainEventType, type EventTypeName } from './event-types';

@InputType({ description: 'Narrows the event log; every given condition must hold' })
export class DomainEventFilter {
  @Field(() => [DomainEventType], { nullable: true, description: 'Events of any of these types' }) @ArrayMaxSize(50) types?: EventTypeName[];
  @Field(() => ID, { nullable: true, description: 'Global id of the subject: events about this object only' }) subjectId?: string;
  @Field({ nullable: true, description: 'Events at or after this time' }) from?: Date;
  @Field({ nullable: true, description: 'Events before this time' }) to?: Date;
}

@InputType({ description: 'Which live events to receive; every given condition must hold' })
export class DomainEventLiveFilter {
  @Field(() => [DomainEventType], { nullable: true, description: 'Events of any of these types' }) @ArrayMaxSize(50) types?: EventTypeName[];
  @Field(() => ID, { nullable: true, description: 'Global id of the subject: events about this object only' }) subjectId?: string;
}
