import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { StewardContext } from '../../context';
import { byKey } from '../../graphql/loader';
import { Agent } from './agent.entity';

export const agentById = (ctx: StewardContext) =>
  new DataLoader<string, Agent | null>(async (ids) =>
    byKey(ids, await ctx.tx.manager.findBy(Agent, { uuid: In([...ids]) }), (a) => a.uuid));
