import { IconWebhook } from '@tabler/icons-react';
import { lazy } from 'react';
import type { PageModule } from '../../app/page-module';

export const webhooksModule: PageModule = {
  path: 'webhooks',
  label: 'Webhooks',
  description: "Partner systems that receive the tenant's events, signed, with a delivery log",
  icon: IconWebhook,
  capability: 'webhooks.manage',
  Page: lazy(() => import('./WebhooksPage')),
};
