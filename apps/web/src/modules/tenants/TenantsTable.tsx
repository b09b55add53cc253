import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { IconAdjustments, IconArrowsExchange, IconFileExport, IconHourglassHigh, IconPlayerPause, IconPlayerPlay } from '@tabler/icons-react';
import type { TenantRowFragment } from '../../gql/graphql';
import { PlanLimit, TenantPlan, TenantStatus } from '../../gql/graphql';
import { ActionsHeader, RowAction } from '../../ui/RowActions';
import { When } from '../../ui/When';
import { enumText } from '../../format/words';

const STATUS_COLOR: Record<TenantStatus, string> = { ACTIVE: 'teal', SUSPENDED: 'orange', PROVISIONING: 'blue', FAILED: 'red' };

/** What the tenant holds of a limit, and the most it may hold: its negotiated limit, else its plan's. */
function Usage({ tenant, limit }: { tenant: TenantRowFragment; limit: PlanLimit }) {
  const usage = tenant.usage?.find((u) => u.limit === limit);
  if (!usage) return null;
  return (
    <Text size="sm" c={usage.max !== null && usage.used >= usage.max ? 'orange.8' : undefined}>
      {usage.used} / {usage.max ?? 'no limit'}
    </Text>
  );
}

/** A trial's end, or since when a run-out trial left the tenant read-only. */
function TrialState({ tenant }: { tenant: TenantRowFragment }) {
  if (tenant.readOnlySince)
    return (
      <Badge variant="light" color="red" data-testid="tenant-read-only">
        read-only
      </Badge>
    );
  const ends = tenant.plan === TenantPlan.Trial ? tenant.subscription?.trialEndsAt : null;
  if (!ends) return null;
  return (
    <Text size="xs" c="dimmed" data-testid="tenant-trial-ends">
      until {new Date(ends).toLocaleDateString()}
    </Text>
  );
}

interface TenantsTableProps {
  tenants: readonly TenantRowFragment[];
  onEdit: (tenant: TenantRowFragment) => void;
  onPlan: (tenant: TenantRowFragment) => void;
  onTrial: (tenant: TenantRowFragment) => void;
  onExport: (tenant: TenantRowFragment) => void;
  onStatus: (tenant: TenantRowFragment, status: TenantStatus) => void;
}

export function TenantsTable({ tenants, onEdit, onPlan, onTrial, onExport, onStatus }: TenantsTableProps) {
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
            <ActionsHeader w={150} />
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
              <Table.Td data-testid="tenant-plan">
                <Stack gap={2} align="flex-start">
                  <Text size="sm" tt="capitalize">
                    {enumText(t.plan)}
                    {t.subscription && t.plan !== TenantPlan.Trial ? `, ${enumText(t.subscription.billingCycle)}` : ''}
                  </Text>
                  <TrialState tenant={t} />
                </Stack>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={STATUS_COLOR[t.status]} data-testid="tenant-status">
                  {enumText(t.status)}
                </Badge>
              </Table.Td>
              <Table.Td data-testid="limit-agents">
                <Usage tenant={t} limit={PlanLimit.Agents} />
              </Table.Td>
              <Table.Td data-testid="limit-members">
                <Usage tenant={t} limit={PlanLimit.Members} />
              </Table.Td>
              <Table.Td data-testid="limit-api-keys">
                <Usage tenant={t} limit={PlanLimit.ApiKeys} />
              </Table.Td>
              <Table.Td>
                <When at={t.createdAt} />
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <RowAction label="Edit name and limits" ariaLabel={`Edit ${t.name}`} icon={<IconAdjustments size={18} />} onClick={() => onEdit(t)} />
                  <RowAction label="Change plan" ariaLabel={`Change the plan of ${t.name}`} icon={<IconArrowsExchange size={18} />} onClick={() => onPlan(t)} />
                  <RowAction label="Export usage" ariaLabel={`Export the usage of ${t.name}`} icon={<IconFileExport size={18} />} onClick={() => onExport(t)} />
                  {t.plan === TenantPlan.Trial ? (
                    <RowAction
                      label="Extend trial"
                      ariaLabel={`Extend the trial of ${t.name}`}
                      icon={<IconHourglassHigh size={18} />}
                      onClick={() => onTrial(t)}
                    />
                  ) : null}
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
