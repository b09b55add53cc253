import { Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { createBrowserRouter, Navigate, type RouteObject, useLocation } from 'react-router';
import { AccountPage } from '../modules/account';
import { ACCOUNT_SECURITY_PATH, AccountSecurityPage } from '../modules/account-security';
import { NotFoundPage } from './NotFoundPage';
import { pageModules } from './modules';
import { EmailVerifyPage } from './session/EmailVerifyPage';
import { InvitationAcceptPage } from './session/InvitationAcceptPage';
import { PasswordResetPage } from './session/PasswordResetPage';
import { SignInPage } from './session/SignInPage';
import { SsoCallbackPage } from './session/SsoCallbackPage';
import { useSessionState } from './session/SessionProvider';
import { RequireCapability } from './shell/RequireCapability';
import { Shell } from './shell/Shell';

/** Pages need a session: while it resumes from the cookie, wait; without one, sign in and come back. */
function RequireSession({ children }: { children: ReactNode }) {
  const { status } = useSessionState();
  const location = useLocation();
  if (status === 'resuming') {
    return (
      <Center h="100vh" aria-busy="true">
        <Loader />
      </Center>
    );
  }
  if (status === 'signedOut') {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}

export const routes: RouteObject[] = [
  { path: '/sign-in', element: <SignInPage /> },
  { path: '/sso/callback', element: <SsoCallbackPage /> },
  { path: '/invitation', element: <InvitationAcceptPage /> },
  { path: '/reset-password', element: <PasswordResetPage /> },
  { path: '/verify-email', element: <EmailVerifyPage /> },
  {
    path: '/',
    element: (
      <RequireSession>
        <Shell />
      </RequireSession>
    ),
    children: [
      ...pageModules.map((m): RouteObject => ({
        ...(m.path === '' ? { index: true } : { path: m.nested ? `${m.path}/*` : m.path }),
        element: (
          <RequireCapability capability={m.capability} page={m.label}>
            <m.Page />
          </RequireCapability>
        ),
      })),
      { path: 'account', element: <AccountPage /> },
      { path: ACCOUNT_SECURITY_PATH, element: <AccountSecurityPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
