import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { TenantScope } from '../../scope';
import { byKey } from '../../graphql/loader';
import { AiModel } from './ai-model.entity';

export const aiModelById = (ctx: TenantScope) =>
  new DataLoader<string, AiModel | null>(async (ids) => byKey(ids, await ctx.tx.manager.findBy(AiModel, { uuid: In([...ids]) }), (m) => m.uuid));
