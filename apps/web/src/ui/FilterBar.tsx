import { ActionIcon, type ActionIconProps, Group, Tooltip } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import type { ReactNode } from 'react';

interface RefreshButtonProps extends Pick<ActionIconProps, 'ml' | 'mt'> {
  /** What the list shows, for the button's accessible name ("Refresh models"). */
  what: string;
  /** A refetch is under way while the current rows stay on screen. */
  refreshing: boolean;
  onRefresh: () => void;
}

/** Reloads a list without clearing it. */
export function RefreshButton({ what, refreshing, onRefresh, ml, mt }: RefreshButtonProps) {
  return (
    <Tooltip label="Refresh" withArrow>
      <ActionIcon variant="default" size="lg" ml={ml} mt={mt} aria-label={`Refresh ${what}`} loading={refreshing} onClick={onRefresh}>
        <IconRefresh size={18} />
      </ActionIcon>
    </Tooltip>
  );
}

/** A list's filters in a wrapping row, with the refresh button at its far end. */
export function FilterBar({ children, ...refresh }: RefreshButtonProps & { children: ReactNode }) {
  return (
    <Group align="flex-end" mb="md" wrap="wrap">
      {children}
      <RefreshButton {...refresh} ml="auto" />
    </Group>
  );
}
