import { ActionIcon, Table, Tooltip, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';

/** The header of a table's last column, which holds each row's action buttons. */
export function ActionsHeader({ w }: { w?: number }) {
  return (
    <Table.Th w={w}>
      <VisuallyHidden>Actions</VisuallyHidden>
    </Table.Th>
  );
}

interface RowActionProps {
  /** Shown on hover. */
  label: string;
  /** Names the row too ("Remove Slack alerts"); the tooltip alone would be the same on every row. */
  ariaLabel: string;
  icon: ReactNode;
  /** Red for what removes or revokes. */
  danger?: boolean;
  onClick: () => void;
}

/** An icon button in a table row, with its label in a tooltip. */
export function RowAction({ label, ariaLabel, icon, danger = false, onClick }: RowActionProps) {
  return (
    <Tooltip label={label} withArrow>
      <ActionIcon variant="subtle" color={danger ? 'red' : undefined} aria-label={ariaLabel} onClick={onClick}>
        {icon}
      </ActionIcon>
    </Tooltip>
  );
}
