import { lazy } from 'react';

/** Not a navigation entry: the user menu links to it, for every signed-in user. */
export const AccountPage = lazy(() => import('./AccountPage'));
