import { useMutation, useQuery } from '@apollo/client/react';
import { Badge, Button, Card, Group, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLogout } from '@tabler/icons-react';
import { useState } from 'react';
import { SignInMethod, type SessionsQuery as SessionsData } from '../../gql/graphql';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { runMutation } from '../../ui/errors';
import { ListState } from '../../ui/ListState';
import { ActionsHeader, RowAction } from '../../ui/RowActions';
import { When } from '../../ui/When';
import { SessionEnd, SessionEndOthers, SessionsQuery } from './account.operations';

type Session = NonNullable<SessionsData['sessions']>[number];
type Pending = { kind: 'one'; session: Session } | { kind: 'others' };

/** "My sessions": every device the viewer is signed in on, ended one at a time or all but this one. */
export function SessionsSection() {
  const { data, loading, error, refetch } = useQuery(SessionsQuery, { errorPolicy: 'all', fetchPolicy: 'cache-and-network' });
  const [endOne, endOneState] = useMutation(SessionEnd, { refetchQueries: [SessionsQuery] });
  const [endOthers, endOthersState] = useMutation(SessionEndOthers, { refetchQueries: [SessionsQuery] });
  const [pending, setPending] = useState<Pending | null>(null);
  const [problem, setProblem] = useState<string[] | null>(null);
  const sessions = data?.sessions ?? [];
  const others = sessions.filter((s) => !s.current).length;

  function close() {
    setPending(null);
    setProblem(null);
  }

  async function confirm() {
    if (!pending) return;
    if (pending.kind === 'one') {
      const { problems } = await runMutation(
        () => endOne({ variables: { input: { sessionId: pending.session.id } }, errorPolicy: 'all' }),
        (result) => result.sessionEnd,
      );
      if (problems.length) return setProblem(problems);
      notifications.show({ color: 'teal', title: 'Session ended', message: `${pending.session.device} is signed out.` });
    } else {
      const { payload, problems } = await runMutation(
        () => endOthers({ errorPolicy: 'all' }),
        (result) => result.sessionEndOthers,
      );
      if (problems.length) return setProblem(problems);
      const ended = payload?.endedCount ?? 0;
      notifications.show({ color: 'teal', title: 'Other sessions ended', message: `${ended} other session${ended === 1 ? '' : 's'} signed out.` });
    }
    close();
  }

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="sessions-title">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Stack gap={2}>
          <Title order={2} size="h4" id="sessions-title">
            Sessions
          </Title>
          <Text size="sm" c="dimmed">
            Where you are signed in. End a session you do not recognise.
          </Text>
        </Stack>
        <Button variant="default" leftSection={<IconLogout size={16} />} disabled={others === 0} onClick={() => setPending({ kind: 'others' })}>
          Sign out all other sessions
        </Button>
      </Group>
      <ListState
        loading={loading && !data}
        error={error}
        empty={sessions.length === 0}
        emptyTitle="No sessions"
        what="your sessions"
        onRetry={() => void refetch()}
      >
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" aria-label="Your sessions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Device</Table.Th>
                <Table.Th>IP address</Table.Th>
                <Table.Th>Signed in</Table.Th>
                <Table.Th>Last used</Table.Th>
                <ActionsHeader w={60} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sessions.map((session) => (
                <Table.Tr key={session.id} data-testid="session-row">
                  <Table.Td>
                    <Group gap={6}>
                      <Tooltip label={session.userAgent ?? 'No user agent was sent'} withArrow>
                        <Text size="sm" fw={500} tabIndex={0}>
                          {session.device}
                        </Text>
                      </Tooltip>
                      {session.current ? (
                        <Badge size="xs" variant="outline">
                          this session
                        </Badge>
                      ) : null}
                      <Badge size="xs" variant="light" color="gray">
                        {session.method === SignInMethod.Sso ? 'single sign-on' : 'password'}
                      </Badge>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{session.ip ?? 'unknown'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <When at={session.createdAt} />
                  </Table.Td>
                  <Table.Td>
                    <When at={session.lastUsedAt} />
                  </Table.Td>
                  <Table.Td>
                    <RowAction
                      label="Sign out this session"
                      ariaLabel={`Sign out ${session.device}${session.current ? ' (this session)' : ''}`}
                      icon={<IconLogout size={16} />}
                      danger
                      onClick={() => setPending({ kind: 'one', session })}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </ListState>
      <ConfirmModal
        opened={pending !== null}
        title={pending?.kind === 'others' ? 'Sign out all other sessions' : 'Sign out session'}
        confirmLabel="Sign out"
        busy={endOneState.loading || endOthersState.loading}
        danger
        messages={problem}
        onConfirm={() => void confirm()}
        onClose={close}
      >
        {pending?.kind === 'others' ? (
          <>Sign out every other device ({others})? This session stays signed in.</>
        ) : pending ? (
          <>
            Sign out <b>{pending.session.device}</b>
            {pending.session.current ? ', the session you are using now' : ''}? It must sign in again.
          </>
        ) : null}
      </ConfirmModal>
    </Card>
  );
}
