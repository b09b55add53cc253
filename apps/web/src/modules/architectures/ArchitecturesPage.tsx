import { useMutation, useQuery } from '@apollo/client/react';
import { Anchor, Badge, Button, Card, Modal, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { allowed } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
import { ArchitectureEnvironment, CloudProvider } from '../../gql/graphql';
import { WHOLE } from '../../ui/badges';
import { runMutation } from '../../ui/errors';
import { ListState } from '../../ui/ListState';
import { LoadMore } from '../../ui/LoadMore';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { TableSkeleton } from '../../ui/TableSkeleton';
import { ArchitectureCatalogueQuery, ArchitectureCreate, ArchitecturesQuery } from './architecture.operations';
import { ENVIRONMENT_LABEL, money, PROVIDER_LABEL, STATUS_COLOR, STATUS_LABEL } from './labels';

function CreateModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const navigate = useNavigate();
  const catalogue = useQuery(ArchitectureCatalogueQuery, { skip: !opened });
  const [create, state] = useMutation(ArchitectureCreate);
  const [name, setName] = useState('');
  const [provider, setProvider] = useState<CloudProvider>(CloudProvider.Aws);
  const [region, setRegion] = useState<string | null>('us-east-1');
  const [environment, setEnvironment] = useState<ArchitectureEnvironment>(ArchitectureEnvironment.Dev);
  const [problems, setProblems] = useState<string[]>([]);
  const regions = (catalogue.data?.architectureCatalogue?.regions ?? [])
    .filter((r) => provider === CloudProvider.MultiCloud || r.provider === provider.toLowerCase())
    .flatMap((r) => r.regions);

  async function submit() {
    const { payload, problems } = await runMutation(
      () => create({ variables: { input: { name, cloudProvider: provider, region: region ?? '', environment, services: [] } }, errorPolicy: 'all' }),
      (data) => data.architectureCreate,
    );
    if (problems.length || !payload?.architecture) return setProblems(problems);
    onClose();
    void navigate(`/architectures/${encodeURIComponent(payload.architecture.id)}`);
  }

  return (
    <Modal opened={opened} onClose={onClose} title="New architecture" centered>
      <Stack>
        <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} data-autofocus />
        <Select
          label="Cloud provider"
          data={Object.values(CloudProvider).map((p) => ({ value: p, label: PROVIDER_LABEL[p] }))}
          value={provider}
          allowDeselect={false}
          onChange={(v) => {
            setProvider(v as CloudProvider);
            setRegion(null);
          }}
        />
        <Select label="Region" data={regions} value={region} onChange={setRegion} placeholder="Choose a region" allowDeselect={false} />
        <Select
          label="Environment"
          data={Object.values(ArchitectureEnvironment).map((e) => ({ value: e, label: ENVIRONMENT_LABEL[e] }))}
          value={environment}
          allowDeselect={false}
          onChange={(v) => setEnvironment(v as ArchitectureEnvironment)}
        />
        {problems.length ? (
          <Text c="red" size="sm" role="alert">
            {problems.join(' ')}
          </Text>
        ) : null}
        <Button onClick={() => void submit()} loading={state.loading} disabled={!name.trim() || !region}>
          Create draft
        </Button>
      </Stack>
    </Modal>
  );
}

export default function ArchitecturesPage() {
  const viewer = useViewer();
  const withMoney = allowed(viewer, 'costs.readAmounts');
  const manage = allowed(viewer, 'architectures.manage');
  const [creating, setCreating] = useState(false);
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(ArchitecturesQuery, {
    variables: { first: 50, withMoney },
    errorPolicy: 'all',
    notifyOnNetworkStatusChange: true,
  });
  const connection = (data ?? previousData)?.architectures;
  const rows = connection?.nodes ?? [];
  return (
    <>
      <PageHeader
        title="Architectures"
        description="Cloud designs for agents: services on a canvas, Terraform generated from them, monthly estimates, and the policies that judge them."
        actions={
          manage ? (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)}>
              New architecture
            </Button>
          ) : null
        }
      />
      <Card withBorder padding="md">
        {loading && !connection ? (
          <TableSkeleton label="Loading architectures" />
        ) : (
          <ListState
            loading={false}
            error={connection ? null : error}
            empty={connection != null && rows.length === 0}
            emptyTitle="No architectures yet"
            emptyDescription={manage ? 'Create a draft and place its services on the canvas.' : undefined}
            what="architectures"
            onRetry={() => void refetch()}
          >
            {connection && error ? <ProblemAlert error={error} what="part of the architectures" /> : null}
            <Table.ScrollContainer minWidth={760}>
              <Table verticalSpacing="sm" highlightOnHover aria-label="Architectures">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Architecture</Table.Th>
                    <Table.Th>Cloud</Table.Th>
                    <Table.Th>Environment</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>Services</Table.Th>
                    {withMoney ? <Table.Th>Estimate / month</Table.Th> : null}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((a) => (
                    <Table.Tr key={a.id} data-testid="architecture-row">
                      <Table.Td>
                        <Anchor component={Link} to={`/architectures/${encodeURIComponent(a.id)}`} size="sm" fw={500}>
                          {a.name}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          version {a.version}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {PROVIDER_LABEL[a.cloudProvider]} · {a.region}
                      </Table.Td>
                      <Table.Td>{ENVIRONMENT_LABEL[a.environment]}</Table.Td>
                      <Table.Td>
                        <Badge color={STATUS_COLOR[a.status]} variant="light" styles={WHOLE}>
                          {STATUS_LABEL[a.status]}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{a.services.length}</Table.Td>
                      {withMoney ? <Table.Td>{money(a.estimatedCost)}</Table.Td> : null}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {connection ? (
              <LoadMore
                shown={rows.length}
                total={connection.totalCount}
                hasMore={connection.pageInfo.hasNextPage}
                noun="architectures"
                onLoadMore={() => fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
              />
            ) : null}
          </ListState>
        )}
      </Card>
      {manage ? <CreateModal opened={creating} onClose={() => setCreating(false)} /> : null}
    </>
  );
}
