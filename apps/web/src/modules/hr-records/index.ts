import { IconId } from '@tabler/icons-react';
import { lazy } from 'react';
import type { PageModule } from '../../app/page-module';

export const hrRecordsModule: PageModule = {
  path: 'hr-records',
  label: 'HR records',
  description: 'Candidates, employees and performance reviews; personal fields for HR managers',
  icon: IconId,
  capability: 'hr.read',
  nested: true,
  Page: lazy(() => import('./HrRecordsRoutes')),
};
