import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { TenantScope } from '../../scope';
import { byKey, groupedByKey } from '../../graphql/loader';
import { WebhookDelivery, WebhookDeliveryAttempt, WebhookEndpoint } from './webhook.entity';

export const endpointById = (ctx: TenantScope) =>
  new DataLoader<string, WebhookEndpoint | null>(async (ids) =>
    byKey(ids, await ctx.tx.manager.findBy(WebhookEndpoint, { uuid: In([...ids]) }), (e) => e.uuid),
  );

export const deliveryById = (ctx: TenantScope) =>
  new DataLoader<string, WebhookDelivery | null>(async (ids) =>
    byKey(ids, await ctx.tx.manager.findBy(WebhookDelivery, { uuid: In([...ids]) }), (d) => d.uuid),
  );

/** Each delivery's attempts, for a page of deliveries in one statement. */
export const attemptsByDelivery = (ctx: TenantScope) =>
  new DataLoader<string, WebhookDeliveryAttempt[]>(async (ids) =>
    groupedByKey(
      ids,
      await ctx.tx.manager.find(WebhookDeliveryAttempt, { where: { deliveryId: In([...ids]) }, order: { attempt: 'ASC' } }),
      (a) => a.deliveryId,
    ),
  );
