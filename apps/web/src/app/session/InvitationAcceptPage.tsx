import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Anchor, Button, Loader, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { fieldProblems, messagesOf, problemsOf, restrictTo } from '../../ui/errors';
import { InvitationAccept, InvitationPreviewQuery } from './account.operations';
import { PublicCard, tokenFromLink } from './PublicCard';
import { useSession } from './SessionProvider';
import { useSsoStart } from './SsoSignIn';

const WHY_NOT: Record<string, string> = {
  ACCEPTED: 'This invitation has already been accepted. Sign in with the invited address instead.',
  REVOKED: 'An admin of the organisation withdrew this invitation. Ask them for a new one.',
  EXPIRED: 'This invitation expired before it was accepted. Ask an admin of the organisation for a new one.',
  UNKNOWN: 'This invitation link is not known. Check that you opened the whole link from the email, or ask for a new invitation.',
};

function day(iso: string): string {
  return new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
}

/** Where an invitation email's link leads: set a name and password (or continue with SSO), join, and sign in. */
export function InvitationAcceptPage() {
  const [token] = useState(tokenFromLink);
  const session = useSession();
  const navigate = useNavigate();
  const ssoStart = useSsoStart();
  const { data, loading, error } = useQuery(InvitationPreviewQuery, { variables: { token }, skip: !token, fetchPolicy: 'network-only' });
  const [accept] = useMutation(InvitationAccept);
  const [general, setGeneral] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [joined, setJoined] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { fullName: '', password: '', confirm: '' },
    validate: {
      fullName: (v) => (preview?.accountExists || preview?.ssoOnly || v.trim() ? null : 'Enter your name'),
      password: (v) => (preview?.accountExists || preview?.ssoOnly || (v.length >= 12 && v.length <= 200) ? null : 'Use 12 to 200 characters'),
      confirm: (v, values) => (preview?.accountExists || preview?.ssoOnly || v === values.password ? null : 'The passwords differ'),
    },
  });
  const preview = data?.invitationPreview;

  const submit = form.onSubmit(async ({ fullName, password }) => {
    if (!preview) return;
    setBusy(true);
    setGeneral([]);
    try {
      const newAccount = !preview.accountExists && !preview.ssoOnly;
      const { data: result, error: failed } = await accept({
        variables: {
          input: {
            token,
            ...(newAccount ? { fullName: fullName.trim(), password } : {}),
            ...(preview.ssoOnly && fullName.trim() ? { fullName: fullName.trim() } : {}),
          },
        },
        errorPolicy: 'all',
      });
      const payload = result?.invitationAccept;
      if (!payload?.accepted) {
        const placed = restrictTo(fieldProblems(payload?.userErrors, failed ? problemsOf(failed) : []), ['fullName', 'password']);
        form.setErrors(placed.fields);
        setGeneral(placed.general.length || Object.keys(placed.fields).length ? placed.general : ['The invitation could not be accepted']);
        return;
      }
      if (payload.ssoOnly && preview.tenantSlug) {
        const problems = await ssoStart(preview.tenantSlug, '/');
        if (problems.length) setGeneral(problems);
        return;
      }
      if (newAccount && payload.email) {
        const problems = await session.signIn(payload.email, password);
        if (!problems) {
          navigate('/', { replace: true });
          return;
        }
      }
      setJoined(payload.tenantName ?? preview.tenantName ?? 'the organisation');
    } catch (failed) {
      setGeneral(messagesOf(null, failed));
    } finally {
      setBusy(false);
    }
  });

  if (!token) {
    return (
      <PublicCard title="Accept an invitation">
        <Alert color="red" role="alert">
          {WHY_NOT.UNKNOWN}
        </Alert>
        <Anchor href="/sign-in">Go to sign-in</Anchor>
      </PublicCard>
    );
  }
  if (loading || (!preview && !error)) {
    return (
      <PublicCard title="Accept an invitation">
        <Stack align="center" aria-busy="true">
          <Loader />
          <Text size="sm" c="dimmed">
            Reading the invitation…
          </Text>
        </Stack>
      </PublicCard>
    );
  }
  if (!preview) {
    return (
      <PublicCard title="Accept an invitation">
        <Alert color="red" role="alert">
          {messagesOf(null, error).join(' ') || 'The invitation could not be read'}
        </Alert>
      </PublicCard>
    );
  }
  if (joined) {
    return (
      <PublicCard title={`You joined ${joined}`}>
        <Text>Sign in with {preview.email} to start.</Text>
        <Anchor href="/sign-in">Sign in</Anchor>
      </PublicCard>
    );
  }
  if (preview.status !== 'PENDING') {
    return (
      <PublicCard title="This invitation cannot be used">
        <Alert color="yellow" role="alert">
          {WHY_NOT[preview.status]}
          {preview.status === 'EXPIRED' && preview.expiresAt ? ` It expired on ${day(preview.expiresAt)}.` : ''}
        </Alert>
        <Anchor href="/sign-in">Go to sign-in</Anchor>
      </PublicCard>
    );
  }
  return (
    <PublicCard title={`Join ${preview.tenantName}`}>
      <Text size="sm">
        You were invited as <strong>{preview.email}</strong>
        {preview.expiresAt ? `; the invitation works until ${day(preview.expiresAt)}` : ''}.
      </Text>
      <form onSubmit={submit} noValidate aria-label="Accept the invitation">
        <Stack>
          {preview.ssoOnly ? (
            <Text size="sm" c="dimmed">
              {preview.tenantName} signs in with single sign-on: you sign in through your organisation&apos;s identity provider, with no Steward password.
            </Text>
          ) : preview.accountExists ? (
            <Text size="sm" c="dimmed">
              You already have a Steward account: accept, then sign in with your password.
            </Text>
          ) : (
            <>
              <TextInput label="Your name" autoComplete="name" required data-autofocus key={form.key('fullName')} {...form.getInputProps('fullName')} />
              <PasswordInput
                label="Password"
                description="At least 12 characters"
                autoComplete="new-password"
                required
                key={form.key('password')}
                {...form.getInputProps('password')}
              />
              <PasswordInput label="Password again" autoComplete="new-password" required key={form.key('confirm')} {...form.getInputProps('confirm')} />
            </>
          )}
          {general.length ? (
            <Alert color="red" role="alert">
              {general.join(' ')}
            </Alert>
          ) : null}
          <Button type="submit" loading={busy} fullWidth>
            {preview.ssoOnly ? 'Accept and continue with SSO' : preview.accountExists ? 'Accept invitation' : 'Create account and join'}
          </Button>
        </Stack>
      </form>
    </PublicCard>
  );
}
