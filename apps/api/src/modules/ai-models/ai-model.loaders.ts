import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { StewardContext } from '../../context';
import { byKey } from '../../graphql/loader';
import { AiModel } from './ai-model.entity';

export const aiModelById = (ctx: StewardContext) =>
  new DataLoader<string, AiModel | null>(async (ids) =>
    byKey(ids, await ctx.tx.manager.findBy(AiModel, { uuid: In([...ids]) }), (m) => m.uuid));
