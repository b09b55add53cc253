import { IconShieldExclamation } from '@tabler/icons-react';
import { lazy } from 'react';
import type { PageModule } from '../../app/page-module';

export const violationsModule: PageModule = {
  path: 'violations',
  label: 'Violations',
  description: 'Broken rules, refused changes and waivers',
  icon: IconShieldExclamation,
  capability: 'violations.read',
  nested: true,
  Page: lazy(() => import('./ViolationsRoutes')),
};
