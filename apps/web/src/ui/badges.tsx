import { Badge, type BadgeProps } from '@mantine/core';
import type { AgentRuntimeState, AgentStatus, ComplianceStatus, PolicyEnforcement, PolicySeverity, PolicyViolationStatus } from '../gql/graphql';
import { words } from '../format/words';
import { COMPLIANCE_COLOR, COMPLIANCE_LABEL, RUNTIME_COLOR, STATUS_COLOR } from './labels';

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

export const SEVERITY_COLOR: Record<PolicySeverity, string> = { critical: 'red', high: 'orange', medium: 'yellow', low: 'blue' };
export const ENFORCEMENT_COLOR: Record<PolicyEnforcement, string> = { block: 'red', warn: 'yellow', audit: 'gray' };
export const VIOLATION_STATUS_COLOR: Record<PolicyViolationStatus, string> = { open: 'red', blocked: 'orange', waived: 'grape', resolved: 'teal' };

export const ENFORCEMENT_HELP: Record<PolicyEnforcement, string> = {
  audit: 'Record violations; the change goes through',
  warn: 'Warn whoever makes the change; it goes through',
  block: 'Refuse the change (create, update, deploy, resume)',
};

export const severityOptions = (['critical', 'high', 'medium', 'low'] as PolicySeverity[]).map((value) => ({ value, label: value.charAt(0).toUpperCase() + value.slice(1) }));
export const enforcementOptions = (['audit', 'warn', 'block'] as PolicyEnforcement[]).map((value) => ({ value, label: value.charAt(0).toUpperCase() + value.slice(1) }));

export function SeverityBadge({ severity, ...props }: { severity: PolicySeverity } & BadgeProps) {
  return (
    <Badge variant="light" color={SEVERITY_COLOR[severity]} styles={WHOLE} data-testid="severity" {...props}>
      {severity}
    </Badge>
  );
}

export function EnforcementBadge({ enforcement, ...props }: { enforcement: PolicyEnforcement } & BadgeProps) {
  return (
    <Badge variant="outline" color={ENFORCEMENT_COLOR[enforcement]} styles={WHOLE} {...props}>
      {enforcement}
    </Badge>
  );
}

export function ViolationStatusBadge({ status, ...props }: { status: PolicyViolationStatus } & BadgeProps) {
  return (
    <Badge variant="light" color={VIOLATION_STATUS_COLOR[status]} styles={WHOLE} data-testid="violation-status" {...props}>
      {status}
    </Badge>
  );
}
