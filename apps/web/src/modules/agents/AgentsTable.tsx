import { Anchor, Badge, Group, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { type FragmentType, getFragmentData, graphql } from '../../gql';
import { NamedOrderField, type OrderDirection } from '../../gql/graphql';
import { SortableTh, type SortOrder } from '../../ui/SortableTh';
import { When } from '../../ui/When';
import { WHOLE } from '../../ui/badges';
import { AgentStatusBadge, ComplianceBadge } from '../../ui/badges';
import { formatUsd } from '../../format/money';
import { ROLE_LABEL, TIER_LABEL } from '../../ui/labels';

export const AgentRow = graphql(`
  fragment AgentRow on Agent {
    id
    name
    description
    role
    status
    complianceStatus
    runtimeState
    modelTier
    tags
    lastActiveAt
    model {
      id
      name
      version
    }
  }
`);

/** Spread beside AgentRow by the lists that show money; the operation declares $withCost. */
export const AgentRowCost = graphql(`
  fragment AgentRowCost on Agent {
    costPerRequest @include(if: $withCost)
  }
`);

type Row = FragmentType<typeof AgentRow> & FragmentType<typeof AgentRowCost>;

export function TagList({ tags, max = 4 }: { tags: readonly string[]; max?: number }) {
  if (!tags.length)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Group gap={4}>
      {tags.slice(0, max).map((tag) => (
        <Badge key={tag} size="sm" variant="default" tt="none" styles={WHOLE}>
          {tag}
        </Badge>
      ))}
      {tags.length > max ? (
        <Text size="xs" c="dimmed">
          +{tags.length - max}
        </Text>
      ) : null}
    </Group>
  );
}

interface AgentsTableProps {
  agents: readonly Row[];
  withCost: boolean;
  /** Without them (a short list inside another page) the columns do not sort. */
  order?: SortOrder<NamedOrderField>;
  onSort?: (field: NamedOrderField, first?: OrderDirection) => void;
}

export function AgentsTable({ agents: rows, withCost, order, onSort }: AgentsTableProps) {
  const agents = rows.map((row) => ({ ...getFragmentData(AgentRow, row), ...getFragmentData(AgentRowCost, row) }));
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="sm" highlightOnHover aria-label="Agents">
        <Table.Thead>
          <Table.Tr>
            {order && onSort ? (
              <SortableTh field={NamedOrderField.Name} order={order} onSort={onSort}>
                Agent
              </SortableTh>
            ) : (
              <Table.Th>Agent</Table.Th>
            )}
            <Table.Th>Role</Table.Th>
            <Table.Th>Model</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Compliance</Table.Th>
            <Table.Th>Tags</Table.Th>
            {withCost ? <Table.Th ta="right">Per request</Table.Th> : null}
            <Table.Th>Last active</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {agents.map((agent) => (
            <Table.Tr key={agent.id} data-testid="agent-row" data-agent-name={agent.name}>
              <Table.Td maw={320}>
                <Stack gap={0}>
                  <Anchor component={Link} to={`/agents/${encodeURIComponent(agent.id)}`} fw={500} size="sm">
                    {agent.name}
                  </Anchor>
                  {agent.description ? (
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {agent.description}
                    </Text>
                  ) : null}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{ROLE_LABEL[agent.role]}</Text>
              </Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  <Text size="sm">{agent.model ? `${agent.model.name} ${agent.model.version}` : 'No model'}</Text>
                  <Text size="xs" c="dimmed">
                    {TIER_LABEL[agent.modelTier]} tier
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <AgentStatusBadge status={agent.status} />
              </Table.Td>
              <Table.Td>
                <ComplianceBadge status={agent.complianceStatus} />
              </Table.Td>
              <Table.Td>
                <TagList tags={agent.tags} />
              </Table.Td>
              {withCost ? (
                <Table.Td ta="right">
                  <Text size="sm" ff="monospace">
                    {formatUsd(agent.costPerRequest)}
                  </Text>
                </Table.Td>
              ) : null}
              <Table.Td>
                <When at={agent.lastActiveAt} never="Never" />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
