import { Field, ID, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { WebhookDelivery, WebhookEndpoint } from './webhook.entity';

@ObjectType({ description: 'The endpoint after the change, or why it was refused' })
export class WebhookEndpointPayload {
  @Field(() => WebhookEndpoint, { nullable: true, description: 'The endpoint as it is now; null when refused' }) webhookEndpoint: WebhookEndpoint | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}

@ObjectType({ description: 'The endpoint and its signing secret (shown only here, once), or why it was refused' })
export class WebhookEndpointSecretPayload {
  @Field(() => WebhookEndpoint, { nullable: true, description: 'The endpoint; null when refused' }) webhookEndpoint: WebhookEndpoint | null;
  @Field(() => String, { nullable: true, description: 'The signing secret (whsec_…): shown once; verify webhook-signature with it' })
  secret: string | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}

@ObjectType({ description: 'Which endpoint was deleted, or why it was refused' })
export class WebhookEndpointDeletePayload {
  @Field(() => ID, { nullable: true, description: 'Global id of the deleted endpoint; null when refused' }) deletedWebhookEndpointId: string | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}

@ObjectType({ description: 'The delivery queued, or why it was refused' })
export class WebhookDeliveryPayload {
  @Field(() => WebhookDelivery, { nullable: true, description: 'The new delivery, queued to be sent now; null when refused' })
  webhookDelivery: WebhookDelivery | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}
