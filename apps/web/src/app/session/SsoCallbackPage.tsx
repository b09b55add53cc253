import { useMutation } from '@apollo/client/react';
import { Alert, Anchor, Center, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { messagesOf } from '../../ui/errors';
import { useSession } from './SessionProvider';
import { SSO_PENDING, type PendingSsoSignIn } from './SsoSignIn';
import { SsoSignInComplete } from './sso.operations';

function pending(): PendingSsoSignIn | null {
  try {
    const value = JSON.parse(sessionStorage.getItem(SSO_PENDING) ?? 'null') as PendingSsoSignIn | null;
    return value && typeof value.browserKey === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** Only same-app paths: an open redirect through the stored "next" would hand the session to another site. */
function safeNext(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** Where the identity provider sends the browser back: completes the sign-in, then opens the app. */
export function SsoCallbackPage() {
  const session = useSession();
  const navigate = useNavigate();
  const [complete] = useMutation(SsoSignInComplete);
  // Read once: the sign-in this tab started, if any.
  const [signIn] = useState(pending);
  const [problems, setProblems] = useState<string[]>(() =>
    signIn ? [] : ['This sign-in was not started in this browser tab. Start it again from the sign-in page.'],
  );
  const started = useRef(false);

  useEffect(() => {
    if (started.current || !signIn) return;
    started.current = true;
    sessionStorage.removeItem(SSO_PENDING);
    void (async () => {
      const { data, error } = await complete({
        variables: { input: { callbackUrl: window.location.href, browserKey: signIn.browserKey } },
        errorPolicy: 'all',
      });
      const payload = data?.ssoSignInComplete;
      if (payload?.accessTokenExpiresAt && !payload.userErrors.length) {
        // The API set the refresh cookie: the session resumes from it as on a page load.
        if (await session.refresh()) {
          navigate(safeNext(signIn.next), { replace: true });
          return;
        }
      }
      const messages = messagesOf(payload?.userErrors, error);
      setProblems(messages.length ? messages : ['The sign-in did not complete. Start it again from the sign-in page.']);
    })();
  }, [complete, navigate, session, signIn]);

  return (
    <Center component="main" mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" radius="md" w={420} maw="100%">
        <Stack>
          <Title order={1} size="h3">
            Signing in with SSO
          </Title>
          {problems.length ? (
            <>
              <Alert color="red" role="alert">
                {problems.join(' ')}
              </Alert>
              <Anchor href="/sign-in">Back to sign-in</Anchor>
            </>
          ) : (
            <Stack align="center" gap="xs" aria-busy="true">
              <Loader />
              <Text size="sm" c="dimmed">
                Checking the sign-in with your organisation&apos;s identity provider…
              </Text>
            </Stack>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}
