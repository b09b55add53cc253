import { IconBuildingCommunity } from '@tabler/icons-react';
import { lazy } from 'react';
import type { PageModule } from '../../app/page-module';

export const tenantsModule: PageModule = {
  path: 'tenants',
  label: 'Tenants',
  description: 'Create, limit and suspend tenants',
  icon: IconBuildingCommunity,
  capability: 'tenants.manage',
  Page: lazy(() => import('./TenantsPage')),
};
