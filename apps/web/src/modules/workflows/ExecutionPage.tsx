import { useMutation, useQuery } from '@apollo/client/react';
import { Anchor, Badge, Button, Card, Code, Grid, Group, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlayerStop, IconRefresh, IconTimeline } from '@tabler/icons-react';
import { ReactFlowProvider } from '@xyflow/react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { allowed } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
import { getFragmentData } from '../../gql';
import { WorkflowExecutionStatus, WorkflowNodeRunStatus } from '../../gql/graphql';
import { BackLink } from '../../ui/BackLink';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { DetailState } from '../../ui/DetailState';
import { runMutation } from '../../ui/errors';
import { PageHeader } from '../../ui/PageHeader';
import { When } from '../../ui/When';
import { WHOLE } from '../../ui/badges';
import { formatDateTime } from '../../ui/dates';
import { ApprovalTrail } from '../approvals/public';
import { enumText } from '../../format/words';
import { readGraph } from './graph';
import { EXECUTION_COLOR } from './workflow-labels';
import { ExecutionDetail, ExecutionRow, WorkflowExecutionCancel, WorkflowExecutionNodeRetry, WorkflowExecutionQuery } from './workflow.operations';
import { type NodeState, nodeStatusColor, WorkflowCanvas } from './WorkflowCanvas';

/** While it runs, the page follows it. */
const POLL_MS = 3000;
const FINISHED: string[] = [WorkflowExecutionStatus.Succeeded, WorkflowExecutionStatus.Failed, WorkflowExecutionStatus.Cancelled];

/** JSON in a box that scrolls past 240 px: focusable, so keyboard users can scroll it too. */
function JsonBlock({ value, label }: { value: unknown; label: string }) {
  if (value == null)
    return (
      <Text span size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Code block tabIndex={0} aria-label={label} style={{ whiteSpace: 'pre-wrap', maxHeight: 240, overflow: 'auto' }}>
      {JSON.stringify(value, null, 2)}
    </Code>
  );
}

/** One execution: the graph of the version it runs with each step's state, every step's tries and data, and every transition in order. */
export default function ExecutionPage() {
  const { id = '' } = useParams();
  const viewer = useViewer();
  const operate = allowed(viewer, 'workflows.run');
  const [selected, setSelected] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [messages, setMessages] = useState<string[] | null>(null);
  const { data, loading, error, refetch } = useQuery(WorkflowExecutionQuery, { variables: { id }, errorPolicy: 'all', pollInterval: POLL_MS });
  const detail = getFragmentData(ExecutionDetail, data?.workflowExecution);
  const execution = detail ? { ...getFragmentData(ExecutionRow, detail), ...detail } : null;
  const [cancel, cancelState] = useMutation(WorkflowExecutionCancel);
  const [retry, retryState] = useMutation(WorkflowExecutionNodeRetry);
  const back = <BackLink to="/workflows/executions" label="Executions" />;

  const finished = execution ? FINISHED.includes(execution.status) : true;
  const versionGraph = execution?.workflow?.versions.find((v) => v.version === execution.version)?.graph;
  const graph = readGraph(versionGraph);
  const runs = execution?.nodeRuns ?? [];
  // A node visited again (a loop, a re-run) has a later step: the graph shows its latest run.
  const states = new Map<string, NodeState>();
  for (const n of [...runs].sort((a, b) => a.step - b.step)) states.set(n.nodeKey, { status: n.status, attempts: n.attempts, maxAttempts: n.maxAttempts });
  const labelOf = (nodeKey: string | null) => (nodeKey ? (graph.nodes.find((n) => n.id === nodeKey)?.label ?? nodeKey) : 'Execution');
  const shownRuns = selected ? runs.filter((n) => n.nodeKey === selected) : runs;
  // Approval nodes: each request's trail (who decided, when, comment, form fields), for the selected step or all.
  const approvals = shownRuns.filter((n) => n.approvalRequest);

  async function confirmCancel() {
    const { problems } = await runMutation(
      () => cancel({ variables: { input: { executionId: id } }, errorPolicy: 'all' }),
      (d) => d.workflowExecutionCancel,
    );
    if (problems.length) return setMessages(problems);
    notifications.show({ color: 'teal', title: 'Execution cancelled', message: 'Steps not yet run will not run.' });
    setCancelling(false);
    setMessages(null);
  }

  async function retryNode(nodeRunId: string, nodeKey: string) {
    const { problems } = await runMutation(
      () => retry({ variables: { input: { nodeRunId } }, errorPolicy: 'all' }),
      (d) => d.workflowExecutionNodeRetry,
    );
    if (problems.length) notifications.show({ color: 'red', title: 'Not re-run', message: problems.join(' ') });
    else notifications.show({ color: 'teal', title: 'Re-running', message: `${labelOf(nodeKey)} is queued again.` });
  }

  return (
    <DetailState
      found={Boolean(execution)}
      loading={loading}
      error={error}
      what="this execution"
      notFoundTitle="No such execution"
      icon={IconTimeline}
      back={back}
      onRetry={() => void refetch()}
    >
      {execution ? (
        <>
          {back}
          <PageHeader
            title={`${execution.workflow?.name ?? 'Workflow'}: run of version ${execution.version}`}
            description={
              <>
                Started {formatDateTime(execution.startedAt)} by {execution.startedBy?.fullName ?? 'its trigger'}
                {execution.workflow ? (
                  <>
                    {' · '}
                    <Anchor component={Link} to={`/workflows/${encodeURIComponent(execution.workflow.id)}`} size="sm">
                      the workflow
                    </Anchor>
                  </>
                ) : null}
              </>
            }
            actions={
              operate && !finished ? (
                <Button variant="default" color="red" leftSection={<IconPlayerStop size={16} />} onClick={() => setCancelling(true)}>
                  Cancel execution
                </Button>
              ) : null
            }
          />
          <Stack>
            <Group gap="xs">
              <Badge size="lg" variant="light" color={EXECUTION_COLOR[execution.status]} styles={WHOLE} data-testid="execution-status">
                {enumText(execution.status)}
              </Badge>
              {execution.finishedAt ? (
                <Text size="sm" c="dimmed">
                  Finished <When at={execution.finishedAt} />
                </Text>
              ) : (
                <Text size="sm" c="dimmed" aria-live="polite">
                  Following it as it runs…
                </Text>
              )}
            </Group>
            {execution.error ? (
              <Text size="sm" c="red" data-testid="execution-error">
                {execution.error}
              </Text>
            ) : null}
            <ReactFlowProvider>
              <WorkflowCanvas graph={graph} states={states} selected={selected} onSelect={setSelected} label="Steps of this execution" height={420} />
            </ReactFlowProvider>
            <Grid>
              <Grid.Col span={{ base: 12, lg: 7 }}>
                <Card withBorder padding="md" component="section" aria-labelledby="steps-title">
                  <Group justify="space-between" mb="sm">
                    <Title order={2} size="h4" id="steps-title">
                      {selected ? `Step: ${labelOf(selected)}` : 'Steps'}
                    </Title>
                    {selected ? (
                      <Button variant="subtle" size="compact-sm" onClick={() => setSelected(null)}>
                        Show every step
                      </Button>
                    ) : null}
                  </Group>
                  <Table.ScrollContainer minWidth={620}>
                    <Table verticalSpacing="xs" aria-label="Steps and their tries">
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th>Step</Table.Th>
                          <Table.Th>State</Table.Th>
                          <Table.Th>Tries</Table.Th>
                          <Table.Th>Ran</Table.Th>
                          <Table.Th>Data</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {shownRuns.map((n) => (
                          <Table.Tr key={n.id} data-testid="node-run" data-status={n.status}>
                            <Table.Td>
                              <Text size="sm" fw={500}>
                                {labelOf(n.nodeKey)}
                              </Text>
                              <Text size="xs" c="dimmed">
                                {enumText(n.nodeType)} · step {n.step}
                              </Text>
                            </Table.Td>
                            <Table.Td>
                              <Badge variant="light" color={nodeStatusColor(n.status)} styles={WHOLE}>
                                {enumText(n.status)}
                              </Badge>
                              {n.error ? (
                                <Text size="xs" c="red" mt={4}>
                                  {n.error}
                                </Text>
                              ) : null}
                            </Table.Td>
                            <Table.Td>
                              <Text size="sm">
                                {n.attempts} of {n.maxAttempts}
                              </Text>
                              {(n.status === WorkflowNodeRunStatus.Pending && n.attempts > 0) || n.status === WorkflowNodeRunStatus.Waiting ? (
                                <Text size="xs" c="dimmed">
                                  {n.status === WorkflowNodeRunStatus.Waiting ? 'wakes' : 'next try'} <When at={n.runAt} />
                                </Text>
                              ) : null}
                              {operate && n.status === WorkflowNodeRunStatus.Failed && execution.status === WorkflowExecutionStatus.Failed ? (
                                <Button
                                  size="compact-xs"
                                  variant="light"
                                  mt={4}
                                  leftSection={<IconRefresh size={12} />}
                                  loading={retryState.loading}
                                  onClick={() => void retryNode(n.id, n.nodeKey)}
                                >
                                  Re-run
                                </Button>
                              ) : null}
                            </Table.Td>
                            <Table.Td>
                              <Text size="xs">
                                {n.startedAt ? formatDateTime(n.startedAt) : '—'}
                                {n.finishedAt ? ` – ${formatDateTime(n.finishedAt)}` : ''}
                              </Text>
                            </Table.Td>
                            <Table.Td>
                              <JsonBlock value={n.output} label={`Output of step ${n.step}, ${labelOf(n.nodeKey)}`} />
                            </Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                </Card>
                {approvals.map((n) => (
                  <Stack key={n.id} mt="md" gap={0}>
                    <ApprovalTrail requestId={n.approvalRequest!.id} heading={`Approval: ${labelOf(n.nodeKey)}`} headingId={`approval-trail-${n.step}`} />
                  </Stack>
                ))}
                <Card withBorder padding="md" mt="md" component="section" aria-labelledby="data-title">
                  <Title order={2} size="h4" mb="sm" id="data-title">
                    Execution data
                  </Title>
                  <JsonBlock value={execution.data} label="Execution data as JSON" />
                </Card>
              </Grid.Col>
              <Grid.Col span={{ base: 12, lg: 5 }}>
                <Card withBorder padding="md" component="section" aria-labelledby="timeline-title">
                  <Title order={2} size="h4" mb="sm" id="timeline-title">
                    Timeline
                  </Title>
                  <Timeline bulletSize={14} lineWidth={2} active={execution.timeline.length - 1}>
                    {execution.timeline.map((t, i) => (
                      <Timeline.Item
                        key={`${t.at}-${i}`}
                        data-testid="timeline-event"
                        title={
                          <Text size="sm" fw={600}>
                            {labelOf(t.nodeKey)}: {t.fromStatus ? `${enumText(t.fromStatus)} → ` : ''}
                            {enumText(t.toStatus)}
                          </Text>
                        }
                      >
                        <Text size="xs" c="dimmed">
                          {formatDateTime(t.at)}
                          {` · ${t.actor?.fullName ?? t.actorLabel}`}
                        </Text>
                        {t.message ? <Text size="sm">{t.message}</Text> : null}
                      </Timeline.Item>
                    ))}
                  </Timeline>
                </Card>
              </Grid.Col>
            </Grid>
          </Stack>
          <ConfirmModal
            opened={cancelling}
            title="Cancel execution"
            confirmLabel="Cancel execution"
            danger
            busy={cancelState.loading}
            messages={messages}
            onConfirm={() => void confirmCancel()}
            onClose={() => {
              setCancelling(false);
              setMessages(null);
            }}
          >
            Stop this execution? The step running now finishes; no further step runs.
          </ConfirmModal>
        </>
      ) : null}
    </DetailState>
  );
}
