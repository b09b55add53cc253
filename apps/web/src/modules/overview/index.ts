import { IconLayoutDashboard } from '@tabler/icons-react';
import { lazy } from 'react';
import type { PageModule } from '../../app/page-module';

export const overviewModule: PageModule = {
  path: '',
  label: 'Overview',
  description: 'Your tenant at a glance',
  icon: IconLayoutDashboard,
  capability: null,
  Page: lazy(() => import('./OverviewPage')),
};
