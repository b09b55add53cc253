import { Badge, type BadgeProps, Group, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { allowed } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
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

/**
 * The note in place of a personal field the API did not give the caller. Admins read them when the tenant allows it,
 * so an admin is hidden them only by that setting; other members cannot read the setting, so theirs holds either way.
 */
export const HIDDEN_NOTE = 'Hidden: for HR managers (and admins if allowed)';
export const ADMIN_HIDDEN_NOTE = 'Hidden: admins may not read personal fields';

/**
 * A personal field as the API answered it: its value when the caller reads personal fields (personalFieldsVisible),
 * else the note. The UI never decides this itself.
 */
export function PersonalValue({ visible, children }: { visible: boolean; children: ReactNode }) {
  const viewer = useViewer();
  if (visible) return <>{children}</>;
  return (
    <Group gap={4} wrap="nowrap" data-testid="personal-hidden">
      <IconLock size={14} aria-hidden />
      <Text size="sm" c="dimmed" fs="italic">
        {allowed(viewer, 'hr.settings') ? ADMIN_HIDDEN_NOTE : HIDDEN_NOTE}
      </Text>
    </Group>
  );
}
