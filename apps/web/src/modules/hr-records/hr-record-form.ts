import { HrRecordKind, HrRecordStatus, type HrRecordCreateInput, type HrRecordUpdateInput } from '../../gql/graphql';
import type { UserErrorLike } from '../../ui/errors';

/** One input of a record's data, read from the JSON schema of its kind (as the API publishes it). */
export interface DataField {
  name: string;
  label: string;
  input: 'text' | 'longText' | 'number' | 'integer' | 'date' | 'choice' | 'list';
  required: boolean;
  choices?: string[];
  min?: number;
  max?: number;
}

interface SchemaProperty {
  type?: string;
  enum?: unknown[];
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  items?: { type?: string };
}

/** "salaryExpectation" -> "Salary expectation" */
export function labelOf(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

function inputOf(property: SchemaProperty): DataField['input'] {
  if (property.enum) return 'choice';
  if (property.type === 'array') return 'list';
  if (property.type === 'integer') return 'integer';
  if (property.type === 'number') return 'number';
  if (property.pattern === DATE_PATTERN) return 'date';
  return (property.maxLength ?? 0) > 500 ? 'longText' : 'text';
}

/** The inputs of a kind's form, in the schema's order: each property of the schema becomes one field. */
export function dataFieldsOf(schema: Record<string, unknown> | null | undefined): DataField[] {
  const properties = (schema?.properties ?? {}) as Record<string, SchemaProperty>;
  const required = new Set((schema?.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    label: labelOf(name),
    input: inputOf(property),
    required: required.has(name),
    ...(property.enum ? { choices: property.enum.map(String) } : {}),
    ...(property.minimum !== undefined ? { min: property.minimum } : {}),
    ...(property.maximum !== undefined ? { max: property.maximum } : {}),
  }));
}

/** What a data input holds while typed: text, or the items of a list. */
export type DataValue = string | string[];

export interface HrRecordFormValues {
  kind: HrRecordKind;
  status: HrRecordStatus;
  subjectName: string;
  subjectEmail: string;
  data: Record<string, DataValue>;
}

export const emptyHrRecord = (kind: HrRecordKind = HrRecordKind.Candidate): HrRecordFormValues => ({
  kind,
  status: HrRecordStatus.Pending,
  subjectName: '',
  subjectEmail: '',
  data: {},
});

/** A record's values in the form: what the API returned, as text. */
export function formValuesOf(record: {
  kind: HrRecordKind;
  status: HrRecordStatus;
  subjectName: string | null;
  subjectEmail: string | null;
  data: Record<string, unknown> | null;
}): HrRecordFormValues {
  const data: Record<string, DataValue> = {};
  for (const [name, value] of Object.entries(record.data ?? {})) data[name] = Array.isArray(value) ? value.map(String) : value == null ? '' : String(value);
  return { kind: record.kind, status: record.status, subjectName: record.subjectName ?? '', subjectEmail: record.subjectEmail ?? '', data };
}

/**
 * The data object to send: empty inputs left out, numbers as numbers. A number that does not parse is sent as typed, so
 * the API names the problem in its own words (the schema is the API's).
 */
export function dataOf(fields: readonly DataField[], values: Record<string, DataValue>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (field.input === 'list') {
      const items = (Array.isArray(value) ? value : []).map((v) => v.trim()).filter(Boolean);
      if (items.length) data[field.name] = items;
      continue;
    }
    const text = typeof value === 'string' ? value.trim() : '';
    if (!text) continue;
    const number = Number(text);
    data[field.name] = (field.input === 'number' || field.input === 'integer') && Number.isFinite(number) ? number : text;
  }
  return data;
}

export function toCreateInput(fields: readonly DataField[], values: HrRecordFormValues): HrRecordCreateInput {
  return { kind: values.kind, status: values.status, subjectName: values.subjectName, subjectEmail: values.subjectEmail, data: dataOf(fields, values.data) };
}

export function toUpdateInput(recordId: string, fields: readonly DataField[], values: HrRecordFormValues): HrRecordUpdateInput {
  return { recordId, subjectName: values.subjectName, subjectEmail: values.subjectEmail, data: dataOf(fields, values.data) };
}

/** The form paths a kind's form shows next to their inputs. */
export const formFields = (fields: readonly DataField[]) => ['kind', 'status', 'subjectName', 'subjectEmail', ...fields.map((f) => `data.${f.name}`)];

/**
 * The API names a problem with data in its message ("data.rating must be <= 5 (…)", 'data needs "startDate" (…)'),
 * its field being the whole of data: the problem goes to the input it names, so it shows beside that input.
 */
export function placeDataErrors<E extends UserErrorLike>(errors: readonly E[]): E[] {
  return errors.map((error) => {
    const path = error.field?.join('.');
    if (path !== 'input.data' && path !== 'data') return error;
    const named = /^data\.(\w+)/.exec(error.message)?.[1] ?? /^data needs "(\w+)"/.exec(error.message)?.[1];
    return named ? { ...error, field: [...(error.field ?? []), named] } : error;
  });
}
