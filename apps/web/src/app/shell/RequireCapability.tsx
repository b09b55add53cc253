import { EmptyState } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { type Capability, mayUse, roleLabel } from '../access';
import { useViewer } from './viewer';

/** Opens a page only for roles that may use it; others see why, instead of a page of errors. */
export function RequireCapability({ capability, page, children }: { capability: Capability | null; page: string; children: ReactNode }) {
  const viewer = useViewer();
  if (mayUse(viewer, capability)) return <>{children}</>;
  const who = viewer.role
    ? `the ${roleLabel(viewer.role).toLowerCase()} role`
    : viewer.customRoleName
      ? `the ${viewer.customRoleName} role`
      : 'an account without a tenant role';
  return (
    <EmptyState py="xl" icon={<IconLock size={28} />} variant="light" color="yellow" data-testid="forbidden-page">
      <EmptyState.Title order={1}>{`${page} is not available to you`}</EmptyState.Title>
      <EmptyState.Description>{`Steward does not allow ${who} to open the ${page} page. Ask an admin of ${viewer.tenant?.name ?? 'your tenant'} if you need it.`}</EmptyState.Description>
    </EmptyState>
  );
}
