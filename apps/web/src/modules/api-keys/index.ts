import { IconKey } from '@tabler/icons-react';
import { lazy } from 'react';
import type { PageModule } from '../../app/page-module';

export const apiKeysModule: PageModule = {
  path: 'api-keys',
  label: 'API keys',
  description: 'Credentials for agents and pipelines',
  icon: IconKey,
  capability: 'apiKeys.read',
  Page: lazy(() => import('./ApiKeysPage')),
};
