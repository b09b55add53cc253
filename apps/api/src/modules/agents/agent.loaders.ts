import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { TenantScope } from '../../scope';
import { byKey } from '../../graphql/loader';
import { Agent } from './agent.entity';

export const agentById = (ctx: TenantScope) =>
  new DataLoader<string, Agent | null>(async (ids) => byKey(ids, await ctx.tx.manager.findBy(Agent, { uuid: In([...ids]) }), (a) => a.uuid));
