import { ReadModel } from '../../graphql/read-model';
import { WebhookDelivery, WebhookEndpoint } from './webhook.entity';

export const webhookEndpointReads = new ReadModel(WebhookEndpoint, {
  table: 'webhook_endpoints',
  always: ['uuid'],
  needs: { createdBy: ['createdById'] },
});

export const webhookDeliveryReads = new ReadModel(WebhookDelivery, {
  table: 'webhook_deliveries',
  always: ['uuid'],
  needs: { endpoint: ['endpointId'], event: ['eventId'], redeliveryOf: ['redeliveryOfId'], attemptLog: ['uuid'] },
});
