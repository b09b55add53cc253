import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { TenantScope } from '../../scope';
import { byKey } from '../../graphql/loader';
import { Alert } from './alert.entity';

export const alertById = (ctx: TenantScope) =>
  new DataLoader<string, Alert | null>(async (ids) => byKey(ids, await ctx.tx.manager.findBy(Alert, { uuid: In([...ids]) }), (a) => a.uuid));
