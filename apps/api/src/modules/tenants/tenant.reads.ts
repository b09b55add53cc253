import { ReadModel } from '../../graphql/read-model';
import { Tenant } from './tenant.entity';

export const tenantReads = new ReadModel(Tenant, {
  table: 'tenants',
  always: ['uuid'],
  needs: { planDetails: ['plan'], features: ['plan'], usage: ['plan', 'resourceLimits'] },
});
