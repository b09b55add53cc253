import { useQuery } from '@apollo/client/react';
import { Anchor, Button, Card, Code, Group, SimpleGrid, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { IconShieldCheck, IconShieldOff, IconShieldX } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { allowed } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
import { getFragmentData, graphql } from '../../gql';
import { PolicyViolationStatus, PolicyWaiverEventKind, type ViolationRecordFragment, type ViolationRowFragment } from '../../gql/graphql';
import { formatDateTime } from '../../ui/dates';
import { DetailState } from '../../ui/DetailState';
import { PageHeader } from '../../ui/PageHeader';
import { When } from '../../ui/When';
import { BackLink } from '../../ui/BackLink';
import { JsonView } from '../../ui/json';
import { words } from '../../format/words';
import { EnforcementBadge, SeverityBadge, ViolationStatusBadge } from '../../ui/badges';
import { RevokeWaiverModal } from './RevokeWaiverModal';
import { ViolationRow } from './violation.operations';
import { WaiveModal } from './WaiveModal';
import { Fact } from '../../ui/Fact';

export const ViolationRecord = graphql(`
  fragment ViolationRecord on PolicyViolation {
    ...ViolationRow
    observed
    decision {
      id
      decidedAt
      trigger
      result
      actionTaken
      policyVersion
      inputDigest
      requestId
      error
    }
    waiverHistory {
      kind
      at
      reason
      expiresAt
      by {
        id
        fullName
      }
    }
  }
`);

export const ViolationDetailQuery = graphql(`
  query PolicyViolationDetail($id: ID!) {
    policyViolation(id: $id) {
      ...ViolationRecord
    }
  }
`);

function Finding({ v }: { v: ViolationRowFragment }) {
  return (
    <Card withBorder padding="md" component="section" aria-label="Finding">
      <Title order={2} size="h4" mb="sm">
        Finding
      </Title>
      <Table verticalSpacing={6}>
        <Table.Tbody>
          <Fact label="Agent">
            {v.agent ? (
              <Anchor component={Link} to={`/agents/${encodeURIComponent(v.agent.id)}`} fw={500}>
                {v.agent.name}
              </Anchor>
            ) : (
              <Text size="sm">
                {v.agentName}{' '}
                <Text span size="xs" c="dimmed">
                  (a refused create: the agent was never registered)
                </Text>
              </Text>
            )}
          </Fact>
          <Fact label="Policy">
            <Anchor component={Link} to={`/policies/${encodeURIComponent(v.policy.id)}`}>
              {v.policy.name}
            </Anchor>{' '}
            <Text span size="xs" c="dimmed">
              version {v.policyVersion}
            </Text>
          </Fact>
          <Fact label="Rule">{v.ruleName}</Fact>
          <Fact label="Enforcement">
            <EnforcementBadge enforcement={v.enforcement} />
          </Fact>
          <Fact label="Detected">
            <When at={v.detectedAt} />
          </Fact>
          <Fact label="Last seen">
            <When at={v.lastSeenAt} />
          </Fact>
          {v.resolvedAt ? (
            <Fact label="Resolved">
              <When at={v.resolvedAt} />
            </Fact>
          ) : null}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function DecisionRecord({ decision }: { decision: ViolationRecordFragment['decision'] }) {
  return (
    <Card withBorder padding="md" component="section" aria-label="Decision record" data-testid="decision-record">
      <Title order={2} size="h4">
        Decision record
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        The evaluation that found the violation, as the governance trail keeps it.
      </Text>
      {decision ? (
        <Table verticalSpacing={6}>
          <Table.Tbody>
            <Fact label="Decided">{formatDateTime(decision.decidedAt)}</Fact>
            <Fact label="Trigger">{words(decision.trigger)}</Fact>
            <Fact label="Result">{words(decision.result)}</Fact>
            <Fact label="Action taken">{words(decision.actionTaken)}</Fact>
            <Fact label="Policy version">{decision.policyVersion}</Fact>
            <Fact label="Input digest">
              <Code style={{ wordBreak: 'break-all' }}>{decision.inputDigest}</Code>
            </Fact>
            {decision.requestId ? (
              <Fact label="Request">
                <Code>{decision.requestId}</Code>
              </Fact>
            ) : null}
            {decision.error ? <Fact label="Error">{decision.error}</Fact> : null}
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="sm" c="dimmed">
          No decision is linked to this violation.
        </Text>
      )}
    </Card>
  );
}

function WaiverHistory({ events }: { events: ViolationRecordFragment['waiverHistory'] }) {
  return (
    <Card withBorder padding="md" component="section" aria-label="Waiver history" data-testid="waiver-history">
      <Title order={2} size="h4">
        Waiver history
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        Every waiver granted and revoked for this agent under this rule, oldest first.
      </Text>
      {events.length === 0 ? (
        <Text size="sm" c="dimmed">
          Never waived.
        </Text>
      ) : (
        <Timeline bulletSize={22} lineWidth={2} active={events.length - 1}>
          {events.map((e, i) => (
            <Timeline.Item
              key={i}
              color={e.kind === PolicyWaiverEventKind.Waived ? 'grape' : 'red'}
              bullet={e.kind === PolicyWaiverEventKind.Waived ? <IconShieldOff size={12} /> : <IconShieldCheck size={12} />}
              title={e.kind === PolicyWaiverEventKind.Waived ? 'Waived' : 'Waiver revoked'}
            >
              {e.reason ? <Text size="sm">“{e.reason}”</Text> : null}
              <Text size="xs" c="dimmed">
                {e.by ? e.by.fullName : 'An API key'}, {formatDateTime(e.at)}
                {e.kind === PolicyWaiverEventKind.Waived ? (e.expiresAt ? `, until ${formatDateTime(e.expiresAt)}` : ', until revoked') : ''}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Card>
  );
}

/** One violation: what broke which rule, the decision that found it, what the rule saw, and its waivers. */
export default function ViolationDetailPage() {
  const { id = '' } = useParams();
  const viewer = useViewer();
  const waiver = allowed(viewer, 'violations.waive');
  const { data, loading, error, refetch } = useQuery(ViolationDetailQuery, { variables: { id }, errorPolicy: 'all' });
  const [waiving, setWaiving] = useState(false);
  const [revoking, setRevoking] = useState(false);
  const record = getFragmentData(ViolationRecord, data?.policyViolation);
  const v = getFragmentData(ViolationRow, record);
  const back = <BackLink to="/violations" label="Violations" />;

  return (
    <DetailState
      found={Boolean(v)}
      loading={loading}
      error={error}
      what="this violation"
      notFoundTitle="No such violation"
      icon={IconShieldX}
      back={back}
      onRetry={() => void refetch()}
    >
      {v && record ? (
        <>
          {back}
          <PageHeader
            title={`${v.ruleName} · ${v.agentName}`}
            description={v.message}
            actions={
              <Group gap="xs">
                <ViolationStatusBadge status={v.status} size="lg" />
                <SeverityBadge severity={v.severity} size="lg" />
                {waiver && (v.status === PolicyViolationStatus.Open || v.status === PolicyViolationStatus.Blocked) ? (
                  <Button color="grape" variant="light" onClick={() => setWaiving(true)}>
                    Waive
                  </Button>
                ) : null}
                {waiver && v.status === PolicyViolationStatus.Waived ? (
                  <Button color="red" variant="subtle" onClick={() => setRevoking(true)}>
                    Revoke waiver
                  </Button>
                ) : null}
              </Group>
            }
          />
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Stack>
              <Finding v={v} />
              <WaiverHistory events={record.waiverHistory} />
            </Stack>
            <Stack>
              <DecisionRecord decision={record.decision} />
              <Card withBorder padding="md" component="section" aria-label="What the rule saw">
                <Title order={2} size="h4" mb="sm">
                  What the rule saw
                </Title>
                <JsonView value={record.observed} empty="Nothing recorded" label="The agent as the rule saw it" />
              </Card>
            </Stack>
          </SimpleGrid>
          {waiver ? <WaiveModal violation={waiving ? v : null} onClose={() => setWaiving(false)} /> : null}
          <RevokeWaiverModal violation={revoking ? v : null} refetch={['PolicyViolationDetail']} onClose={() => setRevoking(false)} />
        </>
      ) : null}
    </DetailState>
  );
}
