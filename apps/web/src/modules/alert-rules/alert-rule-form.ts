import { AlertSeverity, type AlertRuleCreateInput, type AlertRulePreviewInput, type AlertRuleRowFragment, type AlertRuleUpdateInput } from '../../gql/graphql';
import type { ConditionLanguage } from '../policies/public';

export interface AlertRuleFormValues {
  name: string;
  description: string;
  condition: string;
  windowMinutes: number | string;
  forMinutes: number | string;
  severity: AlertSeverity;
  agentTags: string[];
}

export const emptyRule: AlertRuleFormValues = {
  name: '',
  description: '',
  condition: '',
  windowMinutes: 5,
  forMinutes: 0,
  severity: AlertSeverity.Warning,
  agentTags: [],
};

/** The form paths the API's userErrors may name (["input", "condition"] -> condition). */
export const FORM_FIELDS = ['name', 'description', 'condition', 'windowMinutes', 'forMinutes', 'severity', 'agentTags'] as const;

export const MAX_MINUTES = 1440;

export function valuesOf(rule: AlertRuleRowFragment): AlertRuleFormValues {
  return {
    name: rule.name,
    description: rule.description ?? '',
    condition: rule.condition,
    windowMinutes: rule.windowMinutes,
    forMinutes: rule.forMinutes,
    severity: rule.severity,
    agentTags: [...rule.agentTags],
  };
}

function minutes(value: number | string): number | null {
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  return String(value).trim() !== '' && Number.isInteger(n) ? n : null;
}

/** Checked as the API checks it, so most problems show before a round trip. */
export function validateRule(values: AlertRuleFormValues): Partial<Record<keyof AlertRuleFormValues, string>> {
  const errors: Partial<Record<keyof AlertRuleFormValues, string>> = {};
  if (!values.name.trim()) errors.name = 'Give the rule a name';
  else if (values.name.trim().length > 120) errors.name = 'At most 120 characters';
  if (values.description.length > 1000) errors.description = 'At most 1000 characters';
  if (!values.condition.trim()) errors.condition = 'Write the condition that means something is wrong, e.g. window.errorRate > 0.05';
  const window = minutes(values.windowMinutes);
  if (window == null || window < 1 || window > MAX_MINUTES) errors.windowMinutes = `Whole minutes from 1 to ${MAX_MINUTES}`;
  const hold = minutes(values.forMinutes);
  if (hold == null || hold < 0 || hold > MAX_MINUTES) errors.forMinutes = `Whole minutes from 0 to ${MAX_MINUTES}`;
  if (values.agentTags.some((t) => !t.trim() || t.length > 60)) errors.agentTags = 'Tags have 1 to 60 characters';
  return errors;
}

export function toCreateInput(values: AlertRuleFormValues): AlertRuleCreateInput {
  return {
    name: values.name.trim(),
    description: values.description.trim() || null,
    condition: values.condition.trim(),
    windowMinutes: Number(values.windowMinutes),
    forMinutes: Number(values.forMinutes),
    severity: values.severity,
    agentTags: values.agentTags.map((t) => t.trim()),
  };
}

/** Only what changed. */
export function toUpdateInput(alertRuleId: string, before: AlertRuleFormValues, values: AlertRuleFormValues): AlertRuleUpdateInput {
  const after = toCreateInput(values);
  const was = toCreateInput(before);
  const input: AlertRuleUpdateInput = { alertRuleId };
  if (after.name !== was.name) input.name = after.name;
  if (after.description !== was.description) input.description = after.description ?? '';
  if (after.condition !== was.condition) input.condition = after.condition;
  if (after.windowMinutes !== was.windowMinutes) input.windowMinutes = after.windowMinutes;
  if (after.forMinutes !== was.forMinutes) input.forMinutes = after.forMinutes;
  if (after.severity !== was.severity) input.severity = after.severity;
  if ((after.agentTags ?? []).join('\n') !== (was.agentTags ?? []).join('\n')) input.agentTags = after.agentTags;
  return input;
}

/** The preview's input for the form as it stands, or null while the condition or the minutes cannot be evaluated. */
export function previewInput(values: AlertRuleFormValues): AlertRulePreviewInput | null {
  const errors = validateRule(values);
  if (errors.condition || errors.windowMinutes || errors.forMinutes || errors.agentTags) return null;
  const input = toCreateInput(values);
  return { condition: input.condition, windowMinutes: input.windowMinutes, forMinutes: input.forMinutes, agentTags: input.agentTags, hours: 24 };
}

/** "Line 1, column 17: …" -> the place in the condition, for the editor's mark. */
export function conditionPosition(condition: string, message: string): { line: number; column: number; offset: number } | null {
  const match = /^Line (\d+), column (\d+)/.exec(message);
  if (!match) return null;
  const line = Number(match[1]);
  const column = Number(match[2]);
  const lines = condition.split('\n');
  if (line < 1 || line > lines.length) return null;
  const offset = lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0) + Math.max(0, column - 1);
  return { line, column, offset: Math.min(offset, condition.length) };
}

/** What an alert rule's condition sees, per agent over the rule's window (the API's alert-rule variables). */
export const WINDOW_FIELDS = [
  { name: 'requests', type: 'double' },
  { name: 'errors', type: 'double' },
  { name: 'errorRate', type: 'double' },
  { name: 'latencyAvgMs', type: 'double' },
  { name: 'latencyP95Ms', type: 'double' },
  { name: 'tokensPrompt', type: 'double' },
  { name: 'tokensCompletion', type: 'double' },
  { name: 'uptime', type: 'double' },
];

/** The policy language's agent and functions, with the rule's own `window` and `metrics`. */
export function ruleLanguage(policy: ConditionLanguage | null | undefined): ConditionLanguage {
  const agent = policy?.variables.find((v) => v.name === 'agent') ?? {
    name: 'agent',
    fields: [
      { name: 'name', type: 'string' },
      { name: 'tags', type: 'list(string)' },
    ],
  };
  return {
    variables: [agent, { name: 'window', fields: WINDOW_FIELDS }, { name: 'metrics', fields: [] }],
    functions: policy?.functions ?? [],
    methods: policy?.methods ?? [],
  };
}

export const SEVERITY_OPTIONS = [
  { value: AlertSeverity.Info, label: 'Info' },
  { value: AlertSeverity.Warning, label: 'Warning' },
  { value: AlertSeverity.Critical, label: 'Critical' },
];
