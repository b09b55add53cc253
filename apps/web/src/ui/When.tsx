import { Text, Tooltip } from '@mantine/core';
import { formatDateTime, formatRelative } from './dates';

/** A time as "5 minutes ago", with the exact time on hover and focus. */
export function When({ at, never = '—' }: { at: string | null | undefined; never?: string }) {
  if (!at) {
    return (
      <Text span size="sm" c="dimmed">
        {never}
      </Text>
    );
  }
  return (
    <Tooltip label={formatDateTime(at)} withArrow>
      <Text span size="sm" component="time" dateTime={at} tabIndex={0}>
        {formatRelative(at)}
      </Text>
    </Tooltip>
  );
}
