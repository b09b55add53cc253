import { useMutation } from '@apollo/client/react';
import { Alert, Anchor, Loader, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { messagesOf } from '../../ui/errors';
import { EmailVerify } from './account.operations';
import { PublicCard, tokenFromLink } from './PublicCard';

/** Where a verification link leads: confirms the address once, then says so. */
export function EmailVerifyPage() {
  const [token] = useState(tokenFromLink);
  const [verify] = useMutation(EmailVerify);
  const [outcome, setOutcome] = useState<{ email: string } | { problems: string[] } | null>(
    token ? null : { problems: ['This link carries no token: open the whole link from the email.'] },
  );
  const started = useRef(false);
  useEffect(() => {
    if (started.current || !token) return;
    started.current = true;
    void verify({ variables: { input: { token } }, errorPolicy: 'all' }).then(({ data, error }) => {
      const payload = data?.emailVerify;
      if (payload?.verified && payload.email) setOutcome({ email: payload.email });
      else setOutcome({ problems: messagesOf(payload?.userErrors, error) });
    });
  }, [token, verify]);
  return (
    <PublicCard title="Confirm your email address">
      {!outcome ? (
        <Stack align="center" aria-busy="true">
          <Loader />
          <Text size="sm" c="dimmed">
            Confirming…
          </Text>
        </Stack>
      ) : 'email' in outcome ? (
        <Text>{outcome.email} is confirmed.</Text>
      ) : (
        <Alert color="red" role="alert">
          {outcome.problems.join(' ') || 'The address could not be confirmed'}
        </Alert>
      )}
      <Anchor href="/">Open Steward</Anchor>
    </PublicCard>
  );
}
