import type { AgentCreateInput, AgentRole, AgentUpdateInput, ModelTier, ThinkingMode } from '../../gql/graphql';
import { parseJsonObject, toJsonText } from '../../ui/json';

export interface AgentFormValues {
  name: string;
  description: string;
  role: AgentRole | '';
  modelId: string | null;
  /** The architecture the agent runs on (global id), or none. */
  architectureId: string | null;
  modelTier: ModelTier | '';
  thinkingMode: ThinkingMode;
  costPerRequest: string;
  tags: string[];
  /** One per line. */
  capabilities: string;
  limitations: string;
  configuration: string;
  toolPolicy: string;
}

export interface EditableAgent {
  name: string;
  description: string;
  role: AgentRole;
  model: { id: string } | null;
  architecture?: { id: string } | null;
  modelTier: ModelTier;
  thinkingMode: ThinkingMode;
  costPerRequest?: string | null;
  tags: readonly string[];
  capabilities: readonly string[];
  limitations: readonly string[];
  configuration?: Record<string, unknown> | null;
  toolPolicy?: Record<string, unknown> | null;
}

export const FORM_FIELDS = [
  'name',
  'description',
  'role',
  'modelId',
  'architectureId',
  'modelTier',
  'thinkingMode',
  'costPerRequest',
  'tags',
  'capabilities',
  'limitations',
  'configuration',
  'toolPolicy',
];

export const emptyAgentForm: AgentFormValues = {
  name: '',
  description: '',
  role: '',
  modelId: null,
  architectureId: null,
  modelTier: '',
  thinkingMode: 'OFF',
  costPerRequest: '0',
  tags: [],
  capabilities: '',
  limitations: '',
  configuration: '',
  toolPolicy: '',
};

/** "0.065000" -> "0.065": the form shows what a person would type. */
function plainDecimal(value: string | null | undefined): string {
  if (!value) return '0';
  return value.includes('.') ? value.replace(/\.?0+$/, '') || '0' : value;
}

export function formValuesOf(agent: EditableAgent): AgentFormValues {
  return {
    name: agent.name,
    description: agent.description,
    role: agent.role,
    modelId: agent.model?.id ?? null,
    architectureId: agent.architecture?.id ?? null,
    modelTier: agent.modelTier,
    thinkingMode: agent.thinkingMode,
    costPerRequest: plainDecimal(agent.costPerRequest),
    tags: [...agent.tags],
    capabilities: agent.capabilities.join('\n'),
    limitations: agent.limitations.join('\n'),
    configuration: toJsonText(agent.configuration),
    toolPolicy: toJsonText(agent.toolPolicy),
  };
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

const DECIMAL = /^\d{1,12}(\.\d{1,6})?$/;

/** The API's input rules, checked before anything is sent. */
export function validateAgentForm(values: AgentFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  const name = values.name.trim();
  if (!name) errors.name = 'Give the agent a name, e.g. "Release Notes Writer"';
  else if (name.length > 120) errors.name = 'At most 120 characters';
  if (values.description.length > 2000) errors.description = 'At most 2000 characters';
  if (!values.role) errors.role = 'Choose what the agent works as';
  if (!values.modelTier) errors.modelTier = 'Choose a model tier';
  if (!DECIMAL.test(values.costPerRequest.trim())) errors.costPerRequest = 'A non-negative amount in USD with at most 6 decimals, e.g. 0.025';
  if (values.tags.length > 50) errors.tags = 'At most 50 tags';
  else if (values.tags.some((t) => t.length > 60)) errors.tags = 'Each tag has at most 60 characters';
  for (const field of ['capabilities', 'limitations'] as const) {
    const items = lines(values[field]);
    if (items.length > 50) errors[field] = 'At most 50, one per line';
    else if (items.some((i) => i.length > 200)) errors[field] = 'Each line has at most 200 characters';
  }
  for (const field of ['configuration', 'toolPolicy'] as const) {
    const problem = parseJsonObject(values[field]).error;
    if (problem) errors[field] = problem;
  }
  return errors;
}

export function toCreateInput(values: AgentFormValues): AgentCreateInput {
  return {
    name: values.name.trim(),
    description: values.description.trim(),
    role: values.role as AgentRole,
    modelId: values.modelId,
    modelTier: values.modelTier as ModelTier,
    thinkingMode: values.thinkingMode,
    costPerRequest: values.costPerRequest.trim(),
    tags: values.tags.map((t) => t.trim()).filter(Boolean),
    capabilities: lines(values.capabilities),
    limitations: lines(values.limitations),
    configuration: parseJsonObject(values.configuration).value,
    toolPolicy: parseJsonObject(values.toolPolicy).value,
    ...(values.architectureId ? { architectureId: values.architectureId } : {}),
  };
}

/** Only what changed: an update names the fields it changes, so policies and the audit log see just those. */
export function toUpdateInput(agentId: string, initial: AgentFormValues, values: AgentFormValues): AgentUpdateInput | null {
  const before = toCreateInput(initial);
  const after = toCreateInput(values);
  const input: AgentUpdateInput = { agentId };
  let changed = false;
  for (const key of Object.keys(after) as (keyof AgentCreateInput)[]) {
    if (JSON.stringify(before[key] ?? null) === JSON.stringify(after[key] ?? null)) continue;
    // An emptied JSON field clears it: the API reads an empty object as "nothing set".
    const value = (key === 'configuration' || key === 'toolPolicy') && after[key] == null ? {} : after[key];
    (input as unknown as Record<string, unknown>)[key] = value;
    changed = true;
  }
  // Choosing no architecture detaches the agent from the one it had: the API reads null as "none".
  if (initial.architectureId && !values.architectureId) {
    input.architectureId = null;
    changed = true;
  }
  return changed ? input : null;
}
