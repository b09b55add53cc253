import { IconUsers } from '@tabler/icons-react';
import { lazy } from 'react';
import type { PageModule } from '../../app/page-module';

export const membersModule: PageModule = {
  path: 'members',
  label: 'Members',
  description: 'People in this tenant and their roles',
  icon: IconUsers,
  capability: 'members.read',
  Page: lazy(() => import('./MembersPage')),
};
