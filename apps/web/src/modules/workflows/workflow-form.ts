import { type WorkflowEvent, WorkflowTriggerKind, WorkflowType, type WorkflowCreateInput } from '../../gql/graphql';
import type { WorkflowGraph } from './graph';

export interface WorkflowFormValues {
  name: string;
  description: string;
  type: WorkflowType;
  triggerKind: WorkflowTriggerKind;
  cron: string;
  event: WorkflowEvent | null;
}

export const FORM_FIELDS = ['name', 'description', 'type', 'triggerKind', 'cron', 'event'];

export const emptyWorkflow: WorkflowFormValues = {
  name: '',
  description: '',
  type: WorkflowType.Automation,
  triggerKind: WorkflowTriggerKind.Manual,
  cron: '',
  event: null,
};

/** Five fields (minute hour day month weekday), each a number, a range, a list, a step or *. */
const CRON = /^(\S+\s+){4}\S+$/;
const CRON_FIELD = /^(\*|\d+(-\d+)?)(\/\d+)?(,(\*|\d+(-\d+)?)(\/\d+)?)*$/;

export function validateWorkflow(values: WorkflowFormValues): Partial<Record<keyof WorkflowFormValues, string>> {
  const errors: Partial<Record<keyof WorkflowFormValues, string>> = {};
  const name = values.name.trim();
  if (!name || name.length > 120) errors.name = 'Give the workflow a name of up to 120 characters';
  if (values.description.length > 2000) errors.description = 'Keep the description under 2000 characters';
  if (values.triggerKind === WorkflowTriggerKind.Schedule) {
    const cron = values.cron.trim();
    if (!CRON.test(cron) || !cron.split(/\s+/).every((f) => CRON_FIELD.test(f))) errors.cron = 'Five cron fields, e.g. "0 9 * * 1" for Mondays at 09:00 UTC';
  }
  if (values.triggerKind === WorkflowTriggerKind.Event && !values.event) errors.event = 'Choose the event that starts it';
  return errors;
}

export function toWorkflowInput(values: WorkflowFormValues, graph: WorkflowGraph): WorkflowCreateInput {
  return {
    name: values.name.trim(),
    description: values.description.trim(),
    type: values.type,
    trigger: {
      kind: values.triggerKind,
      cron: values.triggerKind === WorkflowTriggerKind.Schedule ? values.cron.trim() : null,
      event: values.triggerKind === WorkflowTriggerKind.Event ? values.event : null,
    },
    graph: graph as unknown as Record<string, unknown>,
  };
}

/** The API names the trigger's parts as trigger.cron / trigger.event / trigger.kind. */
export function formField(apiField: string): string {
  if (apiField === 'trigger.cron') return 'cron';
  if (apiField === 'trigger.event') return 'event';
  if (apiField === 'trigger.kind' || apiField === 'trigger') return 'triggerKind';
  return apiField;
}
