import { IconListCheck } from '@tabler/icons-react';
import { lazy } from 'react';
import type { PageModule } from '../../app/page-module';

export const auditModule: PageModule = {
  path: 'audit',
  label: 'Audit log',
  description: 'Who did what, verified by a hash chain',
  icon: IconListCheck,
  capability: 'audit.read',
  Page: lazy(() => import('./AuditPage')),
};
