import { IconCpu } from '@tabler/icons-react';
import { lazy } from 'react';
import type { PageModule } from '../../app/page-module';

export const modelsModule: PageModule = {
  path: 'models',
  label: 'Models',
  description: 'The model registry agents run on',
  icon: IconCpu,
  capability: 'models.read',
  nested: true,
  Page: lazy(() => import('./ModelsRoutes')),
};
