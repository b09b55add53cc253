import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { IconAdjustments, IconPlayerPause, IconPlayerPlay } from '@tabler/icons-react';
import type { TenantRowFragment } from '../../gql/graphql';
import { TenantStatus } from '../../gql/graphql';
import { ActionsHeader, RowAction } from '../../ui/RowActions';
import { When } from '../../ui/When';
import { enumText } from '../../format/words';

const STATUS_COLOR: Record<TenantStatus, string> = { ACTIVE: 'teal', SUSPENDED: 'orange', PROVISIONING: 'blue', FAILED: 'red' };

function Limit({ value }: { value: number | null }) {
  return value == null ? (
    <Text size="sm" c="dimmed">
      No limit
    </Text>
  ) : (
    <Text size="sm">{value}</Text>
  );
}

interface TenantsTableProps {
  tenants: readonly TenantRowFragment[];
  onEdit: (tenant: TenantRowFragment) => void;
  onStatus: (tenant: TenantRowFragment, status: TenantStatus) => void;
}

export function TenantsTable({ tenants, onEdit, onStatus }: TenantsTableProps) {
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table verticalSpacing="sm" highlightOnHover aria-label="Tenants">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Tenant</Table.Th>
            <Table.Th>Plan</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Agents</Table.Th>
            <Table.Th>Members</Table.Th>
            <Table.Th>API keys</Table.Th>
            <Table.Th>Created</Table.Th>
            <ActionsHeader w={90} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tenants.map((t) => (
            <Table.Tr key={t.id} data-testid="tenant-row" data-tenant-slug={t.slug}>
              <Table.Td>
                <Stack gap={0}>
                  <Text size="sm" fw={500}>
                    {t.name}
                  </Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {t.slug}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text size="sm" tt="capitalize">
                  {enumText(t.plan)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={STATUS_COLOR[t.status]} data-testid="tenant-status">
                  {enumText(t.status)}
                </Badge>
              </Table.Td>
              <Table.Td data-testid="limit-agents">
                <Limit value={t.resourceLimits?.maxAgents ?? null} />
              </Table.Td>
              <Table.Td data-testid="limit-members">
                <Limit value={t.resourceLimits?.maxMembers ?? null} />
              </Table.Td>
              <Table.Td data-testid="limit-api-keys">
                <Limit value={t.resourceLimits?.maxApiKeys ?? null} />
              </Table.Td>
              <Table.Td>
                <When at={t.createdAt} />
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <RowAction label="Edit plan and limits" ariaLabel={`Edit ${t.name}`} icon={<IconAdjustments size={18} />} onClick={() => onEdit(t)} />
                  {t.status === TenantStatus.Suspended ? (
                    <RowAction
                      label="Reactivate"
                      ariaLabel={`Reactivate ${t.name}`}
                      icon={<IconPlayerPlay size={18} />}
                      onClick={() => onStatus(t, TenantStatus.Active)}
                    />
                  ) : (
                    <RowAction
                      label="Suspend"
                      ariaLabel={`Suspend ${t.name}`}
                      icon={<IconPlayerPause size={18} />}
                      danger
                      onClick={() => onStatus(t, TenantStatus.Suspended)}
                    />
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
