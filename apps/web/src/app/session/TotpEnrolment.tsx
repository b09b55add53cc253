import { useMutation } from '@apollo/client/react';
import { Alert, Button, Code, Group, Image, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { fieldProblems, problemsOf } from '../../ui/errors';
import { TotpEnrolmentConfirm, TotpEnrolmentStart } from './mfa.operations';

export interface EnrolmentDone {
  recoveryCodes: string[];
  accessToken: string | null;
  accessTokenExpiresAt: string | null;
}

interface Props {
  /** During a sign-in that must enrol first: its challenge token. Signed-in people leave it out. */
  challengeToken?: string;
  /** Replacing an authenticator that is on needs the account password. */
  password?: string;
  onDone: (done: EnrolmentDone) => void;
  /** The start was refused (e.g. a wrong password): its messages. */
  onRefused?: (messages: string[]) => void;
}

/** Enrols an authenticator app: a new secret as a QR code and as a key to type, confirmed by a first code. */
export function TotpEnrolment({ challengeToken, password, onDone, onRefused }: Props) {
  const [start, started] = useMutation(TotpEnrolmentStart);
  const [confirm] = useMutation(TotpEnrolmentConfirm);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [general, setGeneral] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const asked = useRef(false);

  useEffect(() => {
    // Once per mounting: every start makes a new secret.
    if (asked.current) return;
    asked.current = true;
    void start({ variables: { input: { challengeToken, password } }, errorPolicy: 'all' }).then(({ data, error: failed }) => {
      const payload = data?.totpEnrolmentStart;
      if (payload?.secret) return;
      const placed = fieldProblems(payload?.userErrors, failed ? problemsOf(failed) : []);
      const messages = [...Object.values(placed.fields), ...placed.general];
      setGeneral(messages.length ? messages : ['The authenticator could not be set up; try again']);
      onRefused?.(messages);
    });
  }, [start, challengeToken, password, onRefused]);

  const payload = started.data?.totpEnrolmentStart;
  if (general.length && !payload?.secret) {
    return (
      <Alert color="red" role="alert">
        {general.join(' ')}
      </Alert>
    );
  }
  if (!payload?.secret || !payload.qrCode) {
    return (
      <Group gap="xs" aria-busy="true">
        <Loader size="sm" />
        <Text size="sm">Making a new secret…</Text>
      </Group>
    );
  }

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!/^\d{6}$/.test(code.replace(/\s/g, ''))) {
      setError('Type the six digits the app shows');
      return;
    }
    setBusy(true);
    setError(null);
    setGeneral([]);
    try {
      const { data, error: failed } = await confirm({ variables: { input: { code: code.replace(/\s/g, ''), challengeToken } }, errorPolicy: 'all' });
      const done = data?.totpEnrolmentConfirm;
      if (done?.recoveryCodes.length) {
        onDone({ recoveryCodes: done.recoveryCodes, accessToken: done.accessToken, accessTokenExpiresAt: done.accessTokenExpiresAt });
        return;
      }
      const placed = fieldProblems(done?.userErrors, failed ? problemsOf(failed) : [], ['code']);
      setError(placed.fields.code ?? null);
      setGeneral(placed.general.length || placed.fields.code ? placed.general : ['The code could not be checked; try again']);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Set up an authenticator app">
      <Stack>
        <Text size="sm">1. Scan this QR code with an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password, Authy…).</Text>
        <Image src={payload.qrCode} alt="QR code to scan with your authenticator app" w={220} h={220} radius="sm" bg="white" />
        <Stack gap={4}>
          <Text size="sm">Cannot scan? Type this key into the app instead:</Text>
          <Code fz="md" data-testid="totp-secret" style={{ wordBreak: 'break-all' }}>
            {payload.secret.replace(/(.{4})/g, '$1 ').trim()}
          </Code>
        </Stack>
        <TextInput
          label="2. Code from the app"
          description="The six digits it shows now"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          required
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={error}
        />
        {general.length ? (
          <Alert color="red" role="alert">
            {general.join(' ')}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            Turn on two-factor authentication
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
