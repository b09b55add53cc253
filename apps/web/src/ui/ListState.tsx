import { Center, EmptyState, Loader, Stack, Text } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { ProblemAlert } from './ProblemAlert';

interface ListStateProps {
  /** Loading with nothing to show yet (refetches keep the current rows on screen). */
  loading: boolean;
  error: unknown;
  /** Rows are loaded and there are none. */
  empty: boolean;
  emptyTitle: string;
  emptyDescription?: ReactNode;
  /** What the list is, for the "not allowed" message. */
  what: string;
  onRetry?: () => void;
  children: ReactNode;
}

/** The three states every list has besides its rows: loading, empty and failed. */
export function ListState({ loading, error, empty, emptyTitle, emptyDescription, what, onRetry, children }: ListStateProps) {
  if (loading) {
    return (
      <Center py="xl" aria-busy="true">
        <Stack align="center" gap="xs">
          <Loader size="md" />
          <Text size="sm" c="dimmed">
            Loading {what}…
          </Text>
        </Stack>
      </Center>
    );
  }
  return (
    <Stack gap="md">
      {error ? <ProblemAlert error={error} onRetry={onRetry} what={`reading ${what}`} /> : null}
      {empty && !error ? (
        <EmptyState py="xl" icon={<IconInbox size={28} />} withIndicatorBackground title={emptyTitle} description={emptyDescription} />
      ) : empty ? null : (
        children
      )}
    </Stack>
  );
}
