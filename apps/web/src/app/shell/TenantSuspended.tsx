import { Alert, Text } from '@mantine/core';
import { IconPlayerPause } from '@tabler/icons-react';
import { heldRoleLabel } from '../held-role';
import type { Viewer } from './viewer';

/**
 * A suspended tenant can be neither read nor changed, so its pages would only show refusals. This
 * one banner replaces them: what happened, what the user's role will be, and who can undo it.
 */
export function TenantSuspended({ viewer }: { viewer: Viewer }) {
  const tenant = viewer.tenant!;
  const membership = viewer.memberships.find((m) => m.tenant.id === tenant.id);
  const others = viewer.memberships.length > 1;
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconPlayerPause size={20} />}
      title={`${tenant.name} is suspended`}
      role="status"
      data-testid="tenant-suspended"
    >
      <Text size="sm">
        Nothing in {tenant.name} can be read or changed until it is reactivated
        {membership ? `; you will then act here as ${heldRoleLabel(membership).toLowerCase()} again` : ''}.
      </Text>
      <Text size="sm" mt="xs">
        {viewer.isPlatformAdmin
          ? 'As a Steward platform admin, you can reactivate it (tenantReactivate).'
          : 'Only a Steward platform admin can reactivate a tenant: contact the people who run Steward for your organisation.'}
        {others ? ' Meanwhile, your other tenants are in the tenant menu.' : ''}
      </Text>
    </Alert>
  );
}
