import { useMutation, useQuery } from '@apollo/client/react';
import { BarChart } from '@mantine/charts';
import { Alert, Badge, Button, Card, Checkbox, Grid, Group, List, Select, SimpleGrid, Stack, Switch, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTopologyStar3 } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { allowed } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
import { ArchitectureStatus } from '../../gql/graphql';
import { BackLink } from '../../ui/BackLink';
import { WHOLE } from '../../ui/badges';
import { DetailState } from '../../ui/DetailState';
import { runMutation } from '../../ui/errors';
import {
  ArchitectureActivate,
  ArchitectureArchive,
  ArchitectureCatalogueQuery,
  ArchitectureDiffQuery,
  ArchitectureQuery,
  ArchitectureTerraformGenerate,
  ArchitectureUpdate,
} from './architecture.operations';
import { addService, type CatalogueType, type DesignService, KIND_LABEL, KINDS, kindOf, providersFor, removeService, toggleComponent } from './design';
import { DesignCanvas } from './DesignCanvas';
import { Findings, NO_OUTCOME, type Outcome, outcomeOf } from './PolicyFindings';
import { ENVIRONMENT_LABEL, money, PROVIDER_LABEL, STATUS_COLOR, STATUS_LABEL } from './labels';
import { TerraformView } from './TerraformView';

function VersionDiff({ id, versions }: { id: string; versions: readonly { version: number; reason: string }[] }) {
  const options = versions.map((v) => ({ value: String(v.version), label: `Version ${v.version} (${v.reason})` }));
  const [from, setFrom] = useState<string | null>(versions.length > 1 ? String(versions[1].version) : (options[0]?.value ?? null));
  const [to, setTo] = useState<string | null>('now');
  const { data, loading, error } = useQuery(ArchitectureDiffQuery, {
    variables: { id, from: Number(from), to: to === 'now' ? null : Number(to) },
    skip: from === null,
    errorPolicy: 'all',
  });
  const diff = data?.architectureDiff;
  return (
    <Stack>
      <Group>
        <Select label="From" data={options} value={from} onChange={setFrom} allowDeselect={false} />
        <Select label="To" data={[{ value: 'now', label: 'The design now' }, ...options]} value={to} onChange={setTo} allowDeselect={false} />
      </Group>
      {loading ? <Text size="sm">Comparing…</Text> : null}
      {error ? <Text c="red">{String(error.message)}</Text> : null}
      {diff ? (
        <Table aria-label="Changes between versions" data-testid="version-diff">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>What</Table.Th>
              <Table.Th>Before</Table.Th>
              <Table.Th>After</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {diff.fields.map((f) => (
              <Table.Tr key={f.field}>
                <Table.Td>{f.field}</Table.Td>
                <Table.Td>{f.before}</Table.Td>
                <Table.Td>{f.after}</Table.Td>
              </Table.Tr>
            ))}
            {diff.servicesAdded.map((s) => (
              <Table.Tr key={`+${s.key}`}>
                <Table.Td>Service added</Table.Td>
                <Table.Td>—</Table.Td>
                <Table.Td>
                  {s.name} ({s.type})
                </Table.Td>
              </Table.Tr>
            ))}
            {diff.servicesRemoved.map((s) => (
              <Table.Tr key={`-${s.key}`}>
                <Table.Td>Service removed</Table.Td>
                <Table.Td>
                  {s.name} ({s.type})
                </Table.Td>
                <Table.Td>—</Table.Td>
              </Table.Tr>
            ))}
            {diff.servicesChanged.flatMap((s) =>
              s.changes.map((c) => (
                <Table.Tr key={`~${s.key}.${c.field}`}>
                  <Table.Td>
                    {s.name}: {c.field}
                  </Table.Td>
                  <Table.Td>{c.before}</Table.Td>
                  <Table.Td>{c.after}</Table.Td>
                </Table.Tr>
              )),
            )}
            {diff.connectionsAdded.map((c) => (
              <Table.Tr key={`+c${c}`}>
                <Table.Td>Connection added</Table.Td>
                <Table.Td>—</Table.Td>
                <Table.Td>{c}</Table.Td>
              </Table.Tr>
            ))}
            {diff.connectionsRemoved.map((c) => (
              <Table.Tr key={`-c${c}`}>
                <Table.Td>Connection removed</Table.Td>
                <Table.Td>{c}</Table.Td>
                <Table.Td>—</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Stack>
  );
}

export default function ArchitectureDetailPage() {
  const { id = '' } = useParams();
  const viewer = useViewer();
  const withMoney = allowed(viewer, 'costs.readAmounts');
  const withViolations = allowed(viewer, 'violations.read');
  const manage = allowed(viewer, 'architectures.manage');
  const { data, loading, error, refetch } = useQuery(ArchitectureQuery, { variables: { id, withMoney, withViolations }, errorPolicy: 'all' });
  const catalogue = useQuery(ArchitectureCatalogueQuery);
  const a = data?.architecture;
  // The design being edited; null while it is the saved one.
  const [draft, setDraft] = useState<DesignService[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [findings, setFindings] = useState<Outcome>(NO_OUTCOME);
  const [problems, setProblems] = useState<string[]>([]);
  const [tab, setTab] = useState<string | null>('design');
  const [update, updating] = useMutation(ArchitectureUpdate);
  const [activate, activating] = useMutation(ArchitectureActivate);
  const [archive, archiving] = useMutation(ArchitectureArchive);
  const [generate, generating] = useMutation(ArchitectureTerraformGenerate);
  const [bundle, setBundle] = useState<{ fileName: string; zipBase64: string; files: { path: string; content: string }[] } | null>(null);

  const saved = useMemo(
    () =>
      (a?.services ?? []).map((s) => ({
        key: s.key,
        type: s.type,
        name: s.name,
        x: s.position.x,
        y: s.position.y,
        properties: s.properties as Record<string, unknown>,
        connections: [...s.connections],
      })),
    [a],
  );
  const services = draft ?? saved;
  const dirty = draft !== null;

  const types: CatalogueType[] = useMemo(() => catalogue.data?.architectureCatalogue?.serviceTypes ?? [], [catalogue.data]);
  const labels = useMemo(() => Object.fromEntries(types.map((t) => [t.type, t.label])), [types]);
  const providers = a ? providersFor(a.cloudProvider) : [];
  const palette = types.filter((t) => providers.includes(t.provider));
  const defaultProvider = providers[0];
  const editable = manage && a?.status !== ArchitectureStatus.Archived;
  const current = services.find((s) => s.key === selected) ?? null;

  function change(next: DesignService[]) {
    setDraft(next);
  }

  function patchSelected(patch: Partial<DesignService>) {
    if (!current) return;
    change(services.map((s) => (s.key === current.key ? { ...s, ...patch } : s)));
  }

  async function save() {
    const { payload, problems } = await runMutation(
      () =>
        update({
          variables: {
            input: {
              architectureId: id,
              services: services.map((s) => ({ key: s.key, type: s.type, name: s.name, x: s.x, y: s.y, properties: s.properties, connections: s.connections })),
            },
          },
          errorPolicy: 'all',
        }),
      (d) => d.architectureUpdate,
    );
    setFindings(outcomeOf(payload));
    setProblems(payload?.policyViolations.length ? [] : problems);
    await refetch();
    // Only once the saved design is read back does the canvas stop showing the draft.
    if (payload?.heldForApproval) {
      setDraft(null);
      notifications.show({ color: 'violet', title: 'Waiting for approval', message: 'The design stays as it was until someone approves the request.' });
    } else if (payload?.architecture) {
      setDraft(null);
      notifications.show({ color: 'teal', title: 'Design saved', message: `Version ${payload.architecture.version}` });
    }
  }

  async function lifecycle(kind: 'activate' | 'archive') {
    const { payload, problems } =
      kind === 'activate'
        ? await runMutation(
            () => activate({ variables: { input: { architectureId: id } }, errorPolicy: 'all' }),
            (d) => d.architectureActivate,
          )
        : await runMutation(
            () => archive({ variables: { input: { architectureId: id } }, errorPolicy: 'all' }),
            (d) => d.architectureArchive,
          );
    const outcome = outcomeOf(payload);
    setFindings(outcome);
    setProblems(payload?.policyViolations.length ? [] : problems);
    if (outcome.held)
      notifications.show({
        color: 'violet',
        title: 'Waiting for approval',
        message: `${a?.name ?? 'The architecture'} is not activated until someone approves the request.`,
      });
    else if (payload?.architecture)
      notifications.show({ color: 'teal', title: kind === 'activate' ? 'Architecture activated' : 'Architecture archived', message: a?.name ?? '' });
    // A refused change leaves a blocked finding to show as well.
    await refetch();
  }

  async function terraform() {
    const { payload, problems } = await runMutation(
      () => generate({ variables: { input: { architectureId: id } }, errorPolicy: 'all' }),
      (d) => d.architectureTerraformGenerate,
    );
    setProblems(problems);
    if (payload?.terraform) setBundle(payload.terraform);
  }

  const chart = (a?.estimate ?? []).map((l) => ({ service: l.serviceName, monthly: Number(l.monthly) }));

  return (
    <DetailState
      found={!!a}
      loading={loading}
      error={error}
      what="this architecture"
      notFoundTitle="Architecture not found"
      icon={IconTopologyStar3}
      back={<BackLink to="/architectures" label="Architectures" />}
      onRetry={() => void refetch()}
    >
      {a ? (
        <Stack>
          <BackLink to="/architectures" label="Architectures" />
          <Group justify="space-between" align="flex-end">
            <Stack gap={4}>
              <Group gap="sm">
                <Title order={1} size="h2">
                  {a.name}
                </Title>
                <Badge color={STATUS_COLOR[a.status]} variant="light" styles={WHOLE} data-testid="architecture-status">
                  {STATUS_LABEL[a.status]}
                </Badge>
              </Group>
              <Text size="sm" c="dimmed">
                {PROVIDER_LABEL[a.cloudProvider]} · {a.region} · {ENVIRONMENT_LABEL[a.environment]} · version {a.version}
                {a.lastTerraformGen ? ` · Terraform generated ${new Date(a.lastTerraformGen).toLocaleString()}` : ''}
              </Text>
            </Stack>
            {manage ? (
              <Group>
                {editable ? (
                  <Button onClick={() => void save()} loading={updating.loading} disabled={!dirty}>
                    Save design
                  </Button>
                ) : null}
                {a.status === ArchitectureStatus.Draft ? (
                  <Button variant="light" color="teal" onClick={() => void lifecycle('activate')} loading={activating.loading} disabled={dirty}>
                    Activate
                  </Button>
                ) : null}
                {a.status !== ArchitectureStatus.Archived ? (
                  <Button variant="subtle" color="gray" onClick={() => void lifecycle('archive')} loading={archiving.loading}>
                    Archive
                  </Button>
                ) : null}
              </Group>
            ) : null}
          </Group>
          {a.description ? <Text>{a.description}</Text> : null}
          <Findings {...findings} />
          {problems.length ? (
            <Alert color="red" title="Not saved" role="alert">
              {problems.join(' ')}
            </Alert>
          ) : null}
          <Tabs value={tab} onChange={setTab}>
            <Tabs.List aria-label="Architecture views">
              <Tabs.Tab value="design">Design</Tabs.Tab>
              <Tabs.Tab value="terraform">Terraform</Tabs.Tab>
              {withMoney ? <Tabs.Tab value="estimate">Estimate</Tabs.Tab> : null}
              <Tabs.Tab value="versions">Versions</Tabs.Tab>
              {withViolations ? <Tabs.Tab value="findings">Policy findings ({a.violations?.length ?? 0})</Tabs.Tab> : null}
            </Tabs.List>
            <Tabs.Panel value="design" pt="md">
              <Grid>
                <Grid.Col span={{ base: 12, md: 3 }}>
                  <Card withBorder padding="sm">
                    <Title order={2} size="h5" mb="xs">
                      Components
                    </Title>
                    <Stack gap={6}>
                      {KINDS.map((kind) => (
                        <Checkbox
                          key={kind}
                          label={KIND_LABEL[kind]}
                          checked={services.some((s) => kindOf(s.type) === kind)}
                          disabled={!editable}
                          onChange={(e) =>
                            change(
                              toggleComponent(
                                services,
                                kind,
                                e.currentTarget.checked,
                                types.find((t) => t.provider === defaultProvider && t.kind === kind),
                              ),
                            )
                          }
                        />
                      ))}
                    </Stack>
                    {editable ? (
                      <>
                        <Title order={2} size="h5" mt="md" mb="xs">
                          Palette
                        </Title>
                        <Stack gap={4}>
                          {palette.map((t) => (
                            <Button
                              key={t.type}
                              size="compact-sm"
                              h="auto"
                              py={4}
                              variant="default"
                              justify="flex-start"
                              styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
                              onClick={() => change(addService(services, t))}
                            >
                              Add {t.label}
                            </Button>
                          ))}
                        </Stack>
                      </>
                    ) : null}
                  </Card>
                </Grid.Col>
                <Grid.Col span={{ base: 12, md: 6 }}>
                  <DesignCanvas services={services} labels={labels} selected={selected} readOnly={!editable} onSelect={setSelected} onChange={change} />
                  <Text size="xs" c="dimmed" mt={4}>
                    Drag services to arrange them; drag from a service’s lower handle to another to connect them; select one to configure it.
                  </Text>
                </Grid.Col>
                <Grid.Col span={{ base: 12, md: 3 }}>
                  <Card withBorder padding="sm">
                    <Title order={2} size="h5" mb="xs">
                      Configuration
                    </Title>
                    {current ? (
                      <Stack gap="xs">
                        <Text size="sm" c="dimmed">
                          {labels[current.type] ?? current.type}
                        </Text>
                        <TextInput label="Name" value={current.name} disabled={!editable} onChange={(e) => patchSelected({ name: e.currentTarget.value })} />
                        <Select
                          label="Size"
                          data={['small', 'medium', 'large']}
                          value={String(current.properties.size ?? 'small')}
                          disabled={!editable}
                          allowDeselect={false}
                          onChange={(v) => patchSelected({ properties: { ...current.properties, size: v } })}
                        />
                        {kindOf(current.type) === 'object_storage' ? (
                          <Switch
                            label="Public access"
                            checked={current.properties.publicAccess === true}
                            disabled={!editable}
                            onChange={(e) => patchSelected({ properties: { ...current.properties, publicAccess: e.currentTarget.checked } })}
                          />
                        ) : null}
                        {kindOf(current.type) === 'load_balancer' ? (
                          <Switch
                            label="Internet-facing"
                            checked={current.properties.internetFacing === true}
                            disabled={!editable}
                            onChange={(e) => patchSelected({ properties: { ...current.properties, internetFacing: e.currentTarget.checked } })}
                          />
                        ) : null}
                        <Text size="sm">Connects to: {current.connections.length ? current.connections.join(', ') : 'nothing'}</Text>
                        {editable ? (
                          <Button
                            color="red"
                            variant="light"
                            onClick={() => {
                              change(removeService(services, current.key));
                              setSelected(null);
                            }}
                          >
                            Remove service
                          </Button>
                        ) : null}
                      </Stack>
                    ) : (
                      <Text size="sm" c="dimmed">
                        Select a service on the canvas.
                      </Text>
                    )}
                  </Card>
                </Grid.Col>
              </Grid>
            </Tabs.Panel>
            <Tabs.Panel value="terraform" pt="md">
              <Stack>
                {manage ? (
                  <Group>
                    <Button onClick={() => void terraform()} loading={generating.loading} disabled={dirty}>
                      Generate Terraform
                    </Button>
                    {dirty ? (
                      <Text size="sm" c="dimmed">
                        Save the design first.
                      </Text>
                    ) : null}
                  </Group>
                ) : (
                  <Text size="sm" c="dimmed">
                    Admins and developers generate Terraform.
                  </Text>
                )}
                {bundle ? <TerraformView bundle={bundle} /> : null}
              </Stack>
            </Tabs.Panel>
            {withMoney ? (
              <Tabs.Panel value="estimate" pt="md">
                <SimpleGrid cols={{ base: 1, sm: 2 }} mb="md">
                  <Card withBorder>
                    <Text size="sm" c="dimmed">
                      Estimated per month
                    </Text>
                    <Text size="xl" fw={700} data-testid="estimate-total">
                      {money(a.estimatedCost)}
                    </Text>
                  </Card>
                  <Card withBorder>
                    <Text size="sm" c="dimmed">
                      Actual spend this month ({a.spend?.entries ?? 0} cost entries)
                    </Text>
                    <Text size="xl" fw={700}>
                      {money(a.spend?.amount)}
                    </Text>
                  </Card>
                </SimpleGrid>
                {chart.length ? (
                  <BarChart
                    h={240}
                    data={chart}
                    dataKey="service"
                    series={[{ name: 'monthly', label: 'USD per month', color: 'blue.6' }]}
                    aria-label="Estimate per service"
                  />
                ) : null}
                <Table mt="md" aria-label="Estimate per service">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Service</Table.Th>
                      <Table.Th>Size</Table.Th>
                      <Table.Th>Priced in</Table.Th>
                      <Table.Th>Per month</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {(a.estimate ?? []).map((l) => (
                      <Table.Tr key={l.serviceKey}>
                        <Table.Td>{l.serviceName}</Table.Td>
                        <Table.Td>{l.size}</Table.Td>
                        <Table.Td>{l.region}</Table.Td>
                        <Table.Td>{money(l.monthly)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                <Text size="xs" c="dimmed" mt="xs">
                  Price table of {catalogue.data?.architectureCatalogue?.priceTableAsOf}: {catalogue.data?.architectureCatalogue?.priceTableSource}
                </Text>
              </Tabs.Panel>
            ) : null}
            <Tabs.Panel value="versions" pt="md">
              <VersionDiff id={a.id} versions={a.versions} />
            </Tabs.Panel>
            {withViolations ? (
              <Tabs.Panel value="findings" pt="md">
                {a.violations?.length ? (
                  <List>
                    {a.violations.map((v) => (
                      <List.Item key={v.id}>
                        <b>{v.policy?.name ?? 'Policy'}</b> / {v.ruleName}: {v.message} ({v.status.toLowerCase()})
                      </List.Item>
                    ))}
                  </List>
                ) : (
                  <Text size="sm" c="dimmed">
                    No open policy findings.
                  </Text>
                )}
              </Tabs.Panel>
            ) : null}
          </Tabs>
        </Stack>
      ) : null}
    </DetailState>
  );
}
