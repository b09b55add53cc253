import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { nounFor } from './plural';

/** "Showing 25 of 80 agents" ("Showing 1 of 1 agent") and a button that appends the next page of a connection. */
export function LoadMore({
  shown,
  total,
  hasMore,
  noun,
  onLoadMore,
}: {
  shown: number;
  total: number | null | undefined;
  hasMore: boolean;
  noun: string;
  onLoadMore: () => Promise<unknown>;
}) {
  const [loading, setLoading] = useState(false);
  return (
    <Group justify="space-between" mt="md">
      <Text size="sm" c="dimmed" data-testid="list-count">
        Showing {shown}
        {total != null ? ` of ${total}` : ''} {nounFor(total ?? shown, noun)}
      </Text>
      {hasMore ? (
        <Button
          variant="light"
          loading={loading}
          onClick={() => {
            setLoading(true);
            void onLoadMore().finally(() => setLoading(false));
          }}
        >
          Load more
        </Button>
      ) : null}
    </Group>
  );
}
