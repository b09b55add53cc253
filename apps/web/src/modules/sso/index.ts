import { IconLogin2 } from '@tabler/icons-react';
import { lazy } from 'react';
import type { PageModule } from '../../app/page-module';

export const ssoModule: PageModule = {
  path: 'single-sign-on',
  label: 'Single sign-on',
  description: "Sign-in through your organisation's identity provider (OpenID Connect)",
  icon: IconLogin2,
  capability: 'sso.manage',
  Page: lazy(() => import('./SsoSettingsPage')),
};
