import { IconChartAreaLine } from '@tabler/icons-react';
import { lazy } from 'react';
import type { PageModule } from '../../app/page-module';

/** For those who answer for spend; others (e.g. from a shared link) see why the page is not theirs. */
export const costsModule: PageModule = {
  path: 'costs',
  label: 'Costs',
  description: 'Spend by provider, agent and category',
  icon: IconChartAreaLine,
  capability: 'costs.readAmounts',
  Page: lazy(() => import('./CostDashboardPage')),
};
