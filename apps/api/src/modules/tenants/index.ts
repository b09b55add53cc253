import type { StewardModule } from '../module';
import { readById } from '../../graphql/read-model';
import { tenantReads } from './tenant.reads';
import { Tenant } from './tenant.entity';
import { TenantResolver } from './tenant.resolver';
import { SubscriptionResolver, TenantPlanResolver } from './plan.resolver';
import { tenantPermissions } from './tenant.rules';

export { Tenant } from './tenant.entity';
export { tenantById } from './tenant.loaders';
export { tenantReads } from './tenant.reads';
export { PlanFeature, PlanLimit } from './plan.entity';
export { claimCapacity, claimEvents, requireFeature } from './plan.service';
export { usageExportRouter } from './usage-export.router';
export { sweepTrial, trialsDue, TRIAL_WARNING_DAYS } from './trial.service';

export const tenantsModule: StewardModule = {
  name: 'tenants',
  entities: [Tenant],
  resolvers: [TenantResolver, TenantPlanResolver, SubscriptionResolver],
  permissions: tenantPermissions,
  nodes: { Tenant: (ctx, id, selection) => readById(ctx, tenantReads, selection).load(id) },
};
