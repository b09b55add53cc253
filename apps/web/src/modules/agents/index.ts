import { IconRobot } from '@tabler/icons-react';
import { lazy } from 'react';
import type { PageModule } from '../../app/page-module';

export const agentsModule: PageModule = {
  path: 'agents',
  label: 'Agents',
  description: 'Inventory, lifecycle and compliance',
  icon: IconRobot,
  capability: 'agents.read',
  nested: true,
  Page: lazy(() => import('./AgentsRoutes')),
};
