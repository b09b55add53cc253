import { ArrayMaxSize, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DomainEventType, type EventTypeName } from '../events';
import { WebhookDeliveryStatus } from './webhook.entity';

@InputType({ description: 'A new endpoint; its signing secret is made by Steward and shown once' })
export class WebhookEndpointCreateInput {
  @Field({ description: 'https URL that receives the events (http only for hosts the deployment allows)' }) @Length(8, 2000) url: string;
  @Field({ defaultValue: '', description: 'What the endpoint is for (at most 500 characters)' }) @MaxLength(500) description: string;
  @Field(() => [DomainEventType], { defaultValue: [], description: 'The event types to send; empty (the default) sends every type' })
  @ArrayMaxSize(50)
  eventTypes: EventTypeName[];
}

@InputType({ description: 'Only the fields given change' })
export class WebhookEndpointUpdateInput {
  @Field(() => ID, { description: 'The endpoint to change' }) webhookEndpointId: string;
  @Field({ nullable: true, description: 'New URL' }) @Length(8, 2000) url?: string;
  @Field({ nullable: true, description: 'New description' }) @MaxLength(500) description?: string;
  @Field(() => [DomainEventType], { nullable: true, description: 'Replaces the event types; empty sends every type' })
  @ArrayMaxSize(50)
  eventTypes?: EventTypeName[];
}

@InputType({ description: 'Names one endpoint' })
export class WebhookEndpointInput {
  @Field(() => ID, { description: 'The endpoint' }) webhookEndpointId: string;
}

@InputType({ description: 'Names one delivery' })
export class WebhookDeliveryInput {
  @Field(() => ID, { description: 'The delivery' }) webhookDeliveryId: string;
}

@InputType({ description: 'Narrows the delivery log; every given condition must hold' })
export class WebhookDeliveryFilter {
  @Field(() => ID, { nullable: true, description: "One endpoint's deliveries" }) webhookEndpointId?: string;
  @Field(() => [WebhookDeliveryStatus], { nullable: true, description: 'Deliveries in any of these states' }) statuses?: WebhookDeliveryStatus[];
}
