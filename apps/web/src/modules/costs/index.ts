import { IconChartAreaLine } from '@tabler/icons-react';
import { lazy } from 'react';
import type { PageModule } from '../../app/page-module';

/** Open to every role: those without money see why instead of charts (e.g. from a shared link). */
export const costsModule: PageModule = {
  path: 'costs',
  label: 'Costs',
  description: 'Spend by provider, agent and category',
  icon: IconChartAreaLine,
  capability: null,
  Page: lazy(() => import('./CostDashboardPage')),
};
