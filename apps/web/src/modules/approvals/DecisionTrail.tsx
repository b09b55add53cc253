import { Badge, Card, Group, List, Stack, Text, Timeline, Title } from '@mantine/core';
import { IconCheck, IconClockExclamation, IconHourglass, IconX } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { ApprovalDecisionValue, type ApprovalRequestDetailFragment, ApprovalStepStatus } from '../../gql/graphql';
import type { ApprovalRequestView } from './approval.operations';
import { When } from '../../ui/When';
import { WHOLE } from '../../ui/badges';
import { enumText } from '../../format/words';
import { Deadline, deciderText, modeText, STEP_STATUS_COLOR, TIMEOUT_TEXT } from './approval-labels';
import { formValueText } from './decision-form';

type Step = ApprovalRequestDetailFragment['steps'][number];
type Decision = ApprovalRequestDetailFragment['decisions'][number];

function timeoutText(step: Step): string {
  if (step.timeoutSeconds == null) return 'No time limit';
  const hours = step.timeoutSeconds / 3600;
  const span = hours >= 48 ? `${Math.round(hours / 24)} days` : hours >= 1 ? `${Math.round(hours)} hours` : `${Math.round(step.timeoutSeconds / 60)} minutes`;
  return `Undecided after ${span}, it ${TIMEOUT_TEXT[step.onTimeout]}`;
}

function DecisionItem({ decision, labels }: { decision: Decision; labels: Map<string, string> }) {
  const approved = decision.value === ApprovalDecisionValue.Approve;
  const values = Object.entries(decision.formValues ?? {});
  return (
    <List.Item data-testid="approval-decision" icon={approved ? <IconCheck size={16} aria-hidden /> : <IconX size={16} aria-hidden />}>
      <Stack gap={2}>
        <Group gap={6} wrap="wrap">
          <Text size="sm" fw={600}>
            {decision.decider?.fullName ?? 'Steward (timeout default)'}
          </Text>
          <Badge size="sm" variant="light" color={approved ? 'teal' : 'red'} styles={WHOLE}>
            {approved ? 'approved' : 'rejected'}
          </Badge>
          <When at={decision.createdAt} />
        </Group>
        {decision.comment ? (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            “{decision.comment}”
          </Text>
        ) : null}
        {values.length ? (
          <Text size="xs" c="dimmed">
            {values.map(([key, value]) => `${labels.get(key) ?? key}: ${formValueText(value)}`).join(' · ')}
          </Text>
        ) : null}
      </Stack>
    </List.Item>
  );
}

const STEP_ICON: Partial<Record<ApprovalStepStatus, typeof IconCheck>> = {
  [ApprovalStepStatus.Approved]: IconCheck,
  [ApprovalStepStatus.Rejected]: IconX,
  [ApprovalStepStatus.Escalated]: IconClockExclamation,
  [ApprovalStepStatus.Expired]: IconClockExclamation,
};

/** The request's steps in order, each with who may decide, what it takes, its deadline and the decisions made in it. */
export function DecisionTrail({
  request,
  heading = 'Decision trail',
  headingId = 'decision-trail-title',
  extra = null,
}: {
  request: ApprovalRequestView;
  heading?: string;
  headingId?: string;
  extra?: ReactNode;
}) {
  const labels = new Map(request.formFields.map((f) => [f.key, f.label]));
  const active = request.steps.findIndex((s) => s.status === ApprovalStepStatus.Pending);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={headingId}>
      <Title order={2} size="h4" mb="md" id={headingId}>
        {heading}
      </Title>
      {extra}
      <Timeline active={active === -1 ? request.steps.length - 1 : active} bulletSize={26} lineWidth={2}>
        {request.steps.map((step) => {
          const Icon = STEP_ICON[step.status] ?? IconHourglass;
          const decisions = request.decisions.filter((d) => d.level === step.level);
          return (
            <Timeline.Item
              key={step.level}
              bullet={<Icon size={14} aria-hidden />}
              data-testid="approval-step"
              data-status={step.status}
              title={
                <Group gap="xs" wrap="wrap">
                  <Text fw={600} size="sm" component="h3" m={0}>
                    Level {step.level}: {step.name}
                  </Text>
                  <Badge size="sm" variant="light" color={STEP_STATUS_COLOR[step.status]} styles={WHOLE}>
                    {enumText(step.status)}
                  </Badge>
                </Group>
              }
            >
              <Stack gap={4} mt={4}>
                <Text size="sm">
                  {modeText(step)} · {step.approvals} approved, {step.rejections} rejected
                </Text>
                <Text size="xs" c="dimmed">
                  Deciders: {step.deciders.map(deciderText).join(', ') || '—'}
                  {step.eligibleDeciders.length ? ` (${step.eligibleDeciders.map((u) => u.fullName).join(', ')})` : ''}
                </Text>
                <Text size="xs" c="dimmed">
                  {timeoutText(step)}
                  {step.openedAt ? (
                    <>
                      {' '}
                      · opened <When at={step.openedAt} />
                    </>
                  ) : null}
                  {step.closedAt ? (
                    <>
                      {' '}
                      · closed <When at={step.closedAt} />
                    </>
                  ) : null}
                </Text>
                {step.status === ApprovalStepStatus.Pending && step.deadline ? (
                  <Text size="sm">
                    <Deadline at={step.deadline} />
                  </Text>
                ) : null}
                {decisions.length ? (
                  <List spacing="xs" mt={4} center={false}>
                    {decisions.map((d) => (
                      <DecisionItem key={d.id} decision={d} labels={labels} />
                    ))}
                  </List>
                ) : step.status === ApprovalStepStatus.Pending ? (
                  <Text size="sm" c="dimmed">
                    No decision yet.
                  </Text>
                ) : null}
              </Stack>
            </Timeline.Item>
          );
        })}
      </Timeline>
    </Card>
  );
}
