import { Badge, type BadgeProps } from '@mantine/core';
import type {
  AgentHealthStatus,
  AgentRuntimeState,
  AgentStatus,
  ComplianceStatus,
  PolicyEnforcement,
  PolicySeverity,
  PolicyViolationStatus,
} from '../gql/graphql';
import { enumText, words } from '../format/words';
import { COMPLIANCE_COLOR, COMPLIANCE_LABEL, RUNTIME_COLOR, STATUS_COLOR } from './labels';

/** Badges in table cells keep their whole label: the cell grows instead of the label being cut. */
export const WHOLE = { root: { overflow: 'visible' as const, flexShrink: 0 }, label: { overflow: 'visible' as const } };

export function AgentStatusBadge({ status, ...props }: { status: AgentStatus } & BadgeProps) {
  return (
    <Badge variant="light" color={STATUS_COLOR[status]} styles={WHOLE} data-testid="agent-status" {...props}>
      {enumText(status)}
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

export const SEVERITY_COLOR: Record<PolicySeverity, string> = { CRITICAL: 'red', HIGH: 'orange', MEDIUM: 'yellow', LOW: 'blue' };
export const ENFORCEMENT_COLOR: Record<PolicyEnforcement, string> = { BLOCK: 'red', REQUIRE_APPROVAL: 'violet', WARN: 'yellow', AUDIT: 'gray' };
export const VIOLATION_STATUS_COLOR: Record<PolicyViolationStatus, string> = { OPEN: 'red', BLOCKED: 'orange', WAIVED: 'grape', RESOLVED: 'teal' };

export const ENFORCEMENT_HELP: Record<PolicyEnforcement, string> = {
  AUDIT: 'Record violations; the change goes through',
  WARN: 'Warn whoever makes the change; it goes through',
  REQUIRE_APPROVAL: 'Hold the change until someone approves it; it is applied only then',
  BLOCK: 'Refuse the change (create, update, deploy, resume)',
};

export const severityOptions = (['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as PolicySeverity[]).map((value) => ({ value, label: words(value) }));
export const enforcementOptions = (['AUDIT', 'WARN', 'REQUIRE_APPROVAL', 'BLOCK'] as PolicyEnforcement[]).map((value) => ({
  value,
  label: value === 'REQUIRE_APPROVAL' ? 'Require approval' : words(value),
}));

export function SeverityBadge({ severity, ...props }: { severity: PolicySeverity } & BadgeProps) {
  return (
    <Badge variant="light" color={SEVERITY_COLOR[severity]} styles={WHOLE} data-testid="severity" {...props}>
      {enumText(severity)}
    </Badge>
  );
}

export function EnforcementBadge({ enforcement, ...props }: { enforcement: PolicyEnforcement } & BadgeProps) {
  return (
    <Badge variant="outline" color={ENFORCEMENT_COLOR[enforcement]} styles={WHOLE} {...props}>
      {enumText(enforcement)}
    </Badge>
  );
}

export function ViolationStatusBadge({ status, ...props }: { status: PolicyViolationStatus } & BadgeProps) {
  return (
    <Badge variant="light" color={VIOLATION_STATUS_COLOR[status]} styles={WHOLE} data-testid="violation-status" {...props}>
      {enumText(status)}
    </Badge>
  );
}

export const HEALTH_COLOR: Record<AgentHealthStatus, string> = { HEALTHY: 'teal', DEGRADED: 'yellow', UNHEALTHY: 'red', UNKNOWN: 'gray' };

/** An agent runtime's health as its last report (or silence) has it. */
export function HealthBadge({ status, ...props }: { status: AgentHealthStatus } & BadgeProps) {
  return (
    <Badge variant="light" color={HEALTH_COLOR[status]} styles={WHOLE} data-testid="agent-health-status" {...props}>
      {status === 'UNKNOWN' ? 'Never reported' : enumText(status)}
    </Badge>
  );
}
