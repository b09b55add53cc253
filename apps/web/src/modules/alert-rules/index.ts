import { IconBellCog } from '@tabler/icons-react';
import { lazy } from 'react';
import type { PageModule } from '../../app/page-module';

export const alertRulesModule: PageModule = {
  path: 'alert-rules',
  label: 'Alert rules',
  description: 'CEL conditions over agent metrics that raise alerts',
  icon: IconBellCog,
  capability: 'alertRules.read',
  Page: lazy(() => import('./AlertRulesPage')),
};
