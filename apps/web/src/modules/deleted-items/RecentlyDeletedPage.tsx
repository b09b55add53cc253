import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Center, Group, Loader, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRestore } from '@tabler/icons-react';
import { useState } from 'react';
import { getFragmentData } from '../../gql';
import { DeletedItemKind } from '../../gql/graphql';
import { PersonalDataActions } from '../personal-data/public';
import { formatDateTime } from '../../ui/dates';
import { runMutation } from '../../ui/errors';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { When } from '../../ui/When';
import { DeletedItemFields, RecentlyDeletedQuery, Restore } from './deleted-item.operations';

const KIND_LABELS: Record<DeletedItemKind, string> = {
  [DeletedItemKind.Agent]: 'Agent',
  [DeletedItemKind.Policy]: 'Policy',
  [DeletedItemKind.Skill]: 'Skill',
  [DeletedItemKind.Budget]: 'Budget',
  [DeletedItemKind.Workflow]: 'Workflow',
  [DeletedItemKind.Member]: 'Member',
};

const REFETCH = ['RecentlyDeleted', 'Agents', 'Policies', 'Skills', 'Budgets', 'Workflows', 'Members'];

/** What the viewer may restore: each deleted agent, policy, skill, budget or workflow, and each removed member, until its plan's retention period ends. */
export default function RecentlyDeletedPage() {
  const { data, loading, error, refetch, fetchMore } = useQuery(RecentlyDeletedQuery, { errorPolicy: 'all', notifyOnNetworkStatusChange: true });
  const [restore, { loading: busy }] = useMutation(Restore, { refetchQueries: REFETCH, awaitRefetchQueries: true });
  const [working, setWorking] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const list = data?.recentlyDeleted;
  const items = (list?.nodes ?? []).map((n) => getFragmentData(DeletedItemFields, n));

  async function onRestore(id: string, name: string) {
    setWorking(id);
    setProblem(null);
    const { problems } = await runMutation(
      () => restore({ variables: { input: { id } }, errorPolicy: 'all' }),
      (d) => d.restore,
    );
    setWorking(null);
    if (problems.length) {
      setProblem(`${name}: ${problems.join(' ')}`);
      return;
    }
    notifications.show({ color: 'teal', title: `${name} restored`, message: 'It is back in its list, as it was.' });
  }

  return (
    <>
      <PageHeader
        title="Recently deleted"
        description="Deleted agents, policies, skills, budgets and workflows, and removed members, you may restore. Each is purged for good when its plan’s retention period ends."
      />
      {error && !list ? <ProblemAlert error={error} onRetry={() => void refetch()} /> : null}
      {problem ? (
        <Alert color="red" role="alert" mb="md" title="Not restored">
          {problem}
        </Alert>
      ) : null}
      {loading && !list ? (
        <Center py="xl" aria-busy="true">
          <Stack align="center" gap="xs">
            <Loader />
            <Text size="sm" c="dimmed">
              Loading what was deleted…
            </Text>
          </Stack>
        </Center>
      ) : null}
      {list && items.length === 0 ? (
        <Text c="dimmed" py="lg">
          Nothing deleted that you could restore.
        </Text>
      ) : null}
      {items.length ? (
        <Table aria-label="Recently deleted">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Deleted</Table.Th>
              <Table.Th>By</Table.Th>
              <Table.Th>Restorable until</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <Table.Tr key={item.id} data-testid={`deleted-${item.name}`}>
                <Table.Td>{item.name}</Table.Td>
                <Table.Td>{KIND_LABELS[item.kind]}</Table.Td>
                <Table.Td>
                  <When at={item.deletedAt} />
                </Table.Td>
                <Table.Td>{item.deletedBy?.fullName ?? '—'}</Table.Td>
                <Table.Td>{formatDateTime(item.restorableUntil)}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button
                      size="xs"
                      variant="default"
                      leftSection={<IconRestore size={14} />}
                      loading={working === item.id}
                      disabled={busy && working !== item.id}
                      onClick={() => void onRestore(item.id, item.name)}
                      aria-label={`Restore ${item.name}`}
                    >
                      Restore
                    </Button>
                    {item.personId ? <PersonalDataActions member={{ userId: item.personId, fullName: item.name, email: null, removed: true }} /> : null}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {list?.pageInfo.hasNextPage ? (
        <Button variant="default" mt="md" onClick={() => void fetchMore({ variables: { after: list.pageInfo.endCursor } })}>
          Show more
        </Button>
      ) : null}
    </>
  );
}
