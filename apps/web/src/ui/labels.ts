import { words } from '../format/words';
import {
  type AgentRole,
  type AgentRuntimeState,
  type AgentStatus,
  type ComplianceStatus,
  CostCategory,
  CostProvider,
  type ModelTier,
  type ThinkingMode,
} from '../gql/graphql';

export const STATUS_COLOR: Record<AgentStatus, string> = { DRAFT: 'gray', DEPLOYED: 'teal', SUSPENDED: 'orange', ARCHIVED: 'dark' };
export const COMPLIANCE_COLOR: Record<ComplianceStatus, string> = { COMPLIANT: 'teal', NON_COMPLIANT: 'red', PENDING_REVIEW: 'yellow' };
export const COMPLIANCE_LABEL: Record<ComplianceStatus, string> = { COMPLIANT: 'Compliant', NON_COMPLIANT: 'Non-compliant', PENDING_REVIEW: 'Pending review' };
export const RUNTIME_COLOR: Record<AgentRuntimeState, string> = { ACTIVE: 'green', IDLE: 'gray', PAUSED: 'orange', ERROR: 'red', PROVISIONING: 'blue' };
export const ROLE_LABEL: Record<AgentRole, string> = { ENGINEERING: 'Engineering', OPERATIONS: 'Operations', PM: 'Product (PM)', CUSTOM: 'Custom' };
export const TIER_LABEL: Record<ModelTier, string> = { HAIKU: 'Haiku', SONNET: 'Sonnet', OPUS: 'Opus' };
export const THINKING_LABEL: Record<ThinkingMode, string> = { OFF: 'Off', LOW: 'Low', HIGH: 'High' };

export const statusOptions = (Object.keys(STATUS_COLOR) as AgentStatus[]).map((value) => ({ value, label: words(value) }));
export const complianceOptions = (Object.keys(COMPLIANCE_LABEL) as ComplianceStatus[]).map((value) => ({ value, label: COMPLIANCE_LABEL[value] }));
export const roleOptions = (Object.keys(ROLE_LABEL) as AgentRole[]).map((value) => ({ value, label: ROLE_LABEL[value] }));
export const tierOptions = (Object.keys(TIER_LABEL) as ModelTier[]).map((value) => ({ value, label: TIER_LABEL[value] }));
export const thinkingOptions = (Object.keys(THINKING_LABEL) as ThinkingMode[]).map((value) => ({ value, label: THINKING_LABEL[value] }));

export const PROVIDER_COLOR: Record<CostProvider, string> = {
  [CostProvider.Anthropic]: 'orange.6',
  [CostProvider.Openai]: 'teal.6',
  [CostProvider.Aws]: 'yellow.6',
  [CostProvider.Azure]: 'blue.6',
  [CostProvider.Gcp]: 'red.6',
  [CostProvider.Other]: 'gray.6',
};

export const PROVIDER_LABEL: Record<CostProvider, string> = {
  [CostProvider.Anthropic]: 'Anthropic',
  [CostProvider.Openai]: 'OpenAI',
  [CostProvider.Aws]: 'AWS',
  [CostProvider.Azure]: 'Azure',
  [CostProvider.Gcp]: 'Google Cloud',
  [CostProvider.Other]: 'Other',
};

export const CATEGORY_COLOR: Record<CostCategory, string> = {
  [CostCategory.Ai]: 'violet.6',
  [CostCategory.Compute]: 'blue.6',
  [CostCategory.Storage]: 'cyan.6',
  [CostCategory.Network]: 'lime.6',
  [CostCategory.Other]: 'gray.6',
};

export const CATEGORY_LABEL: Record<CostCategory, string> = {
  [CostCategory.Ai]: 'AI',
  [CostCategory.Compute]: 'Compute',
  [CostCategory.Storage]: 'Storage',
  [CostCategory.Network]: 'Network',
  [CostCategory.Other]: 'Other',
};

export const providerOptions = Object.values(CostProvider).map((value) => ({ value, label: PROVIDER_LABEL[value] }));
export const categoryOptions = Object.values(CostCategory).map((value) => ({ value, label: CATEGORY_LABEL[value] }));

export function isProvider(value: string | null | undefined): value is CostProvider {
  return (Object.values(CostProvider) as string[]).includes(value ?? '');
}

export function isCategory(value: string | null | undefined): value is CostCategory {
  return (Object.values(CostCategory) as string[]).includes(value ?? '');
}
