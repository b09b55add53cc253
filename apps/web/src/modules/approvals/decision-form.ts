import { ApprovalDecisionValue, ApprovalFormFieldType } from '../../gql/graphql';

/** A field the deciders fill in, as the request defines it. */
export interface FormFieldSpec {
  key: string;
  label: string;
  type: ApprovalFormFieldType;
  required: boolean;
  options: readonly string[];
}

export type FormFieldValue = string | boolean;

export interface DecisionFormValues {
  decision: ApprovalDecisionValue;
  comment: string;
  /** One entry per form field of the request, by key; numbers and dates as typed. */
  formValues: Record<string, FormFieldValue>;
}

export const MAX_COMMENT = 2000;
const NUMBER = /^-?\d+(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function emptyDecision(fields: readonly FormFieldSpec[]): DecisionFormValues {
  return {
    decision: ApprovalDecisionValue.Approve,
    comment: '',
    formValues: Object.fromEntries(fields.map((f) => [f.key, f.type === ApprovalFormFieldType.Boolean ? false : ''])),
  };
}

/** The form paths a decision's problems can be shown at. */
export function decisionFields(fields: readonly FormFieldSpec[]): string[] {
  return ['decision', 'comment', ...fields.map((f) => `formValues.${f.key}`)];
}

/** The API's rules for a decision, checked before it is sent: a reason to reject, the required fields, typed values. */
export function validateDecision(values: DecisionFormValues, fields: readonly FormFieldSpec[]): Record<string, string> {
  const errors: Record<string, string> = {};
  const comment = values.comment.trim();
  if (values.decision === ApprovalDecisionValue.Reject && !comment) errors.comment = 'Say why you reject it: the requester reads this';
  if (comment.length > MAX_COMMENT) errors.comment = `Keep the comment under ${MAX_COMMENT} characters`;
  for (const field of fields) {
    const value = values.formValues[field.key];
    const text = typeof value === 'string' ? value.trim() : '';
    const path = `formValues.${field.key}`;
    if (field.type === ApprovalFormFieldType.Boolean) {
      if (field.required && value !== true) errors[path] = `Confirm "${field.label}" to decide`;
      continue;
    }
    if (!text) {
      if (field.required) errors[path] = `Fill in "${field.label}"`;
      continue;
    }
    if (field.type === ApprovalFormFieldType.Number && !NUMBER.test(text)) errors[path] = 'Enter a number, such as 42 or 3.5';
    if (field.type === ApprovalFormFieldType.Date && (!DATE.test(text) || Number.isNaN(Date.parse(text)))) errors[path] = 'Enter a date as YYYY-MM-DD';
    if (field.type === ApprovalFormFieldType.Select && !field.options.includes(text)) errors[path] = 'Choose one of the options';
  }
  return errors;
}

/** The form's values as the API takes them: numbers as numbers, empty optional fields left out. */
export function toFormValuesInput(values: DecisionFormValues, fields: readonly FormFieldSpec[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values.formValues[field.key];
    if (field.type === ApprovalFormFieldType.Boolean) {
      out[field.key] = value === true;
      continue;
    }
    const text = typeof value === 'string' ? value.trim() : '';
    if (!text) continue;
    out[field.key] = field.type === ApprovalFormFieldType.Number ? Number(text) : text;
  }
  return out;
}

export function toDecisionInput(requestId: string, values: DecisionFormValues, fields: readonly FormFieldSpec[]) {
  const comment = values.comment.trim();
  return { requestId, comment, formValues: toFormValuesInput(values, fields) };
}

/** A decision's recorded form values, as text to read. */
export function formValueText(value: unknown): string {
  if (value === true) return 'Yes';
  if (value === false) return 'No';
  if (value == null || value === '') return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
