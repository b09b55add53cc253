import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { problemsOf } from '../../ui/errors';
import { RecoveryCodes } from './RecoveryCodes';
import type { MfaPending } from './session';
import { useSession } from './SessionProvider';
import { type EnrolmentDone, TotpEnrolment } from './TotpEnrolment';

/** The second step of a password sign-in: a code from the authenticator app, or enrolling one the tenant requires. */
export function MfaSignInStep({ pending, onRestart }: { pending: MfaPending; onRestart: () => void }) {
  return pending.mfaStep === 'CODE' ? (
    <CodeStep challengeToken={pending.challengeToken} onRestart={onRestart} />
  ) : (
    <EnrolStep challengeToken={pending.challengeToken} onRestart={onRestart} />
  );
}

function CodeStep({ challengeToken, onRestart }: { challengeToken: string; onRestart: () => void }) {
  const session = useSession();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [general, setGeneral] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!code.trim()) {
      setError('Type the code from your authenticator app, or a recovery code');
      return;
    }
    setBusy(true);
    setError(null);
    setGeneral([]);
    try {
      const problems = await session.verifyMfa(challengeToken, code.trim());
      if (problems) {
        setError(problems.fields.code ?? null);
        setGeneral([...(problems.fields.challengeToken ? [problems.fields.challengeToken] : []), ...problems.general]);
      }
    } catch (failed) {
      setGeneral(problemsOf(failed).map((p) => p.message));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <div>
          <Title order={1} size="h3">
            Two-factor authentication
          </Title>
          <Text size="sm" c="dimmed">
            Open your authenticator app and type the code it shows for Steward.
          </Text>
        </div>
        <TextInput
          label="Authentication code"
          description="Six digits, or one of your recovery codes"
          autoComplete="one-time-code"
          required
          data-autofocus
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={error}
        />
        {general.length ? (
          <Alert color="red" role="alert">
            {general.join(' ')}
          </Alert>
        ) : null}
        <Button type="submit" loading={busy} fullWidth>
          Verify
        </Button>
        <Anchor component="button" type="button" size="sm" ta="center" onClick={onRestart}>
          Sign in as someone else
        </Anchor>
      </Stack>
    </form>
  );
}

function EnrolStep({ challengeToken, onRestart }: { challengeToken: string; onRestart: () => void }) {
  const session = useSession();
  const [done, setDone] = useState<EnrolmentDone | null>(null);
  return (
    <Stack>
      <div>
        <Title order={1} size="h3">
          Set up two-factor authentication
        </Title>
        <Text size="sm" c="dimmed">
          Your organisation requires a second factor. Set up an authenticator app to finish signing in.
        </Text>
      </div>
      {done ? (
        <>
          <RecoveryCodes codes={done.recoveryCodes} />
          <Button fullWidth onClick={() => done.accessToken && session.adopt(done.accessToken, done.accessTokenExpiresAt)}>
            I have saved my codes: continue
          </Button>
        </>
      ) : (
        <>
          <TotpEnrolment challengeToken={challengeToken} onDone={setDone} />
          <Anchor component="button" type="button" size="sm" ta="center" onClick={onRestart}>
            Sign in as someone else
          </Anchor>
        </>
      )}
    </Stack>
  );
}
