import { IconGitBranch } from '@tabler/icons-react';
import { lazy } from 'react';
import type { PageModule } from '../../app/page-module';

export const workflowsModule: PageModule = {
  path: 'workflows',
  label: 'Workflows',
  description: 'Approval, notification, automation and compliance workflows',
  icon: IconGitBranch,
  capability: 'workflows.read',
  nested: true,
  Page: lazy(() => import('./WorkflowsRoutes')),
};
