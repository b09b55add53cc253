import type { ApolloClient } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { RouterProvider } from 'react-router';
import { createApolloClient } from './apollo/client';
import { LiveConnection } from './apollo/live';
import { LiveProvider } from './apollo/LiveProvider';
import { createRouter } from './router';
import { Session } from './session/session';
import { SessionProvider } from './session/SessionProvider';
import { cssVariablesResolver, theme } from './theme';

/** Nothing from one session may show in the next: the cache goes when the session does. */
function useClearCacheOnSignOut(session: Session, client: ApolloClient) {
  useEffect(
    () =>
      session.subscribe(() => {
        if (session.snapshot.status === 'signedOut') void client.clearStore();
      }),
    [session, client],
  );
}

export function App() {
  const [session] = useState(() => new Session());
  const [live] = useState(() => new LiveConnection(session));
  const [client] = useState(() => createApolloClient(session, undefined, live));
  const [router] = useState(createRouter);
  useClearCacheOnSignOut(session, client);
  useEffect(() => {
    void session.refresh();
  }, [session]);

  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto">
      {/* Bottom left: over neither the page header's actions nor a form's buttons, which sit on the right. */}
      <Notifications position="bottom-left" />
      <SessionProvider session={session}>
        <ApolloProvider client={client}>
          <LiveProvider live={live}>
            <RouterProvider router={router} />
          </LiveProvider>
        </ApolloProvider>
      </SessionProvider>
    </MantineProvider>
  );
}
