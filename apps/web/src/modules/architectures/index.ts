import { IconTopologyStar3 } from '@tabler/icons-react';
import { lazy } from 'react';
import type { PageModule } from '../../app/page-module';

export const architecturesModule: PageModule = {
  path: 'architectures',
  label: 'Architectures',
  description: 'Cloud designs, their Terraform, estimates and policies',
  icon: IconTopologyStar3,
  capability: 'architectures.read',
  nested: true,
  Page: lazy(() => import('./ArchitecturesRoutes')),
};
