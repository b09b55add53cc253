import { useMutation, useQuery } from '@apollo/client/react';
import { Badge, Button, Card, Grid, Group, JsonInput, Modal, Paper, Stack, Table, Tabs, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconGitBranch, IconPencil, IconPlayerPause, IconPlayerPlay } from '@tabler/icons-react';
import { ReactFlowProvider } from '@xyflow/react';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { allowed } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
import { getFragmentData } from '../../gql';
import { BackLink } from '../../ui/BackLink';
import { DetailState } from '../../ui/DetailState';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { runMutation } from '../../ui/errors';
import { FormActions, FormProblems } from '../../ui/FormActions';
import { JSON_PROBLEM } from '../../ui/json';
import { useFormMutation } from '../../ui/useFormMutation';
import { PageHeader } from '../../ui/PageHeader';
import { When } from '../../ui/When';
import { WHOLE } from '../../ui/badges';
import { readGraph, type WorkflowGraph } from './graph';
import { NodePanel } from './NodePanel';
import { TYPE_LABEL, triggerText } from './workflow-labels';
import { ExecutionRow, WorkflowActivate, WorkflowDeactivate, WorkflowDetail, WorkflowQuery, WorkflowRow, WorkflowRun } from './workflow.operations';
import { executionPath, Executions } from './ExecutionsTable';
import { WorkflowCanvas } from './WorkflowCanvas';
import { DeleteAction } from '../deleted-items/public';
import { DeletedItemKind } from '../../gql/graphql';

/** A graph to look at: select a step to read its settings. */
export function GraphView({ graph, label }: { graph: WorkflowGraph; label: string }) {
  const [selected, setSelected] = useState<string | null>(null);
  const node = graph.nodes.find((n) => n.id === selected) ?? null;
  return (
    <ReactFlowProvider>
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <WorkflowCanvas graph={graph} selected={selected} onSelect={setSelected} label={label} height={480} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper withBorder p="sm">
            {node ? (
              <NodePanel node={node} problems={[]} agents={[]} />
            ) : (
              <Text size="sm" c="dimmed">
                Select a step to read its settings.
              </Text>
            )}
          </Paper>
        </Grid.Col>
      </Grid>
    </ReactFlowProvider>
  );
}

function RunModal({ workflowId, opened, onClose }: { workflowId: string; opened: boolean; onClose: () => void }) {
  const navigate = useNavigate();
  const [run] = useMutation(WorkflowRun, { refetchQueries: ['WorkflowExecutions'] });
  const form = useForm({
    mode: 'controlled',
    initialValues: { data: '{}' },
    validate: {
      data: (v: string) => {
        try {
          const parsed: unknown = JSON.parse(v || '{}');
          return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? null : 'The data is a JSON object';
        } catch {
          return JSON_PROBLEM;
        }
      },
    },
  });
  const { submit, submitting, problems, close } = useFormMutation({
    form,
    send: async (values) => {
      const { data, error } = await run({
        variables: { input: { workflowId, input: JSON.parse(values.data || '{}') as Record<string, unknown> } },
        errorPolicy: 'all',
      });
      return { payload: data?.workflowRun, error };
    },
    result: (payload) => getFragmentData(ExecutionRow, payload.execution),
    fields: ['data'],
    toast: () => ({ title: 'Started', message: 'The execution is on the job queue.' }),
    onDone: (execution) => void navigate(executionPath(execution.id)),
    onClose,
  });
  return (
    <Modal opened={opened} onClose={close} title="Run the workflow" centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <JsonInput
            label="Input"
            description="The execution's input: conditions read it as data.input"
            autosize
            minRows={4}
            formatOnBlur
            validationError={JSON_PROBLEM}
            {...form.getInputProps('data')}
          />
          <FormProblems messages={problems} />
          <FormActions onCancel={close} submitting={submitting} submitLabel="Run" />
        </Stack>
      </form>
    </Modal>
  );
}

export default function WorkflowDetailPage() {
  const { id = '' } = useParams();
  const viewer = useViewer();
  const manage = allowed(viewer, 'workflows.manage');
  const runs = allowed(viewer, 'workflows.run');
  const [running, setRunning] = useState(false);
  const [params, setParams] = useSearchParams();
  const [toggling, setToggling] = useState(false);
  const [messages, setMessages] = useState<string[] | null>(null);
  const [activate, activateState] = useMutation(WorkflowActivate);
  const [deactivate, deactivateState] = useMutation(WorkflowDeactivate);
  const [version, setVersion] = useState<number | null>(null);
  const { data, loading, error, refetch } = useQuery(WorkflowQuery, { variables: { id }, errorPolicy: 'all' });
  const detail = getFragmentData(WorkflowDetail, data?.workflow);
  const workflow = detail ? { ...getFragmentData(WorkflowRow, detail), ...detail } : null;
  const tab = ['graph', 'versions', 'executions'].includes(params.get('tab') ?? '') ? params.get('tab')! : 'graph';
  const back = <BackLink to="/workflows" label="Workflows" />;
  const shown = workflow?.versions.find((v) => v.version === version) ?? null;

  async function toggle() {
    if (!workflow) return;
    const variables = { input: { workflowId: workflow.id } };
    const { problems } = workflow.active
      ? await runMutation(
          () => deactivate({ variables, errorPolicy: 'all' }),
          (d) => d.workflowDeactivate,
        )
      : await runMutation(
          () => activate({ variables, errorPolicy: 'all' }),
          (d) => d.workflowActivate,
        );
    if (problems.length) return setMessages(problems);
    notifications.show({
      color: 'teal',
      title: workflow.active ? 'Workflow deactivated' : 'Workflow activated',
      message: workflow.active ? `${workflow.name} starts no new executions.` : `${workflow.name} starts executions again.`,
    });
    setToggling(false);
    setMessages(null);
  }

  return (
    <DetailState
      found={Boolean(workflow)}
      loading={loading}
      error={error}
      what="this workflow"
      notFoundTitle="No such workflow"
      icon={IconGitBranch}
      back={back}
      onRetry={() => void refetch()}
    >
      {workflow ? (
        <>
          {back}
          <PageHeader
            title={workflow.name}
            description={workflow.description || undefined}
            actions={
              <>
                {manage ? (
                  <Button variant="default" component={Link} to={`/workflows/${encodeURIComponent(workflow.id)}/edit`} leftSection={<IconPencil size={16} />}>
                    Edit
                  </Button>
                ) : null}
                {manage ? (
                  <Button
                    variant={workflow.active ? 'default' : 'filled'}
                    color={workflow.active ? undefined : 'teal'}
                    leftSection={workflow.active ? <IconPlayerPause size={16} /> : <IconPlayerPlay size={16} />}
                    onClick={() => setToggling(true)}
                  >
                    {workflow.active ? 'Deactivate' : 'Activate'}
                  </Button>
                ) : null}
                {runs && workflow.active ? (
                  <Button leftSection={<IconPlayerPlay size={16} />} onClick={() => setRunning(true)}>
                    Run
                  </Button>
                ) : null}
                {manage ? <DeleteAction kind={DeletedItemKind.Workflow} item={workflow} /> : null}
              </>
            }
          />
          <Stack>
            <Group gap="xs">
              <Badge size="lg" variant="light" styles={WHOLE}>
                {TYPE_LABEL[workflow.type]}
              </Badge>
              <Badge size="lg" variant="default" styles={WHOLE}>
                version {workflow.version}
              </Badge>
              <Badge size="lg" variant="light" color={workflow.active ? 'teal' : 'gray'} styles={WHOLE} data-testid="workflow-active">
                {workflow.active ? 'active' : 'inactive'}
              </Badge>
              <Text size="sm" c="dimmed">
                {triggerText(workflow.trigger)} · changed <When at={workflow.updatedAt} />
              </Text>
            </Group>
            <Tabs value={tab} onChange={(v) => setParams(v && v !== 'graph' ? { tab: v } : {}, { replace: true })} keepMounted={false}>
              <Tabs.List mb="md">
                <Tabs.Tab value="graph">Graph</Tabs.Tab>
                <Tabs.Tab value="versions">Versions</Tabs.Tab>
                <Tabs.Tab value="executions">Executions</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="graph">
                <GraphView graph={readGraph(workflow.graph)} label={`Graph of ${workflow.name}`} />
              </Tabs.Panel>
              <Tabs.Panel value="versions">
                <Card withBorder padding="md">
                  <Table verticalSpacing="xs" aria-label="Versions">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Version</Table.Th>
                        <Table.Th>Saved</Table.Th>
                        <Table.Th>By</Table.Th>
                        <Table.Th>Steps</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {[...workflow.versions]
                        .sort((a, b) => b.version - a.version)
                        .map((v) => (
                          <Table.Tr key={v.version} data-testid="workflow-version" bg={v.version === version ? 'var(--mantine-color-blue-light)' : undefined}>
                            <Table.Td>
                              <Button variant="subtle" size="compact-sm" onClick={() => setVersion(v.version)}>
                                v{v.version}
                                {v.version === workflow.version ? ' (current)' : ''}
                              </Button>
                            </Table.Td>
                            <Table.Td>
                              <When at={v.createdAt} />
                            </Table.Td>
                            <Table.Td>
                              <Text size="sm">{v.createdBy?.fullName ?? '—'}</Text>
                            </Table.Td>
                            <Table.Td>
                              <Text size="sm">{readGraph(v.graph).nodes.length}</Text>
                            </Table.Td>
                          </Table.Tr>
                        ))}
                    </Table.Tbody>
                  </Table>
                  {shown ? (
                    <Stack mt="md">
                      <Group justify="space-between">
                        <Text fw={600}>Version {shown.version}</Text>
                        {manage && shown.version !== workflow.version ? (
                          <Button variant="light" component={Link} to={`/workflows/${encodeURIComponent(workflow.id)}/edit?from=${shown.version}`}>
                            Edit from this version
                          </Button>
                        ) : null}
                      </Group>
                      <GraphView key={shown.version} graph={readGraph(shown.graph)} label={`Graph of version ${shown.version}`} />
                    </Stack>
                  ) : (
                    <Text size="sm" c="dimmed" mt="sm">
                      Choose a version to see its graph. An execution runs the version it started with.
                    </Text>
                  )}
                </Card>
              </Tabs.Panel>
              <Tabs.Panel value="executions">
                <Card withBorder padding="md">
                  <Executions workflowId={workflow.id} />
                </Card>
              </Tabs.Panel>
            </Tabs>
          </Stack>
          {runs ? <RunModal workflowId={workflow.id} opened={running} onClose={() => setRunning(false)} /> : null}
          <ConfirmModal
            opened={toggling}
            title={workflow.active ? 'Deactivate workflow' : 'Activate workflow'}
            confirmLabel={workflow.active ? 'Deactivate' : 'Activate'}
            danger={workflow.active}
            busy={activateState.loading || deactivateState.loading}
            messages={messages}
            onConfirm={() => void toggle()}
            onClose={() => {
              setToggling(false);
              setMessages(null);
            }}
          >
            {workflow.active
              ? `Stop ${workflow.name} from starting new executions? Those already running go on.`
              : `Let ${workflow.name} start executions again (${triggerText(workflow.trigger).toLowerCase()})?`}
          </ConfirmModal>
        </>
      ) : null}
    </DetailState>
  );
}
