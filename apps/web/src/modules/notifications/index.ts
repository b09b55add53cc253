import { IconBellCog } from '@tabler/icons-react';
import { lazy } from 'react';
import type { PageModule } from '../../app/page-module';

export const notificationPreferencesModule: PageModule = {
  path: 'notification-preferences',
  label: 'Notification settings',
  description: 'Which notifications reach you in the app and by email',
  icon: IconBellCog,
  capability: null,
  Page: lazy(() => import('./NotificationPreferencesPage')),
};
