import { Button, EmptyState } from '@mantine/core';
import { IconMapQuestion } from '@tabler/icons-react';
import { Link } from 'react-router';

/** An address that names no page, or an object that does not exist (or not in this tenant). */
export function NotFoundPage({
  title = 'No such page',
  description = 'The address does not match any page in Steward.',
}: {
  title?: string;
  description?: string;
}) {
  return (
    <EmptyState py="xl" icon={<IconMapQuestion size={28} />} withIndicatorBackground data-testid="not-found">
      <EmptyState.Title order={1}>{title}</EmptyState.Title>
      <EmptyState.Description>{description}</EmptyState.Description>
      <EmptyState.Actions>
        <Button component={Link} to="/" variant="light">
          Go to the overview
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
