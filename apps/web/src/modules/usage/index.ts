import { IconGauge } from '@tabler/icons-react';
import { lazy } from 'react';
import type { PageModule } from '../../app/page-module';

export const usageModule: PageModule = {
  path: 'usage',
  label: 'Plan and usage',
  description: "The tenant's plan, its limits and how much of each is used",
  icon: IconGauge,
  capability: 'tenant.usage',
  Page: lazy(() => import('./UsagePage')),
};
