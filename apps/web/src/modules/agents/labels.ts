import type { AgentRole, AgentRuntimeState, AgentStatus, ComplianceStatus, ModelTier, ThinkingMode } from '../../gql/graphql';

/** "non_compliant" -> "Non compliant": enum values read as words. */
export function words(value: string): string {
  const spaced = value.replace(/_/g, ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

export const STATUS_COLOR: Record<AgentStatus, string> = { draft: 'gray', deployed: 'teal', suspended: 'orange', archived: 'dark' };
export const COMPLIANCE_COLOR: Record<ComplianceStatus, string> = { compliant: 'teal', non_compliant: 'red', pending_review: 'yellow' };
export const COMPLIANCE_LABEL: Record<ComplianceStatus, string> = { compliant: 'Compliant', non_compliant: 'Non-compliant', pending_review: 'Pending review' };
export const RUNTIME_COLOR: Record<AgentRuntimeState, string> = { active: 'green', idle: 'gray', paused: 'orange', error: 'red', provisioning: 'blue' };
export const ROLE_LABEL: Record<AgentRole, string> = { engineering: 'Engineering', operations: 'Operations', pm: 'Product (PM)', custom: 'Custom' };
export const TIER_LABEL: Record<ModelTier, string> = { haiku: 'Haiku', sonnet: 'Sonnet', opus: 'Opus' };
export const THINKING_LABEL: Record<ThinkingMode, string> = { off: 'Off', low: 'Low', high: 'High' };

export const statusOptions = (Object.keys(STATUS_COLOR) as AgentStatus[]).map((value) => ({ value, label: words(value) }));
export const complianceOptions = (Object.keys(COMPLIANCE_LABEL) as ComplianceStatus[]).map((value) => ({ value, label: COMPLIANCE_LABEL[value] }));
export const roleOptions = (Object.keys(ROLE_LABEL) as AgentRole[]).map((value) => ({ value, label: ROLE_LABEL[value] }));
export const tierOptions = (Object.keys(TIER_LABEL) as ModelTier[]).map((value) => ({ value, label: TIER_LABEL[value] }));
export const thinkingOptions = (Object.keys(THINKING_LABEL) as ThinkingMode[]).map((value) => ({ value, label: THINKING_LABEL[value] }));

/** "0.065000" -> "$0.065": the API's exact decimals, without trailing zeros. */
export function formatUsd(value: string | null | undefined): string {
  if (value == null) return '—';
  const [whole, fraction = ''] = value.split('.');
  const trimmed = fraction.replace(/0+$/, '');
  return `$${whole}${trimmed.length ? `.${trimmed.length < 2 ? trimmed.padEnd(2, '0') : trimmed}` : ''}`;
}
