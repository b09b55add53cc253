import { Badge, Tooltip } from '@mantine/core';
import { useLiveStatus } from '../apollo/LiveProvider';

const SHOWN = {
  live: { label: 'Live', color: 'teal', hint: 'Changes appear here as they happen' },
  connecting: { label: 'Connecting…', color: 'gray', hint: 'Opening the live connection' },
  reconnecting: { label: 'Reconnecting…', color: 'orange', hint: 'The live connection was lost; trying again. Pages show what they last received.' },
} as const;

/** The header's word on live updates: live, connecting or reconnecting; nothing while no page listens. */
export function LiveIndicator() {
  const status = useLiveStatus();
  const shown = status === 'idle' ? null : SHOWN[status];
  return (
    <div role="status" aria-live="polite" data-testid="live-status" data-status={status}>
      {shown ? (
        <Tooltip label={shown.hint}>
          <Badge variant="light" color={shown.color} visibleFrom="xs" leftSection={<span aria-hidden="true">●</span>}>
            {shown.label}
          </Badge>
        </Tooltip>
      ) : null}
    </div>
  );
}
