import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A labelled value on a detail page: the label small and above, the value below. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <div>{typeof children === 'string' || typeof children === 'number' ? <Text size="sm">{children}</Text> : children}</div>
    </Stack>
  );
}
