import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Anchor, Badge, Button, Card, Grid, Group, List, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconCircleCheck, IconGavel, IconShieldX } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { allowed } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
import { ApprovalRequestStatus, HeldChangeStatus } from '../../gql/graphql';
import { BackLink } from '../../ui/BackLink';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { DetailState } from '../../ui/DetailState';
import { Fact } from '../../ui/Fact';
import { FormProblems } from '../../ui/FormActions';
import { PageHeader } from '../../ui/PageHeader';
import { runMutation } from '../../ui/errors';
import { useFormMutation } from '../../ui/useFormMutation';
import { When } from '../../ui/When';
import { AgentStatusBadge, EnforcementBadge, SeverityBadge, WHOLE } from '../../ui/badges';
import { enumText } from '../../format/words';
import {
  AFTER_DECISION,
  ApprovalRequestCancel,
  ApprovalRequestComment,
  ApprovalRequestQuery,
  type ApprovalRequestView,
  readRequest,
} from './approval.operations';
import { Deadline, HELD_STATUS_COLOR, KIND_LABEL, RequestStatusBadge } from './approval-labels';
import { ChangeDiff } from './ChangeDiff';
import { DecisionForm } from './DecisionForm';
import { DecisionTrail } from './DecisionTrail';
import { useLiveApprovalRequest } from './live-approvals';

type Request = ApprovalRequestView;

/** What the request is about: the agent or policy, the change held for it and what the change became. */
function Subject({ request }: { request: Request }) {
  const held = request.heldChange;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="subject-title">
      <Title order={2} size="h4" mb="sm" id="subject-title">
        {held ? 'The change held for approval' : 'What is asked'}
      </Title>
      <Stack gap="sm">
        <Text size="sm">{request.summary}</Text>
        <Table verticalSpacing={6}>
          <Table.Tbody>
            <Fact label="Kind">{KIND_LABEL[request.kind]}</Fact>
            {request.agent ? (
              <Fact label="Agent">
                <Group gap="xs">
                  <Anchor component={Link} to={`/agents/${encodeURIComponent(request.agent.id)}`} data-testid="approval-agent-link">
                    {request.agent.name}
                  </Anchor>
                  <AgentStatusBadge status={request.agent.status} />
                </Group>
              </Fact>
            ) : null}
            {request.policy ? (
              <Fact label="Policy">
                <Anchor component={Link} to={`/policies/${encodeURIComponent(request.policy.id)}`}>
                  {request.policy.name}
                </Anchor>{' '}
                <Text span size="sm" c="dimmed">
                  (now version {request.policy.version})
                </Text>
              </Fact>
            ) : null}
            {held ? (
              <>
                <Fact label="Action">
                  <Text span size="sm" fw={600}>
                    {enumText(held.action)}
                  </Text>
                </Fact>
                <Fact label="Held change">
                  <Badge variant="light" color={HELD_STATUS_COLOR[held.status]} styles={WHOLE} data-testid="held-change-status">
                    {enumText(held.status)}
                  </Badge>
                  {held.appliedAt ? (
                    <Text span size="sm" ml="xs">
                      applied <When at={held.appliedAt} />
                    </Text>
                  ) : null}
                </Fact>
              </>
            ) : null}
          </Table.Tbody>
        </Table>
        {held?.status === HeldChangeStatus.Applied ? (
          <Alert color="teal" variant="light" icon={<IconCircleCheck size={20} />} title="Applied" data-testid="held-change-applied">
            The change was applied when the request was approved, after the policies in force judged it again.
          </Alert>
        ) : null}
        {held?.status === HeldChangeStatus.Refused ? (
          <Alert color="red" variant="light" icon={<IconShieldX size={20} />} title="Approved, but not applied" role="alert">
            {held.outcomeMessage ?? 'When it was approved, the policies in force or the state of the agent no longer allowed the change.'}
          </Alert>
        ) : null}
        {held?.status === HeldChangeStatus.Discarded ? (
          <Text size="sm" c="dimmed">
            The change was discarded: nothing was applied.
          </Text>
        ) : null}
        {request.findings.length ? (
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Held by
            </Text>
            <List spacing="xs" size="sm" listStyleType="none">
              {request.findings.map((f) => (
                <List.Item key={`${f.policy.id}/${f.ruleName}`} data-testid="approval-finding">
                  <Group gap="xs" wrap="wrap">
                    <Anchor component={Link} to={`/policies/${encodeURIComponent(f.policy.id)}`} size="sm" fw={600}>
                      {f.policyName}
                    </Anchor>
                    <Text size="sm" c="dimmed">
                      · rule “{f.ruleName}” · v{f.policyVersion}
                    </Text>
                    <SeverityBadge severity={f.severity} size="sm" />
                    <EnforcementBadge enforcement={f.enforcement} size="sm" />
                  </Group>
                  <Text size="sm">{f.message}</Text>
                </List.Item>
              ))}
            </List>
          </Stack>
        ) : null}
        {held ? <ChangeDiff before={held.before ?? null} after={held.after} /> : null}
      </Stack>
    </Card>
  );
}

/** The discussion beside the decisions: anyone who may read the request may comment. */
function Discussion({ request }: { request: Request }) {
  const [comment] = useMutation(ApprovalRequestComment, { refetchQueries: ['ApprovalRequest'], awaitRefetchQueries: true });
  const form = useForm({
    mode: 'controlled',
    initialValues: { body: '' },
    validate: { body: (v: string) => (!v.trim() ? 'Write a comment' : v.length > 2000 ? 'Keep it under 2000 characters' : null) },
  });
  const { submit, submitting, problems } = useFormMutation({
    form,
    send: async (values) => {
      const { data, error } = await comment({ variables: { input: { requestId: request.id, body: values.body.trim() } }, errorPolicy: 'all' });
      return { payload: data?.approvalRequestComment, error };
    },
    result: (payload) => payload.comment,
    fields: ['body'],
    onClose: () => undefined,
  });
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="discussion-title">
      <Title order={2} size="h4" mb="sm" id="discussion-title">
        Discussion
      </Title>
      <Stack>
        {request.comments.length ? (
          <List spacing="sm" listStyleType="none">
            {request.comments.map((c) => (
              <List.Item key={c.id} data-testid="approval-comment">
                <Group gap={6}>
                  <Text size="sm" fw={600}>
                    {c.author?.fullName ?? 'Steward'}
                  </Text>
                  <When at={c.createdAt} />
                </Group>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {c.body}
                </Text>
              </List.Item>
            ))}
          </List>
        ) : (
          <Text size="sm" c="dimmed">
            No comments yet.
          </Text>
        )}
        <form onSubmit={submit} noValidate aria-label="Comment">
          <Stack gap="xs">
            <Textarea label="Add a comment" autosize minRows={2} maxRows={6} maxLength={2000} {...form.getInputProps('body')} />
            <FormProblems messages={problems} />
            <Group justify="flex-end">
              <Button type="submit" variant="light" loading={submitting}>
                Comment
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Card>
  );
}

/** Why the viewer sees no decision form, when the request still waits. */
function NotYours({ request, own }: { request: Request; own: boolean }) {
  const text = own
    ? 'You asked for this; someone else decides it.'
    : request.viewerDecision
      ? `You ${request.viewerDecision.value === 'APPROVE' ? 'approved' : 'rejected'} at this step; the others decide the rest.`
      : 'You are not one of the deciders of the current step.';
  return (
    <Card withBorder padding="md">
      <Text size="sm" c="dimmed" data-testid="not-a-decider">
        {text}
      </Text>
    </Card>
  );
}

export default function ApprovalRequestPage() {
  const { id = '' } = useParams();
  const viewer = useViewer();
  const withChange = allowed(viewer, 'approvals.readChange');
  const { data, loading, error, refetch } = useQuery(ApprovalRequestQuery, { variables: { id, withChange }, errorPolicy: 'all' });
  const request = readRequest(data?.approvalRequest);
  useLiveApprovalRequest(id, withChange, refetch);
  const [cancel, cancelState] = useMutation(ApprovalRequestCancel, { refetchQueries: AFTER_DECISION });
  const [cancelling, setCancelling] = useState(false);
  const [cancelProblems, setCancelProblems] = useState<string[] | null>(null);
  const back = <BackLink to="/approvals" label="Approvals" />;

  const pending = request?.status === ApprovalRequestStatus.Pending;
  const own = Boolean(request?.requestedBy && request.requestedBy.id === viewer.user?.id);
  const mayCancel = pending && (own || allowed(viewer, 'approvals.cancelAny'));

  async function confirmCancel() {
    if (!request) return;
    const { problems } = await runMutation(
      () => cancel({ variables: { input: { requestId: request.id }, withChange }, errorPolicy: 'all' }),
      (d) => d.approvalRequestCancel,
    );
    if (problems.length) return setCancelProblems(problems);
    notifications.show({ color: 'teal', title: 'Request withdrawn', message: 'Nothing it held was applied.' });
    setCancelling(false);
    setCancelProblems(null);
  }

  return (
    <DetailState
      found={Boolean(request)}
      loading={loading}
      error={error}
      what="this approval request"
      notFoundTitle="No such approval request"
      icon={IconGavel}
      back={back}
      onRetry={() => void refetch()}
    >
      {request ? (
        <>
          {back}
          <PageHeader
            title={request.title}
            description={
              <>
                Asked by {request.requestedBy?.fullName ?? 'Steward'} <When at={request.createdAt} />
              </>
            }
            actions={
              mayCancel ? (
                <Button variant="default" color="red" onClick={() => setCancelling(true)}>
                  Withdraw request
                </Button>
              ) : null
            }
          />
          <Stack>
            <Group gap="xs">
              <RequestStatusBadge status={request.status} size="lg" />
              {pending ? <Deadline at={request.deadline} /> : null}
              {request.decidedAt ? (
                <Text size="sm" c="dimmed">
                  Decided <When at={request.decidedAt} />
                </Text>
              ) : null}
            </Group>
            <Grid>
              <Grid.Col span={{ base: 12, lg: 7 }}>
                <Stack>
                  <Subject request={request} />
                  <DecisionTrail request={request} />
                </Stack>
              </Grid.Col>
              <Grid.Col span={{ base: 12, lg: 5 }}>
                <Stack>
                  {pending && request.viewerCanDecide ? (
                    <Card withBorder padding="md" component="section" aria-label="Your decision">
                      <DecisionForm requestId={request.id} fields={request.formFields} withChange={withChange} />
                    </Card>
                  ) : pending ? (
                    <NotYours request={request} own={own} />
                  ) : null}
                  <Discussion request={request} />
                </Stack>
              </Grid.Col>
            </Grid>
          </Stack>
          <ConfirmModal
            opened={cancelling}
            title="Withdraw request"
            confirmLabel="Withdraw"
            danger
            busy={cancelState.loading}
            messages={cancelProblems}
            onConfirm={() => void confirmCancel()}
            onClose={() => {
              setCancelling(false);
              setCancelProblems(null);
            }}
          >
            Withdraw <b>{request.title}</b>? {request.heldChange ? 'The change it holds is discarded.' : 'Nobody can decide it any more.'}
          </ConfirmModal>
        </>
      ) : null}
    </DetailState>
  );
}
