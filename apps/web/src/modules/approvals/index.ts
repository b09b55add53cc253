import { IconGavel } from '@tabler/icons-react';
import { lazy } from 'react';
import type { PageModule } from '../../app/page-module';

export const approvalsModule: PageModule = {
  path: 'approvals',
  label: 'Approvals',
  description: 'What waits for your decision, with deadlines',
  icon: IconGavel,
  capability: 'approvals.inbox',
  nested: true,
  Page: lazy(() => import('./ApprovalsRoutes')),
  NavBadge: lazy(() => import('./InboxCount')),
};
