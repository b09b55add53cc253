import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { TenantScope } from '../../scope';
import { byKey } from '../../graphql/loader';
import { Tenant } from './tenant.entity';

export const tenantById = (ctx: TenantScope) =>
  new DataLoader<string, Tenant | null>(async (ids) => byKey(ids, await ctx.tx.manager.findBy(Tenant, { uuid: In([...ids]) }), (t) => t.uuid));
