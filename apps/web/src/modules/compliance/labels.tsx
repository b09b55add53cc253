import { Badge, type BadgeProps } from '@mantine/core';
import { words } from '../../format/words';
import {
  ComplianceControlStatus,
  ComplianceEvidenceKind,
  ComplianceEvidenceStatus,
  ComplianceRequirementStatus,
  ComplianceReviewFrequency,
} from '../../gql/graphql';
import { WHOLE } from '../../ui/badges';

export const CONTROL_STATUS_COLOR: Record<ComplianceControlStatus, string> = { PASSING: 'teal', FAILING: 'red', EXEMPTED: 'grape' };
export const REQUIREMENT_STATUS_COLOR: Record<ComplianceRequirementStatus, string> = { MET: 'teal', NOT_MET: 'red', NOT_APPLICABLE: 'gray', EXEMPTED: 'grape' };
export const EVIDENCE_STATUS_COLOR: Record<ComplianceEvidenceStatus, string> = {
  DRAFT: 'gray',
  IN_REVIEW: 'blue',
  APPROVED: 'teal',
  REJECTED: 'red',
  EXPIRED: 'orange',
};

export const FREQUENCY_LABEL: Record<ComplianceReviewFrequency, string> = {
  MONTHLY: 'Monthly',
  QUARTERLY: 'Quarterly',
  SEMIANNUALLY: 'Every six months',
  ANNUALLY: 'Yearly',
};
export const frequencyOptions = Object.values(ComplianceReviewFrequency).map((value) => ({ value, label: FREQUENCY_LABEL[value] }));

export const EVIDENCE_KIND_LABEL: Record<ComplianceEvidenceKind, string> = { FILE: 'File', LINK: 'Link', NOTE: 'Note' };
export type StatusBadgeProps<S extends string> = { status: S } & BadgeProps;

export function ControlStatusBadge({ status, ...props }: StatusBadgeProps<ComplianceControlStatus>) {
  return (
    <Badge variant="light" color={CONTROL_STATUS_COLOR[status]} styles={WHOLE} data-testid="control-status" data-status={status} {...props}>
      {words(status)}
    </Badge>
  );
}

export function RequirementStatusBadge({ status, ...props }: StatusBadgeProps<ComplianceRequirementStatus>) {
  return (
    <Badge variant="light" color={REQUIREMENT_STATUS_COLOR[status]} styles={WHOLE} data-testid="requirement-status" data-status={status} {...props}>
      {status === ComplianceRequirementStatus.NotApplicable ? 'Not applicable' : words(status)}
    </Badge>
  );
}

export function EvidenceStatusBadge({ status, ...props }: StatusBadgeProps<ComplianceEvidenceStatus>) {
  return (
    <Badge variant="light" color={EVIDENCE_STATUS_COLOR[status]} styles={WHOLE} data-testid="evidence-status" data-status={status} {...props}>
      {words(status)}
    </Badge>
  );
}

/** "10485760" -> "10 MB". */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes == null) return '—';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
