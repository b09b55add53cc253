import { IconGavel } from '@tabler/icons-react';
import { lazy } from 'react';
import type { PageModule } from '../../app/page-module';

export const policiesModule: PageModule = {
  path: 'policies',
  label: 'Policies',
  description: 'Rules agents are governed by',
  icon: IconGavel,
  capability: 'policies.read',
  nested: true,
  Page: lazy(() => import('./PoliciesRoutes')),
};
