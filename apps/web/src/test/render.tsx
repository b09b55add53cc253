import type { ApolloLink } from '@apollo/client';
import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { createCache } from '../app/apollo/cache';
import { Session } from '../app/session/session';
import { SessionProvider } from '../app/session/SessionProvider';
import type { Viewer } from '../app/shell/viewer';
import { ViewerContext } from '../app/shell/viewer';
import { PermissionName, Role } from '../gql/graphql';
import { AssignableRoles } from '../app/held-role';
import { SYSTEM_ROLE_PERMISSIONS } from '../app/access';
import { theme } from '../app/theme';

export function viewerFor(role: Role | null, overrides: Partial<Viewer> = {}): Viewer {
  return {
    __typename: 'Viewer',
    signedIn: true,
    role,
    customRoleName: null,
    isMember: role !== null,
    permissions: role ? [...SYSTEM_ROLE_PERMISSIONS[role]] : [],
    isPlatformAdmin: false,
    user: { __typename: 'User', id: 'VXNlcjox', fullName: 'Ada Admin', email: 'admin@acme.test' },
    tenant: { __typename: 'Tenant', id: 'VGVuYW50OjE=', name: 'Acme Corporation', slug: 'acme', plan: 'ENTERPRISE', status: 'ACTIVE' },
    memberships: [],
    ...overrides,
  };
}

interface Options {
  mocks?: MockLink.MockedResponse[];
  link?: ApolloLink;
  viewer?: Viewer | null;
  route?: string;
  path?: string;
  session?: Session;
}

/** The tenant's custom roles, as role pickers (members, API keys) load them: one, "Agent operator". */
export function rolePickerMocks(): MockLink.MockedResponse[] {
  return [
    {
      request: { query: AssignableRoles },
      result: {
        data: { customRoles: [{ __typename: 'CustomRole', id: 'Q3VzdG9tUm9sZTox', name: 'Agent operator', permissions: [PermissionName.AgentsWrite] }] },
      },
      maxUsageCount: 50,
    },
  ];
}

/** Renders a page as the app would, with a mocked network: theme, router, session, viewer and Apollo. */
export function renderPage(
  ui: ReactNode,
  {
    mocks = [],
    link,
    viewer = viewerFor(Role.Admin),
    route = '/',
    path = '*',
    session = new Session('/graphql', () => Promise.reject(new TypeError('no network in tests'))),
  }: Options = {},
): RenderResult {
  return render(
    <MantineProvider theme={theme} env="test">
      <Notifications />
      <SessionProvider session={session}>
        <MockedProvider mocks={link ? mocks : [...mocks, ...rolePickerMocks()]} link={link} cache={createCache()}>
          <ViewerContext.Provider value={viewer}>
            <RouterProvider router={createMemoryRouter([{ path, element: ui }], { initialEntries: [route] })} />
          </ViewerContext.Provider>
        </MockedProvider>
      </SessionProvider>
    </MantineProvider>,
  );
}
