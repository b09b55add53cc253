import { IconPigMoney } from '@tabler/icons-react';
import { lazy } from 'react';
import type { PageModule } from '../../app/page-module';

export const budgetsModule: PageModule = {
  path: 'budgets',
  label: 'Budgets',
  description: 'Spending limits and their thresholds',
  icon: IconPigMoney,
  capability: 'budgets.read',
  nested: true,
  Page: lazy(() => import('./BudgetsRoutes')),
};
