import { IconTrash } from '@tabler/icons-react';
import { lazy } from 'react';
import type { PageModule } from '../../app/page-module';

export const deletedItemsModule: PageModule = {
  path: 'recently-deleted',
  label: 'Recently deleted',
  description: 'Restore what was deleted, until its plan’s retention period ends',
  icon: IconTrash,
  capability: 'deleted.restore',
  Page: lazy(() => import('./RecentlyDeletedPage')),
};
