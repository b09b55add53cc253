import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { TenantScope } from '../../scope';
import { byKey, groupedByKey } from '../../graphql/loader';
import { AgentChannel } from './agent-channel.entity';
import { ChannelDelivery } from './agent-channel-delivery.entity';

export const channelById = (ctx: TenantScope) =>
  new DataLoader<string, AgentChannel | null>(async (ids) => byKey(ids, await ctx.tx.manager.findBy(AgentChannel, { uuid: In([...ids]) }), (c) => c.uuid));

/** How many of a channel's deliveries its log shows, newest first. */
export const DELIVERY_LOG_SIZE = 20;

/** Each channel's latest deliveries, for a page of channels in one statement. */
export const deliveriesByChannel = (ctx: TenantScope) =>
  new DataLoader<string, ChannelDelivery[]>(async (ids) => {
    const rows: { id: string }[] = await ctx.tx.manager.query(
      `SELECT d.id FROM unnest($1::uuid[]) AS c(id)
       CROSS JOIN LATERAL (SELECT id FROM channel_deliveries WHERE tenant_id = $2 AND channel_id = c.id ORDER BY created_at DESC, id DESC LIMIT $3) d`,
      [[...ids], ctx.caller.tenantId, DELIVERY_LOG_SIZE],
    );
    const deliveries = rows.length
      ? await ctx.tx.manager.find(ChannelDelivery, { where: { uuid: In(rows.map((r) => r.id)) }, order: { createdAt: 'DESC', uuid: 'DESC' } })
      : [];
    return groupedByKey(ids, deliveries, (d) => d.channelId);
  });
