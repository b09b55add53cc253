import { Badge, type BadgeProps } from '@mantine/core';
import type { AgentRuntimeState, AgentStatus, ComplianceStatus } from '../../gql/graphql';
import { COMPLIANCE_COLOR, COMPLIANCE_LABEL, RUNTIME_COLOR, STATUS_COLOR, words } from './labels';

/** Badges in table cells keep their whole label: the cell grows instead of the label being cut. */
export const WHOLE = { root: { overflow: 'visible' as const, flexShrink: 0 }, label: { overflow: 'visible' as const } };

export function AgentStatusBadge({ status, ...props }: { status: AgentStatus } & BadgeProps) {
  return (
    <Badge variant="light" color={STATUS_COLOR[status]} styles={WHOLE} data-testid="agent-status" {...props}>
      {status}
    </Badge>
  );
}

export function ComplianceBadge({ status, ...props }: { status: ComplianceStatus } & BadgeProps) {
  return (
    <Badge variant="dot" color={COMPLIANCE_COLOR[status]} styles={WHOLE} data-testid="agent-compliance" {...props}>
      {COMPLIANCE_LABEL[status]}
    </Badge>
  );
}

export function RuntimeBadge({ state, ...props }: { state: AgentRuntimeState } & BadgeProps) {
  return (
    <Badge variant="outline" color={RUNTIME_COLOR[state]} styles={WHOLE} {...props}>
      {words(state)}
    </Badge>
  );
}
