import { Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { type FragmentType, getFragmentData, graphql } from '../../gql';
import { When } from '../../ui/When';
import { AgentStatusBadge } from '../../ui/badges';
import { SeverityBadge } from '../../ui/badges';

export const OverviewAgent = graphql(`
  fragment OverviewAgent on Agent {
    id
    name
    status
    model {
      id
      name
      version
    }
  }
`);

export const OverviewViolation = graphql(`
  fragment OverviewViolation on PolicyViolation {
    id
    ruleName
    severity
    agentName
    detectedAt
    policy {
      id
      name
    }
  }
`);

/** A short list of what needs attention, with a link to all of it; calm when there is nothing. */
export function ProblemCard({
  title,
  all,
  total,
  empty,
  testId,
  children,
}: {
  title: string;
  all: string;
  total: number;
  empty: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <Card withBorder padding="md" component="section" aria-label={title} data-testid={testId}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        <Anchor component={Link} to={all} size="sm">
          {total > 0 ? `All ${total}` : 'Open list'}
        </Anchor>
      </Group>
      {total === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Stack gap="xs">{children}</Stack>
      )}
    </Card>
  );
}

export function NonCompliantAgents({ agents: refs, total }: { agents: readonly FragmentType<typeof OverviewAgent>[]; total: number }) {
  const agents = getFragmentData(OverviewAgent, refs);
  return (
    <ProblemCard
      title="Non-compliant agents"
      all="/agents"
      total={total}
      empty="Every agent in service complies with the policies in force."
      testId="non-compliant-agents"
    >
      {agents.map((agent) => (
        <Group key={agent.id} justify="space-between" wrap="nowrap" gap="xs">
          <Stack gap={0}>
            <Anchor component={Link} to={`/agents/${encodeURIComponent(agent.id)}`} size="sm" fw={500}>
              {agent.name}
            </Anchor>
            <Text size="xs" c="dimmed">
              {agent.model ? `${agent.model.name} ${agent.model.version}` : 'No model'}
            </Text>
          </Stack>
          <AgentStatusBadge status={agent.status} />
        </Group>
      ))}
    </ProblemCard>
  );
}

export function OpenViolations({ violations: refs, total }: { violations: readonly FragmentType<typeof OverviewViolation>[]; total: number }) {
  const violations = getFragmentData(OverviewViolation, refs);
  return (
    <ProblemCard
      title="Latest open violations"
      all="/violations"
      total={total}
      empty="No agent breaks a rule of the policies in force."
      testId="open-violations"
    >
      {violations.map((v) => (
        <Group key={v.id} justify="space-between" wrap="nowrap" gap="xs" data-testid="overview-violation">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Anchor component={Link} to={`/violations/${encodeURIComponent(v.id)}`} size="sm" fw={500} lineClamp={1}>
              {v.ruleName} · {v.agentName}
            </Anchor>
            <Text size="xs" c="dimmed" lineClamp={1}>
              {v.policy.name}, <When at={v.detectedAt} />
            </Text>
          </Stack>
          <SeverityBadge severity={v.severity} />
        </Group>
      ))}
    </ProblemCard>
  );
}
