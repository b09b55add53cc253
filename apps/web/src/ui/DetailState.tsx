import { Center, EmptyState, Loader, Stack, Text } from '@mantine/core';
import type { ComponentType, ReactNode } from 'react';
import { problemsOf } from './errors';
import { ProblemAlert } from './ProblemAlert';

interface DetailStateProps {
  /** The object once loaded; the children render only then. */
  found: boolean;
  loading: boolean;
  error: unknown;
  /** e.g. "this violation", for the loading label and the error message. */
  what: string;
  notFoundTitle: string;
  icon: ComponentType<{ size?: number | string }>;
  back: ReactNode;
  onRetry: () => void;
  children: ReactNode;
}

/** A detail page before its object is there: loading, failed, or not found (also when it is another tenant's). */
export function DetailState({ found, loading, error, what, notFoundTitle, icon: Icon, back, onRetry, children }: DetailStateProps) {
  if (found) return <>{children}</>;
  if (loading) {
    return (
      <Center py="xl" aria-busy="true">
        <Stack align="center" gap="xs">
          <Loader />
          <Text size="sm" c="dimmed">
            Loading {what}…
          </Text>
        </Stack>
      </Center>
    );
  }
  const notFound = !error || problemsOf(error).every((p) => p.kind === 'notFound');
  return (
    <Stack>
      {back}
      {notFound ? (
        <EmptyState
          py="xl"
          icon={<Icon size={28} />}
          title={notFoundTitle}
          description="It may have been removed, or it belongs to another tenant."
          data-testid="not-found"
        />
      ) : (
        <ProblemAlert error={error} onRetry={onRetry} what={`reading ${what}`} />
      )}
    </Stack>
  );
}
