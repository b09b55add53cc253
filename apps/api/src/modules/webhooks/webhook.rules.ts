import { admins } from '../../auth/role-groups';
import { PermissionMap } from '../../auth/rules';

/** Webhooks send the tenant's events out of Steward: admins alone see and run them. */
export const webhookPermissions: PermissionMap = {
  Query: { webhookEndpoints: admins, webhookEndpoint: admins, webhookDeliveries: admins },
  WebhookEndpoint: { '*': admins },
  WebhookEndpointConnection: { '*': admins },
  WebhookEndpointEdge: { '*': admins },
  WebhookDelivery: { '*': admins },
  WebhookDeliveryConnection: { '*': admins },
  WebhookDeliveryEdge: { '*': admins },
  WebhookDeliveryAttempt: { '*': admins },
  Mutation: {
    webhookEndpointCreate: admins,
    webhookEndpointUpdate: admins,
    webhookEndpointActivate: admins,
    webhookEndpointDeactivate: admins,
    webhookEndpointDelete: admins,
    webhookEndpointSecretRotate: admins,
    webhookEndpointTest: admins,
    webhookDeliveryRedeliver: admins,
  },
  WebhookEndpointPayload: { '*': admins },
  WebhookEndpointSecretPayload: { '*': admins },
  WebhookEndpointDeletePayload: { '*': admins },
  WebhookDeliveryPayload: { '*': admins },
};
