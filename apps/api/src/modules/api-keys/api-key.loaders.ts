import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { TenantScope } from '../../scope';
import { byKey } from '../../graphql/loader';
import { ApiKey } from './api-key.entity';

export const apiKeyById = (ctx: TenantScope) =>
  new DataLoader<string, ApiKey | null>(async (ids) => byKey(ids, await ctx.tx.manager.findBy(ApiKey, { uuid: In([...ids]) }), (k) => k.uuid));
