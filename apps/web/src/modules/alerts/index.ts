import { IconBellRinging } from '@tabler/icons-react';
import { lazy } from 'react';
import type { PageModule } from '../../app/page-module';

export const alertsModule: PageModule = {
  path: 'alerts',
  label: 'Alerts',
  description: 'Budget thresholds crossed',
  icon: IconBellRinging,
  capability: 'alerts.read',
  Page: lazy(() => import('./AlertsPage')),
  NavBadge: lazy(() => import('./OpenAlertsCount')),
};
