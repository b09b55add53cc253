import { IconActivity } from '@tabler/icons-react';
import { lazy } from 'react';
import type { PageModule } from '../../app/page-module';

export const analyticsModule: PageModule = {
  path: 'analytics',
  label: 'Analytics events',
  description: 'User actions, system events and AI predictions over time',
  icon: IconActivity,
  capability: 'analytics.read',
  Page: lazy(() => import('./AnalyticsPage')),
};
