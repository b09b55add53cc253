import { Alert, Anchor, Button, Center, Divider, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { isEmail, isNotEmpty, useForm } from '@mantine/form';
import { IconInfoCircle, IconShieldCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { problemsOf, restrictTo } from '../../ui/errors';
import { ColorSchemeToggle } from '../shell/ColorSchemeToggle';
import { MfaSignInStep } from './MfaSignInStep';
import type { MfaPending } from './session';
import { useSession, useSessionState } from './SessionProvider';
import { SsoSignIn } from './SsoSignIn';

/** Only same-app paths: an open redirect through ?next= would hand the session to another site. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  const session = useSession();
  const { status, endedBecause } = useSessionState();
  const [params] = useSearchParams();
  const [general, setGeneral] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<MfaPending | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { email: '', password: '' },
    validate: {
      email: isEmail('Enter the email address you sign in with'),
      password: isNotEmpty('Enter your password'),
    },
  });

  if (status === 'signedIn') return <Navigate to={safeNext(params.get('next'))} replace />;

  const submit = form.onSubmit(async ({ email, password }) => {
    setBusy(true);
    setGeneral([]);
    try {
      const problems = await session.signIn(email.trim(), password);
      if (problems && 'mfaStep' in problems) setPending(problems);
      else if (problems) {
        const placed = restrictTo(problems, ['email', 'password']);
        form.setErrors(placed.fields);
        setGeneral(placed.general);
      }
    } catch (error) {
      setGeneral(problemsOf(error).map((p) => p.message));
    } finally {
      setBusy(false);
    }
  });

  return (
    <Center component="main" mih="100vh" p="md">
      <Stack w={400} maw="100%" gap="lg">
        <Group justify="space-between">
          <Group gap={8}>
            <IconShieldCheck size={32} color="var(--mantine-color-blue-filled)" />
            <Text fz="h2" fw={650}>
              Steward
            </Text>
          </Group>
          <ColorSchemeToggle />
        </Group>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          {pending ? (
            <MfaSignInStep
              pending={pending}
              onRestart={() => {
                setPending(null);
                form.reset();
              }}
            />
          ) : (
            <>
              <form onSubmit={submit} noValidate>
                <Stack>
                  <div>
                    <Title order={1} size="h3">
                      Sign in
                    </Title>
                    <Text size="sm" c="dimmed">
                      Govern your organisation&apos;s AI agents.
                    </Text>
                  </div>
                  {status === 'resuming' ? (
                    <Text size="sm" c="dimmed">
                      Checking for a session…
                    </Text>
                  ) : null}
                  {endedBecause ? (
                    <Alert color="yellow" icon={<IconInfoCircle size={18} />}>
                      {endedBecause}
                    </Alert>
                  ) : null}
                  <TextInput
                    label="Email"
                    type="email"
                    autoComplete="username"
                    required
                    data-autofocus
                    key={form.key('email')}
                    {...form.getInputProps('email')}
                  />
                  <PasswordInput label="Password" autoComplete="current-password" required key={form.key('password')} {...form.getInputProps('password')} />
                  {general.length ? (
                    <Alert color="red" role="alert">
                      {general.join(' ')}
                    </Alert>
                  ) : null}
                  <Button type="submit" loading={busy} fullWidth>
                    Sign in
                  </Button>
                  <Anchor href="/reset-password" size="sm" ta="center">
                    Forgot your password?
                  </Anchor>
                </Stack>
              </form>
              <Divider my="md" label="or" labelPosition="center" />
              <SsoSignIn next={safeNext(params.get('next'))} />
            </>
          )}
        </Paper>
        <Text size="xs" c="dimmed" ta="center">
          Invited to a tenant? Open the link in the invitation email.{' '}
          <Anchor href="/graphql" size="xs">
            API explorer
          </Anchor>
        </Text>
      </Stack>
    </Center>
  );
}
