import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Badge, Button, Card, Group, Modal, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { RecoveryCodes } from '../../app/session/RecoveryCodes';
import { TotpEnrolment } from '../../app/session/TotpEnrolment';
import { fieldProblems, problemsOf } from '../../ui/errors';
import { ListState } from '../../ui/ListState';
import { When } from '../../ui/When';
import { MfaStatusQuery, TotpDisable } from './account-security.operations';

type Mode = { kind: 'idle' } | { kind: 'enrolling'; password?: string } | { kind: 'codes'; codes: string[] };

export function TwoFactorCard() {
  const { data, loading, error, refetch } = useQuery(MfaStatusQuery, { errorPolicy: 'all' });
  const [mode, setMode] = useState<Mode>({ kind: 'idle' });
  const [asking, setAsking] = useState<'replace' | 'disable' | null>(null);
  const status = data?.mfaStatus;

  return (
    <Card withBorder padding="lg">
      <Stack>
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={2} size="h4">
              Two-factor authentication
            </Title>
            <Text size="sm" c="dimmed">
              After your password, Steward asks for a code from an authenticator app on your phone.
            </Text>
          </div>
          {status ? (
            <Badge color={status.enabled ? 'teal' : 'gray'} variant="light" data-testid="mfa-state">
              {status.enabled ? 'On' : 'Off'}
            </Badge>
          ) : null}
        </Group>
        <ListState loading={loading && !data} error={error} empty={false} emptyTitle="" what="your two-factor settings" onRetry={() => void refetch()}>
          {status ? (
            <Stack>
              {status.required ? (
                <Alert color="blue" icon={<IconInfoCircle size={18} />}>
                  Your organisation requires two-factor authentication of you.
                </Alert>
              ) : null}
              {mode.kind === 'codes' ? (
                <>
                  <RecoveryCodes codes={mode.codes} />
                  <Group justify="flex-end">
                    <Button variant="default" onClick={() => setMode({ kind: 'idle' })}>
                      Done
                    </Button>
                  </Group>
                </>
              ) : mode.kind === 'enrolling' ? (
                <>
                  <TotpEnrolment
                    password={mode.password}
                    onDone={(done) => {
                      setMode({ kind: 'codes', codes: done.recoveryCodes });
                      void refetch();
                    }}
                  />
                  <Group justify="flex-end">
                    <Button variant="subtle" onClick={() => setMode({ kind: 'idle' })}>
                      Cancel
                    </Button>
                  </Group>
                </>
              ) : status.enabled ? (
                <>
                  <Text size="sm">
                    On since <When at={status.enabledAt} />; {status.recoveryCodesLeft} of 10 recovery codes left.
                  </Text>
                  <Group>
                    <Button variant="default" onClick={() => setAsking('replace')}>
                      Replace authenticator
                    </Button>
                    {status.required ? null : (
                      <Button variant="light" color="red" onClick={() => setAsking('disable')}>
                        Turn off
                      </Button>
                    )}
                  </Group>
                </>
              ) : (
                <Group>
                  <Button onClick={() => setMode({ kind: 'enrolling' })}>Set up authenticator app</Button>
                </Group>
              )}
            </Stack>
          ) : null}
        </ListState>
      </Stack>
      <ReplaceModal
        opened={asking === 'replace'}
        onClose={() => setAsking(null)}
        onPassword={(password) => {
          setAsking(null);
          setMode({ kind: 'enrolling', password });
        }}
      />
      <DisableModal opened={asking === 'disable'} onClose={() => setAsking(null)} onDisabled={() => void refetch()} />
    </Card>
  );
}

function ReplaceModal({ opened, onClose, onPassword }: { opened: boolean; onClose: () => void; onPassword: (password: string) => void }) {
  const [password, setPassword] = useState('');
  return (
    <Modal opened={opened} onClose={onClose} title="Replace authenticator" centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (password) onPassword(password);
          setPassword('');
        }}
      >
        <Stack>
          <Text size="sm">Confirm with your password. The old authenticator and your old recovery codes stop working once the new one is on.</Text>
          <PasswordInput label="Password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={!password}>
              Continue
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function DisableModal({ opened, onClose, onDisabled }: { opened: boolean; onClose: () => void; onDisabled: () => void }) {
  const [disable] = useMutation(TotpDisable);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [messages, setMessages] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const close = () => {
    setCode('');
    setPassword('');
    setMessages([]);
    onClose();
  };
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setMessages([]);
    try {
      const input = code.trim() ? { code: code.trim() } : { password };
      const { data, error } = await disable({ variables: { input }, errorPolicy: 'all' });
      if (data?.totpDisable?.disabled) {
        notifications.show({ color: 'teal', title: 'Two-factor authentication is off', message: 'Your password alone signs you in now.' });
        onDisabled();
        close();
        return;
      }
      const found = fieldProblems(data?.totpDisable?.userErrors, error ? problemsOf(error) : []);
      setMessages([...Object.values(found.fields), ...found.general]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={close} title="Turn off two-factor authentication" centered>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <Text size="sm">Prove it is you with a current code from the app (or a recovery code), or with your password.</Text>
          <TextInput label="Code" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.currentTarget.value)} />
          <PasswordInput label="Or your password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
          {messages.length ? (
            <Alert color="red" role="alert">
              {messages.join(' ')}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={busy} disabled={!code.trim() && !password}>
              Turn off
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
