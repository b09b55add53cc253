import { Button, EmptyState } from '@mantine/core';
import { IconMapQuestion } from '@tabler/icons-react';
import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <EmptyState py="xl" icon={<IconMapQuestion size={28} />} withIndicatorBackground title="No such page" description="The address does not match any page in Steward.">
      <EmptyState.Actions>
        <Button component={Link} to="/" variant="light">
          Go to the overview
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
