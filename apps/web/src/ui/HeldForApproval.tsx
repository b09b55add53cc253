import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { IconHourglass } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** The approval request a held change waits on: enough to name it and link to it. */
export interface HeldRequest {
  id: string;
  title: string;
}

export function approvalPath(id: string): string {
  return `/approvals/${encodeURIComponent(id)}`;
}

/**
 * A change that a policy in "require approval" mode (or the rule for block-mode policies) held: it is
 * stored, not applied, until someone approves the request. Said plainly, with the way to the request.
 */
export function HeldForApproval({ request, title, children, onClose }: { request: HeldRequest; title: string; children?: ReactNode; onClose?: () => void }) {
  return (
    <Alert
      color="violet"
      variant="light"
      icon={<IconHourglass size={20} />}
      title={title}
      withCloseButton={Boolean(onClose)}
      onClose={onClose}
      role="status"
      data-testid="held-for-approval"
    >
      <Stack gap={6}>
        <Text size="sm">Nothing has changed yet: the change is kept as it is and applied only when the request is approved.</Text>
        {children}
        <Anchor component={Link} to={approvalPath(request.id)} size="sm" fw={600} data-testid="held-approval-link">
          Open the approval request: {request.title}
        </Anchor>
      </Stack>
    </Alert>
  );
}
