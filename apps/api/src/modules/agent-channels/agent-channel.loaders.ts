import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { TenantScope } from '../../scope';
import { byKey, groupedByKey } from '../../graphql/loader';
import { AgentChannel } from './agent-channel.entity';

export const channelById = (ctx: TenantScope) =>
  new DataLoader<string, AgentChannel | null>(async (ids) => byKey(ids, await ctx.tx.manager.findBy(AgentChannel, { uuid: In([...ids]) }), (c) => c.uuid));

/** Every agent's channels, oldest first, in one statement for a whole page of agents. */
export const channelsByAgent = (ctx: TenantScope) =>
  new DataLoader<string, AgentChannel[]>(async (agentIds) => {
    const rows = await ctx.tx.manager.find(AgentChannel, { where: { agentId: In([...agentIds]) }, order: { createdAt: 'ASC', uuid: 'ASC' } });
    return groupedByKey(agentIds, rows, (c) => c.agentId);
  });
