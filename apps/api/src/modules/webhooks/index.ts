import type { StewardModule } from '../module';
import { readById } from '../../graphql/read-model';
import { WebhookDelivery, WebhookDeliveryAttempt, WebhookEndpoint } from './webhook.entity';
import { webhookDeliveryReads, webhookEndpointReads } from './webhook.reads';
import { WebhookDeliveryResolver, WebhookEndpointResolver } from './webhook.resolver';
import { webhookPermissions } from './webhook.rules';

export { attemptDelivery, nextAttemptAfter, RETRY_DELAYS_SECONDS } from './webhook.delivery';
export { isRefusedAddress, resolveTarget, TargetRefused } from './webhook.targets';
export { post, type SendResult } from './webhook.http';
export { signedHeaders } from './webhook.signing';
export { resealWebhookSecrets } from './webhook.secrets';

export const webhooksModule: StewardModule = {
  name: 'webhooks',
  entities: [WebhookEndpoint, WebhookDelivery, WebhookDeliveryAttempt],
  resolvers: [WebhookEndpointResolver, WebhookDeliveryResolver],
  permissions: webhookPermissions,
  nodes: {
    WebhookEndpoint: (ctx, id, selection) => readById(ctx, webhookEndpointReads, selection).load(id),
    WebhookDelivery: (ctx, id, selection) => readById(ctx, webhookDeliveryReads, selection).load(id),
  },
};
