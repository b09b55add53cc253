import { IconPuzzle } from '@tabler/icons-react';
import { lazy } from 'react';
import type { PageModule } from '../../app/page-module';

export const skillsModule: PageModule = {
  path: 'skills',
  label: 'Skills',
  description: 'The marketplace of installable skills',
  icon: IconPuzzle,
  capability: 'skills.read',
  nested: true,
  Page: lazy(() => import('./SkillsRoutes')),
};
