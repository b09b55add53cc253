import { lazy } from 'react';

/** Every signed-in person's own page (reached from the account menu, not the navigation): two-factor authentication and password. */
export const ACCOUNT_SECURITY_PATH = 'account/security';
export const AccountSecurityPage = lazy(() => import('./AccountSecurityPage'));
