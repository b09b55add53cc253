import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { StewardContext } from '../../context';
import { byKey } from '../../graphql/loader';
import { ApiKey } from './api-key.entity';

export const apiKeyById = (ctx: StewardContext) =>
  new DataLoader<string, ApiKey | null>(async (ids) =>
    byKey(ids, await ctx.tx.manager.findBy(ApiKey, { uuid: In([...ids]) }), (k) => k.uuid));
