import { Badge, type BadgeProps, Group, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { enumText } from '../../format/words';
import { HrRecordKind, HrRecordStatus } from '../../gql/graphql';
import { WHOLE } from '../../ui/badges';

export const KIND_LABEL: Record<HrRecordKind, string> = {
  [HrRecordKind.Candidate]: 'Candidate',
  [HrRecordKind.Employee]: 'Employee',
  [HrRecordKind.Performance]: 'Performance review',
};

export const kindOptions = Object.values(HrRecordKind).map((kind) => ({ value: kind, label: KIND_LABEL[kind] }));
export const statusOptions = Object.values(HrRecordStatus).map((status) => ({ value: status, label: enumText(status) }));

const STATUS_COLOR: Record<HrRecordStatus, string> = { [HrRecordStatus.Active]: 'teal', [HrRecordStatus.Inactive]: 'gray', [HrRecordStatus.Pending]: 'yellow' };

export function HrStatusBadge({ status, ...props }: { status: HrRecordStatus } & BadgeProps) {
  return (
    <Badge variant="light" color={STATUS_COLOR[status]} styles={WHOLE} data-testid="hr-status" data-status={status} {...props}>
      {enumText(status)}
    </Badge>
  );
}

/** The note in place of a personal field the API did not give the caller. */
export const HIDDEN_NOTE = 'Hidden: needs HR manager';

/**
 * A personal field as the API answered it: its value when the caller reads personal fields (personalFieldsVisible),
 * else the note. The UI never decides this itself.
 */
export function PersonalValue({ visible, children }: { visible: boolean; children: ReactNode }) {
  if (visible) return <>{children}</>;
  return (
    <Group gap={4} wrap="nowrap" data-testid="personal-hidden">
      <IconLock size={14} aria-hidden />
      <Text size="sm" c="dimmed" fs="italic">
        {HIDDEN_NOTE}
      </Text>
    </Group>
  );
}
