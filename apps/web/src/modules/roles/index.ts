import { IconShieldLock } from '@tabler/icons-react';
import { lazy } from 'react';
import type { PageModule } from '../../app/page-module';

export const rolesModule: PageModule = {
  path: 'roles',
  label: 'Roles',
  description: 'What each role may do, and the tenant’s own roles made from permissions',
  icon: IconShieldLock,
  capability: 'roles.read',
  Page: lazy(() => import('./RolesPage')),
};
