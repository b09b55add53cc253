import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Card, Checkbox, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { NotificationKind } from '../../gql/graphql';
import { runMutation } from '../../ui/errors';
import { ListState } from '../../ui/ListState';
import { PageHeader } from '../../ui/PageHeader';
import { NotificationPreferenceSet, NotificationPreferencesQuery } from './notification-preferences.operations';

/** Every kind, in the order people think of them, with what it means for the reader. */
export const KINDS: { kind: NotificationKind; label: string; help: string }[] = [
  { kind: NotificationKind.ApprovalAssigned, label: 'Approvals waiting for me', help: 'A step of an approval request opened and you may decide it' },
  { kind: NotificationKind.AlertRaised, label: 'Alerts', help: 'An alert about an agent you registered (admins: every alert about no agent)' },
  { kind: NotificationKind.ViolationOpened, label: 'Policy violations', help: 'A policy violation on an agent you registered' },
];

type Channel = 'inApp' | 'email';

/** The member's own choice, per kind of notification, of the notification centre (the bell) and email. */
export default function NotificationPreferencesPage() {
  const { data, loading, error, refetch } = useQuery(NotificationPreferencesQuery, { errorPolicy: 'all' });
  const [set] = useMutation(NotificationPreferenceSet);
  const [saving, setSaving] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const preferences = data?.notificationPreferences ?? [];

  async function change(kind: NotificationKind, channel: Channel, value: boolean) {
    const current = preferences.find((p) => p.kind === kind) ?? { inApp: true, email: false };
    const input = { kind, inApp: current.inApp, email: current.email, [channel]: value };
    setSaving(`${kind}:${channel}`);
    setProblems([]);
    const { problems: found } = await runMutation(
      () =>
        set({
          variables: { input },
          errorPolicy: 'all',
          // Preferences have no id to merge by: the page's list is replaced with the one the change answers.
          update: (cache, { data: changed }) => {
            const next = changed?.notificationPreferenceSet?.notificationPreferences;
            if (next) cache.writeQuery({ query: NotificationPreferencesQuery, data: { notificationPreferences: next } });
          },
        }),
      (d) => d.notificationPreferenceSet,
    );
    setSaving(null);
    if (found.length) return setProblems(found);
    const label = KINDS.find((k) => k.kind === kind)?.label ?? kind;
    notifications.show({ color: 'teal', title: 'Saved', message: `${label}: ${channel === 'inApp' ? 'in the app' : 'by email'} ${value ? 'on' : 'off'}` });
  }

  return (
    <Stack>
      <PageHeader
        title="Notification settings"
        description="Choose, for each kind of notification, whether it shows in the bell and whether it is also emailed to you. These are your own settings: nobody else's change."
      />
      {problems.length ? (
        <Alert color="red" title="Not saved">
          {problems.join(' ')}
        </Alert>
      ) : null}
      <Card withBorder padding="md">
        <ListState
          loading={loading && !data}
          error={error}
          empty={!loading && preferences.length === 0}
          emptyTitle="No notification kinds"
          what="your notification settings"
          onRetry={() => void refetch()}
        >
          <Table verticalSpacing="sm" aria-label="Notification settings">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Notification</Table.Th>
                <Table.Th w={140}>In the app</Table.Th>
                <Table.Th w={140}>By email</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {KINDS.map(({ kind, label, help }) => {
                const p = preferences.find((x) => x.kind === kind);
                if (!p) return null;
                return (
                  <Table.Tr key={kind} data-testid={`preference-${kind}`}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {label}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {help}
                      </Text>
                    </Table.Td>
                    {(['inApp', 'email'] as Channel[]).map((channel) => (
                      <Table.Td key={channel}>
                        <Checkbox
                          checked={p[channel]}
                          disabled={saving === `${kind}:${channel}`}
                          aria-label={`${label} ${channel === 'inApp' ? 'in the app' : 'by email'}`}
                          onChange={(e) => void change(kind, channel, e.currentTarget.checked)}
                        />
                      </Table.Td>
                    ))}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ListState>
      </Card>
    </Stack>
  );
}
