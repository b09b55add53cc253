import { Skeleton, Stack } from '@mantine/core';

/** Rows of grey while a list loads, about the height of the table to come. */
export function TableSkeleton({ rows = 4, label }: { rows?: number; label: string }) {
  return (
    <Stack gap="sm" aria-busy="true" aria-label={label} py="xs" data-state="loading">
      <Skeleton h={18} w="40%" />
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} h={40} />
      ))}
    </Stack>
  );
}
