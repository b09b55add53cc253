import { Badge, type BadgeProps, Text } from '@mantine/core';
import {
  ApprovalDeciderKind,
  ApprovalDeciderResolver,
  ApprovalMode,
  type ApprovalRequestStatus,
  type ApprovalStepStatus,
  ApprovalSubjectKind,
  ApprovalTimeoutAction,
  type HeldChangeStatus,
  type Role,
} from '../../gql/graphql';
import { roleLabel } from '../../app/access';
import { formatDateTime, formatRelative } from '../../ui/dates';
import { WHOLE } from '../../ui/badges';
import { enumText } from '../../format/words';

export const REQUEST_STATUS_COLOR: Record<ApprovalRequestStatus, string> = {
  PENDING: 'violet',
  APPROVED: 'teal',
  REJECTED: 'red',
  EXPIRED: 'gray',
  CANCELLED: 'gray',
};

export const STEP_STATUS_COLOR: Record<ApprovalStepStatus, string> = {
  WAITING: 'gray',
  PENDING: 'violet',
  APPROVED: 'teal',
  REJECTED: 'red',
  ESCALATED: 'orange',
  EXPIRED: 'gray',
  SKIPPED: 'gray',
};

export const HELD_STATUS_COLOR: Record<HeldChangeStatus, string> = { HELD: 'violet', APPLIED: 'teal', REFUSED: 'red', DISCARDED: 'gray' };

export const KIND_LABEL: Record<ApprovalSubjectKind, string> = {
  [ApprovalSubjectKind.AgentChange]: 'Agent change',
  [ApprovalSubjectKind.PolicyChange]: 'Policy change',
  [ApprovalSubjectKind.ArchitectureChange]: 'Architecture change',
  [ApprovalSubjectKind.Workflow]: 'Workflow step',
  [ApprovalSubjectKind.Manual]: 'Request',
};

export function RequestStatusBadge({ status, ...props }: { status: ApprovalRequestStatus } & BadgeProps) {
  return (
    <Badge variant="light" color={REQUEST_STATUS_COLOR[status]} styles={WHOLE} data-testid="approval-status" {...props}>
      {enumText(status)}
    </Badge>
  );
}

/** What it takes to decide a step: "One decision", "Any 2 of 3", "All 3", "Majority: 3 of 4". */
export function modeText(step: { mode: ApprovalMode; requiredApprovals: number; eligibleDeciders?: readonly unknown[] | null }): string {
  const m = step.eligibleDeciders?.length;
  const of = m ? ` of ${m}` : '';
  switch (step.mode) {
    case ApprovalMode.Single:
      return 'One decision decides';
    case ApprovalMode.AnyN:
      return `Any ${step.requiredApprovals}${of} approve`;
    case ApprovalMode.Unanimous:
      return m ? `All ${m} approve` : 'Everyone approves';
    case ApprovalMode.Majority:
      return `Majority: ${step.requiredApprovals}${of} approve`;
  }
}

export const TIMEOUT_TEXT: Record<ApprovalTimeoutAction, string> = {
  [ApprovalTimeoutAction.Escalate]: 'escalates to the next level',
  [ApprovalTimeoutAction.Approve]: 'is approved by default',
  [ApprovalTimeoutAction.Reject]: 'is rejected by default',
  [ApprovalTimeoutAction.Expire]: 'expires',
};

const RESOLVER_TEXT: Record<ApprovalDeciderResolver, string> = {
  [ApprovalDeciderResolver.AgentOwnerAdmins]: "admins other than the agent's owner",
  [ApprovalDeciderResolver.ComplianceOfficersOrAdmins]: 'compliance officers and admins (not the requester)',
};

export function deciderText(d: {
  kind: ApprovalDeciderKind;
  role: Role | null;
  resolver: ApprovalDeciderResolver | null;
  user: { fullName: string } | null;
}): string {
  if (d.kind === ApprovalDeciderKind.Member) return d.user?.fullName ?? 'a former member';
  if (d.kind === ApprovalDeciderKind.Role) return d.role ? `every ${roleLabel(d.role).toLowerCase()}` : 'a role';
  return d.resolver ? RESOLVER_TEXT[d.resolver] : 'resolved when the step opens';
}

/** Hours from a deadline at which it shows as close. */
const SOON_MS = 24 * 3600_000;

/** How a deadline reads and how loud: "overdue, 2 hours ago" in red, "due in 3 hours" in orange within a day. */
export function deadlineText(at: string, now = Date.now()): { text: string; color: string | undefined } {
  const left = Date.parse(at) - now;
  return {
    text: left < 0 ? `overdue, ${formatRelative(at, now)}` : `due ${formatRelative(at, now)}`,
    color: left < 0 ? 'red' : left < SOON_MS ? 'orange' : undefined,
  };
}

/** A deadline as "due in 3 hours", red once it has passed, orange within a day; "No deadline" without one. */
export function Deadline({ at }: { at: string | null | undefined }) {
  if (!at) {
    return (
      <Text span size="sm" c="dimmed">
        No deadline
      </Text>
    );
  }
  const { text, color } = deadlineText(at);
  return (
    <Text span size="sm" c={color} fw={color ? 600 : undefined} data-testid="deadline" title={formatDateTime(at)}>
      <time dateTime={at}>{text}</time>
    </Text>
  );
}
