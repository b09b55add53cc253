import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Group, Radio, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { MfaRequirement } from '../../gql/graphql';
import { fieldProblems, problemsOf } from '../../ui/errors';
import { ListState } from '../../ui/ListState';
import { MfaRequirementQuery, MfaRequirementSet } from './sso.operations';

const CHOICES: { value: MfaRequirement; label: string; description: string }[] = [
  { value: MfaRequirement.Nobody, label: 'Nobody', description: 'Each member chooses for themselves' },
  { value: MfaRequirement.Admins, label: 'Admins', description: 'Members who can manage the organisation must use it' },
  { value: MfaRequirement.All, label: 'Every member', description: 'Everyone signing in with a password must use it' },
];

/** Who must use two-factor authentication when signing in with a password; SSO sign-ins rely on the identity provider's factors. */
export function MfaRequirementCard() {
  const { data, loading, error, refetch } = useQuery(MfaRequirementQuery, { errorPolicy: 'all' });
  const [save] = useMutation(MfaRequirementSet, { refetchQueries: [MfaRequirementQuery] });
  const [picked, setChoice] = useState<MfaRequirement | null>(null);
  const [messages, setMessages] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const saved = data?.mfaRequirement ?? null;
  const choice = picked ?? saved;

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!choice) return;
    setBusy(true);
    setMessages([]);
    try {
      const { data: sent, error: failed } = await save({ variables: { input: { requirement: choice } }, errorPolicy: 'all' });
      if (sent?.mfaRequirementSet?.requirement) {
        notifications.show({
          color: 'teal',
          title: 'Two-factor requirement saved',
          message: choice === MfaRequirement.Nobody ? 'Members choose for themselves.' : 'Members who must enrol do so at their next sign-in.',
        });
        return;
      }
      const found = fieldProblems(sent?.mfaRequirementSet?.userErrors, failed ? problemsOf(failed) : []);
      setMessages([...Object.values(found.fields), ...found.general]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder padding="lg" maw={720} mt="lg">
      <Stack>
        <div>
          <Title order={2} size="h4">
            Two-factor authentication
          </Title>
          <Text size="sm" c="dimmed">
            Who must give a code from an authenticator app after their password. Members signed in with a password who must now enrol are signed out and enrol
            at their next sign-in. Sign-ins through SSO rely on your identity provider&apos;s own factors.
          </Text>
        </div>
        <ListState loading={loading && !data} error={error} empty={false} emptyTitle="" what="the two-factor requirement" onRetry={() => void refetch()}>
          <form onSubmit={(e) => void submit(e)} noValidate aria-label="Two-factor requirement">
            <Stack>
              <Radio.Group label="Require two-factor authentication of" value={choice ?? ''} onChange={(v) => setChoice(v as MfaRequirement)}>
                <Stack gap="xs" mt="xs">
                  {CHOICES.map((c) => (
                    <Radio key={c.value} value={c.value} label={c.label} description={c.description} />
                  ))}
                </Stack>
              </Radio.Group>
              {messages.length ? (
                <Alert color="red" role="alert">
                  {messages.join(' ')}
                </Alert>
              ) : null}
              <Group justify="flex-end">
                <Button type="submit" loading={busy} disabled={!choice || choice === saved}>
                  Save requirement
                </Button>
              </Group>
            </Stack>
          </form>
        </ListState>
      </Stack>
    </Card>
  );
}
