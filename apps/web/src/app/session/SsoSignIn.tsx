import { useMutation } from '@apollo/client/react';
import { Alert, Button, Collapse, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { IconLogin2 } from '@tabler/icons-react';
import { useState } from 'react';
import { messagesOf, problemsOf } from '../../ui/errors';
import { SsoSignInStart } from './sso.operations';

/** Where the browser keeps the sign-in it started until the provider sends it back (this tab only). */
export const SSO_PENDING = 'steward-sso-sign-in';

export interface PendingSsoSignIn {
  browserKey: string;
  next: string;
}

function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Starts an SSO sign-in to `tenantSlug` and leaves for the identity provider; the messages to show when it could not start.
 * (The invitation accept page continues this way for SSO-only tenants.)
 */
export function useSsoStart(): (tenantSlug: string, next: string) => Promise<string[]> {
  const [start] = useMutation(SsoSignInStart);
  return async (tenantSlug, next) => {
    const browserKey = randomKey();
    try {
      const { data, error } = await start({
        variables: { input: { tenantSlug, redirectUri: `${window.location.origin}/sso/callback`, browserKey } },
        errorPolicy: 'all',
      });
      const payload = data?.ssoSignInStart;
      if (payload?.authorizationUrl) {
        sessionStorage.setItem(SSO_PENDING, JSON.stringify({ browserKey, next } satisfies PendingSsoSignIn));
        window.location.assign(payload.authorizationUrl);
        return [];
      }
      const messages = messagesOf(payload?.userErrors, error);
      return messages.length ? messages : ['Single sign-on could not start'];
    } catch (failed) {
      return problemsOf(failed).map((p) => p.message);
    }
  };
}

/** "Single sign-on (SSO)" (a label without "Sign in", which names the password button): the organisation's slug, then off to its identity provider. */
export function SsoSignIn({ next }: { next: string }) {
  const [opened, { toggle }] = useDisclosure(false);
  const [start] = useMutation(SsoSignInStart);
  const [general, setGeneral] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { tenantSlug: '' },
    validate: { tenantSlug: (v) => (v.trim() ? null : "Enter your organisation's Steward name, e.g. acme") },
  });

  const submit = form.onSubmit(async ({ tenantSlug }) => {
    setBusy(true);
    setGeneral([]);
    const browserKey = randomKey();
    try {
      const { data, error } = await start({
        variables: { input: { tenantSlug: tenantSlug.trim().toLowerCase(), redirectUri: `${window.location.origin}/sso/callback`, browserKey } },
        errorPolicy: 'all',
      });
      const payload = data?.ssoSignInStart;
      if (payload?.authorizationUrl) {
        sessionStorage.setItem(SSO_PENDING, JSON.stringify({ browserKey, next } satisfies PendingSsoSignIn));
        window.location.assign(payload.authorizationUrl);
        return;
      }
      const atSlug = payload?.userErrors.filter((e) => e.field?.at(-1) === 'tenantSlug') ?? [];
      if (atSlug.length) form.setFieldError('tenantSlug', atSlug.map((e) => e.message).join(' '));
      setGeneral(
        messagesOf(
          payload?.userErrors.filter((e) => e.field?.at(-1) !== 'tenantSlug'),
          error,
        ),
      );
      setBusy(false);
    } catch (failed) {
      setGeneral(problemsOf(failed).map((p) => p.message));
      setBusy(false);
    }
  });

  return (
    <Stack gap="xs">
      <Button variant="default" leftSection={<IconLogin2 size={18} />} onClick={toggle} aria-expanded={opened} fullWidth>
        Single sign-on (SSO)
      </Button>
      <Collapse expanded={opened}>
        <form onSubmit={submit} noValidate aria-label="Sign in with SSO">
          <Stack gap="xs" pt="xs">
            <TextInput
              label="Organisation"
              description="Your organisation's name in Steward"
              placeholder="acme"
              key={form.key('tenantSlug')}
              {...form.getInputProps('tenantSlug')}
            />
            {general.length ? (
              <Alert color="red" role="alert">
                {general.join(' ')}
              </Alert>
            ) : null}
            <Button type="submit" loading={busy} fullWidth>
              Continue with SSO
            </Button>
          </Stack>
        </form>
      </Collapse>
    </Stack>
  );
}
