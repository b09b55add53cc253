import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { TenantScope } from '../../scope';
import { byKey } from '../../graphql/loader';
import { AgentChannel } from './agent-channel.entity';

export const channelById = (ctx: TenantScope) =>
  new DataLoader<string, AgentChannel | null>(async (ids) => byKey(ids, await ctx.tx.manager.findBy(AgentChannel, { uuid: In([...ids]) }), (c) => c.uuid));
