import { Anchor, Badge, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { AgentDetailQuery } from '../../gql/graphql';
import type { AgentOf } from './agent.operations';
import { formatDateTime } from '../../ui/dates';
import { When } from '../../ui/When';
import { EnforcementBadge, SeverityBadge } from '../../ui/badges';
import { RuntimeBadge } from '../../ui/badges';
import { TagList } from './AgentsTable';
import { formatUsd } from '../../format/money';
import { ROLE_LABEL, THINKING_LABEL, TIER_LABEL } from '../../ui/labels';
import { Field } from '../../ui/Field';
import { enumText } from '../../format/words';

type Agent = AgentOf<NonNullable<AgentDetailQuery['agent']>>;

function Items({ items, empty }: { items: readonly string[]; empty: string }) {
  if (!items.length)
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  return (
    <List size="sm" spacing={2}>
      {items.map((item) => (
        <List.Item key={item}>{item}</List.Item>
      ))}
    </List>
  );
}

const requests = new Intl.NumberFormat();

/** What the agent is and does: every role reads this; money only for those who may. */
export function AgentOverview({ agent, withCost }: { agent: Agent; withCost: boolean }) {
  return (
    <Stack>
      <Card withBorder padding="lg">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="lg" verticalSpacing="md">
          <Field label="Role">{ROLE_LABEL[agent.role]}</Field>
          <Field label="Model">
            {agent.model ? (
              <Stack gap={0}>
                <Text size="sm">
                  {agent.model.name} {agent.model.version}
                </Text>
                <Text size="xs" c="dimmed">
                  {agent.model.provider} · {enumText(agent.model.status)}
                </Text>
              </Stack>
            ) : (
              <Text size="sm" c="dimmed">
                None chosen
              </Text>
            )}
          </Field>
          <Field label="Architecture">
            {agent.architecture ? (
              <Stack gap={0}>
                <Anchor component={Link} to={`/architectures/${encodeURIComponent(agent.architecture.id)}`} size="sm">
                  {agent.architecture.name}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {enumText(agent.architecture.cloudProvider)} · {enumText(agent.architecture.environment)} · {enumText(agent.architecture.status)}
                </Text>
              </Stack>
            ) : (
              <Text size="sm" c="dimmed">
                None
              </Text>
            )}
          </Field>
          <Field label="Tier and thinking">{`${TIER_LABEL[agent.modelTier]} · thinking ${THINKING_LABEL[agent.thinkingMode].toLowerCase()}`}</Field>
          <Field label="Runtime">
            <RuntimeBadge state={agent.runtimeState} />
          </Field>
          <Field label="Registered">
            <Stack gap={0}>
              <Text size="sm">{formatDateTime(agent.createdAt)}</Text>
              <Text size="xs" c="dimmed">
                {agent.createdBy ? `by ${agent.createdBy.fullName}` : 'by a partner app'}
              </Text>
            </Stack>
          </Field>
          <Field label="Deployed">
            {agent.deployedAt ? (
              formatDateTime(agent.deployedAt)
            ) : (
              <Text size="sm" c="dimmed">
                Never
              </Text>
            )}
          </Field>
          <Field label="Last active">
            <When at={agent.lastActiveAt} never="Never" />
          </Field>
          <Field label="Requests served">{requests.format(agent.totalRequests)}</Field>
          {withCost ? (
            <Field label="Cost per request">
              <Text size="sm" ff="monospace">
                {formatUsd(agent.costPerRequest)}
              </Text>
            </Field>
          ) : null}
          <Field label="Tags">
            <TagList tags={agent.tags} max={10} />
          </Field>
        </SimpleGrid>
      </Card>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder padding="lg">
          <Title order={2} size="h5" mb="xs">
            Capabilities
          </Title>
          <Items items={agent.capabilities} empty="None declared" />
        </Card>
        <Card withBorder padding="lg">
          <Title order={2} size="h5" mb="xs">
            Limitations
          </Title>
          <Items items={agent.limitations} empty="None declared" />
        </Card>
      </SimpleGrid>
    </Stack>
  );
}

/** The active policies whose scope covers the agent. */
export function AgentPolicies({ policies }: { policies: Agent['policiesInScope'] }) {
  if (!policies.length) return <Text c="dimmed">No active policy covers this agent.</Text>;
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        Every change to the agent is judged against these active policies.
      </Text>
      {policies.map((p) => (
        <Card key={p.id} withBorder padding="sm" data-testid="policy-in-scope">
          <Group justify="space-between">
            <Anchor component={Link} to={`/policies/${encodeURIComponent(p.id)}`} fw={500}>
              {p.name}
            </Anchor>
            <Group gap={6}>
              <Badge variant="default" tt="none">
                {enumText(p.type)}
              </Badge>
              <SeverityBadge severity={p.severity} />
              <EnforcementBadge enforcement={p.enforcement} />
            </Group>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
