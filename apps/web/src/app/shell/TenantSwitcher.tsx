import { useApolloClient } from '@apollo/client/react';
import { Badge, Button, Group, Menu, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBuilding, IconCheck, IconSelector } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { problemsOf } from '../../ui/errors';
import { heldRoleLabel } from '../held-role';
import { useSession } from '../session/SessionProvider';
import { useViewer } from './viewer';

/** The current tenant; a menu of the others the user belongs to. Switching starts from a clean cache. */
export function TenantSwitcher() {
  const viewer = useViewer();
  const session = useSession();
  const client = useApolloClient();
  const navigate = useNavigate();
  const [switching, setSwitching] = useState<string | null>(null);
  const current = viewer.tenant;

  /**
   * Only the switch itself can fail the switch. Resetting the store afterwards cancels queries still in
   * flight for the old tenant; those are not failures, and pages report their own read errors.
   */
  async function switchTo(tenantId: string, name: string) {
    setSwitching(tenantId);
    try {
      const problems = await session.switchTenant(tenantId).catch((error: unknown) => ({ fields: {}, general: problemsOf(error).map((p) => p.message) }));
      if (problems) {
        notifications.show({ color: 'red', title: `Could not switch to ${name}`, message: [...Object.values(problems.fields), ...problems.general].join(' ') });
        return;
      }
      await navigate('/');
      await client.resetStore().catch(() => undefined);
    } finally {
      setSwitching(null);
    }
  }

  if (viewer.memberships.length <= 1) {
    return (
      <Group gap={6} wrap="nowrap" data-testid="current-tenant">
        <IconBuilding size={18} />
        <Text fw={600} truncate>
          {current?.name ?? 'No tenant'}
        </Text>
      </Group>
    );
  }

  return (
    <Menu position="bottom-start" width={280} withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconBuilding size={18} />}
          rightSection={<IconSelector size={16} />}
          loading={switching !== null}
          aria-label={`Current tenant: ${current?.name ?? 'none'}. Switch tenant`}
          data-testid="current-tenant"
        >
          {current?.name ?? 'Choose a tenant'}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Your tenants</Menu.Label>
        {viewer.memberships.map((membership) => {
          const active = membership.tenant.id === current?.id;
          return (
            <Menu.Item
              key={membership.id}
              disabled={active}
              leftSection={active ? <IconCheck size={16} /> : <span style={{ width: 16, display: 'inline-block' }} />}
              rightSection={
                <Badge size="sm" variant="light">
                  {heldRoleLabel(membership)}
                </Badge>
              }
              onClick={() => void switchTo(membership.tenant.id, membership.tenant.name)}
            >
              {membership.tenant.name}
            </Menu.Item>
          );
        })}
      </Menu.Dropdown>
    </Menu>
  );
}
