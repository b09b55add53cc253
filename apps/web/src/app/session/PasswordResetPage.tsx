import { useMutation } from '@apollo/client/react';
import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { isEmail, useForm } from '@mantine/form';
import { useState } from 'react';
import { fieldProblems, messagesOf, problemsOf, restrictTo } from '../../ui/errors';
import { PasswordResetComplete, PasswordResetRequest } from './account.operations';
import { PublicCard, tokenFromLink } from './PublicCard';

/** "Forgot your password?": the address to send a reset link to. */
function RequestReset() {
  const [request] = useMutation(PasswordResetRequest);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [general, setGeneral] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const form = useForm({ mode: 'uncontrolled', initialValues: { email: '' }, validate: { email: isEmail('Enter the email address you sign in with') } });
  const submit = form.onSubmit(async ({ email }) => {
    setBusy(true);
    setGeneral([]);
    try {
      const { data, error } = await request({ variables: { input: { email: email.trim() } }, errorPolicy: 'all' });
      if (data?.passwordResetRequest?.requested) setSentTo(email.trim());
      else setGeneral(messagesOf(data?.passwordResetRequest?.userErrors, error));
    } catch (failed) {
      setGeneral(messagesOf(null, failed));
    } finally {
      setBusy(false);
    }
  });
  if (sentTo) {
    return (
      <PublicCard title="Check your email">
        <Text>If {sentTo} has a Steward account, a link to choose a new password is on its way. It works once, within the hour.</Text>
        <Anchor href="/sign-in">Back to sign-in</Anchor>
      </PublicCard>
    );
  }
  return (
    <PublicCard title="Reset your password">
      <form onSubmit={submit} noValidate aria-label="Ask for a reset link">
        <Stack>
          <Text size="sm" c="dimmed">
            We email you a link to choose a new password.
          </Text>
          <TextInput label="Email" type="email" autoComplete="username" required data-autofocus key={form.key('email')} {...form.getInputProps('email')} />
          {general.length ? (
            <Alert color="red" role="alert">
              {general.join(' ')}
            </Alert>
          ) : null}
          <Button type="submit" loading={busy} fullWidth>
            Email me a reset link
          </Button>
          <Anchor href="/sign-in" size="sm">
            Back to sign-in
          </Anchor>
        </Stack>
      </form>
    </PublicCard>
  );
}

/** The page a reset link leads to: a new password, after which every session of the account has ended. */
function ChooseNewPassword({ token }: { token: string }) {
  const [complete] = useMutation(PasswordResetComplete);
  const [done, setDone] = useState(false);
  const [general, setGeneral] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { password: '', confirm: '' },
    validate: {
      password: (v) => (v.length >= 12 && v.length <= 200 ? null : 'Use 12 to 200 characters'),
      confirm: (v, values) => (v === values.password ? null : 'The passwords differ'),
    },
  });
  const submit = form.onSubmit(async ({ password }) => {
    setBusy(true);
    setGeneral([]);
    try {
      const { data, error } = await complete({ variables: { input: { token, password } }, errorPolicy: 'all' });
      const payload = data?.passwordResetComplete;
      if (payload?.reset) {
        setDone(true);
        return;
      }
      const placed = restrictTo(fieldProblems(payload?.userErrors, error ? problemsOf(error) : []), ['password']);
      form.setErrors(placed.fields);
      setGeneral(placed.general);
    } catch (failed) {
      setGeneral(messagesOf(null, failed));
    } finally {
      setBusy(false);
    }
  });
  if (done) {
    return (
      <PublicCard title="Your password is changed">
        <Text>You were signed out everywhere. Sign in with your new password.</Text>
        <Anchor href="/sign-in">Sign in</Anchor>
      </PublicCard>
    );
  }
  return (
    <PublicCard title="Choose a new password">
      <form onSubmit={submit} noValidate aria-label="Choose a new password">
        <Stack>
          <PasswordInput
            label="New password"
            description="At least 12 characters"
            autoComplete="new-password"
            required
            data-autofocus
            key={form.key('password')}
            {...form.getInputProps('password')}
          />
          <PasswordInput label="New password again" autoComplete="new-password" required key={form.key('confirm')} {...form.getInputProps('confirm')} />
          {general.length ? (
            <Alert color="red" role="alert">
              {general.join(' ')}
            </Alert>
          ) : null}
          <Button type="submit" loading={busy} fullWidth>
            Change password
          </Button>
          {general.length ? <Anchor href="/reset-password">Ask for a new link</Anchor> : null}
        </Stack>
      </form>
    </PublicCard>
  );
}

export function PasswordResetPage() {
  const [token] = useState(tokenFromLink);
  return token ? <ChooseNewPassword token={token} /> : <RequestReset />;
}
