import {
  PolicyEnforcement,
  type PolicyCreateInput,
  type PolicyScopeInput,
  PolicyScopeKind,
  type PolicySeverity,
  type PolicyType,
  type PolicyUpdateInput,
} from '../../gql/graphql';

export interface RuleValues {
  /** Stable across edits, for React keys only. */
  key: string;
  name: string;
  condition: string;
  message: string;
}

export interface PolicyFormValues {
  name: string;
  description: string;
  type: PolicyType | '';
  category: string;
  severity: PolicySeverity | '';
  enforcement: PolicyEnforcement;
  scopeKind: PolicyScopeKind;
  scopeTags: string[];
  scopeAgentIds: string[];
  rules: RuleValues[];
  /** New policies only: enforce at once. */
  active: boolean;
}

export interface EditablePolicy {
  name: string;
  description: string;
  type: PolicyType;
  category: string;
  severity: PolicySeverity;
  enforcement: PolicyEnforcement;
  active: boolean;
  scope: { kind: PolicyScopeKind; tags: readonly string[]; agents: readonly { id: string }[] };
  rules?: readonly { name: string; condition: string; message: string }[] | null;
}

export const MAX_RULES = 20;

let keys = 0;
export const newRule = (): RuleValues => ({ key: `rule-${++keys}`, name: '', condition: '', message: '' });

export function emptyPolicyForm(): PolicyFormValues {
  return {
    name: '',
    description: '',
    type: '',
    category: '',
    severity: '',
    enforcement: PolicyEnforcement.Audit,
    scopeKind: PolicyScopeKind.All,
    scopeTags: [],
    scopeAgentIds: [],
    rules: [newRule()],
    active: true,
  };
}

export function policyFormValuesOf(policy: EditablePolicy): PolicyFormValues {
  return {
    name: policy.name,
    description: policy.description,
    type: policy.type,
    category: policy.category,
    severity: policy.severity,
    enforcement: policy.enforcement,
    scopeKind: policy.scope.kind,
    scopeTags: [...policy.scope.tags],
    scopeAgentIds: policy.scope.agents.map((a) => a.id),
    rules: (policy.rules ?? []).map((r) => ({ ...newRule(), name: r.name, condition: r.condition, message: r.message })),
    active: policy.active,
  };
}

/** The API's input rules, checked before anything is sent; conditions are checked live and by the API on save. */
export function validatePolicyForm(values: PolicyFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  const name = values.name.trim();
  if (!name) errors.name = 'Give the policy a name, e.g. "Opus cost ceiling"';
  else if (name.length > 120) errors.name = 'At most 120 characters';
  if (values.description.length > 2000) errors.description = 'At most 2000 characters';
  if (!values.type) errors.type = 'Choose what the policy governs';
  if (values.category.trim().length > 60) errors.category = 'At most 60 characters';
  if (!values.severity) errors.severity = 'Choose a severity';
  if (values.scopeKind === PolicyScopeKind.Tags && !values.scopeTags.some((t) => t.trim())) errors.scopeTags = 'Add at least one tag';
  if (values.scopeTags.some((t) => t.length > 60)) errors.scopeTags = 'Each tag has at most 60 characters';
  if (values.scopeKind === PolicyScopeKind.Agents && !values.scopeAgentIds.length) errors.scopeAgentIds = 'Choose at least one agent';
  if (!values.rules.length) errors.rules = 'A policy needs at least one rule';
  if (values.rules.length > MAX_RULES) errors.rules = `At most ${MAX_RULES} rules`;
  const seen = new Set<string>();
  values.rules.forEach((rule, i) => {
    const ruleName = rule.name.trim();
    if (!ruleName) errors[`rules.${i}.name`] = 'Give the rule a name';
    else if (ruleName.length > 100) errors[`rules.${i}.name`] = 'At most 100 characters';
    else if (seen.has(ruleName.toLowerCase())) errors[`rules.${i}.name`] = 'Another rule has this name';
    seen.add(ruleName.toLowerCase());
    if (!rule.condition.trim()) errors[`rules.${i}.condition`] = 'Write the condition that means a violation';
    else if (rule.condition.length > 10_000) errors[`rules.${i}.condition`] = 'At most 10,000 characters';
    if (!rule.message.trim()) errors[`rules.${i}.message`] = 'Say what the caller is told';
    else if (rule.message.trim().length > 500) errors[`rules.${i}.message`] = 'At most 500 characters';
  });
  return errors;
}

export function scopeInput(values: PolicyFormValues): PolicyScopeInput {
  if (values.scopeKind === PolicyScopeKind.Tags) return { kind: values.scopeKind, tags: values.scopeTags.map((t) => t.trim()).filter(Boolean), agentIds: [] };
  if (values.scopeKind === PolicyScopeKind.Agents) return { kind: values.scopeKind, tags: [], agentIds: values.scopeAgentIds };
  return { kind: PolicyScopeKind.All, tags: [], agentIds: [] };
}

export function rulesInput(values: PolicyFormValues) {
  return values.rules.map((r) => ({ name: r.name.trim(), condition: r.condition, message: r.message.trim() }));
}

export function toPolicyCreateInput(values: PolicyFormValues): PolicyCreateInput {
  return {
    name: values.name.trim(),
    description: values.description.trim(),
    type: values.type as PolicyType,
    category: values.category.trim(),
    severity: values.severity as PolicySeverity,
    enforcement: values.enforcement,
    scope: scopeInput(values),
    rules: rulesInput(values),
    active: values.active,
  };
}

/** Only what changed: every saved change adds a version, so an unchanged form saves nothing. */
export function toPolicyUpdateInput(policyId: string, initial: PolicyFormValues, values: PolicyFormValues): PolicyUpdateInput | null {
  const before = toPolicyCreateInput(initial);
  const after = toPolicyCreateInput(values);
  const input: PolicyUpdateInput = { policyId };
  let changed = false;
  for (const key of ['name', 'description', 'type', 'category', 'severity', 'enforcement', 'scope', 'rules'] as const) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    (input as unknown as Record<string, unknown>)[key] = after[key];
    changed = true;
  }
  return changed ? input : null;
}

/** API paths -> form paths: ["input", "scope", "tags"] names the tags field. */
export function policyFormField(field: string): string {
  if (field.startsWith('scope.tags')) return 'scopeTags';
  if (field.startsWith('scope.agentIds')) return 'scopeAgentIds';
  if (field.startsWith('scope')) return 'scopeKind';
  return field;
}
