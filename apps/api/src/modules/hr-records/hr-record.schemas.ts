import Ajv, { ErrorObject } from 'ajv';
import { HrRecordKind } from './hr-record.entity';

/** The structured data each kind of record holds (JSON Schema, draft 7). Documented in docs/hr-records.md. */
export const HR_DATA_SCHEMAS: Record<HrRecordKind, object> = {
  [HrRecordKind.CANDIDATE]: {
    type: 'object',
    required: ['position'],
    additionalProperties: false,
    properties: {
      position: { type: 'string', minLength: 1, maxLength: 200 },
      source: { type: 'string', maxLength: 200 },
      stage: { enum: ['applied', 'screening', 'interview', 'offer', 'hired', 'rejected'] },
      salaryExpectation: { type: 'number', minimum: 0 },
      notes: { type: 'string', maxLength: 5000 },
    },
  },
  [HrRecordKind.EMPLOYEE]: {
    type: 'object',
    required: ['title', 'startDate'],
    additionalProperties: false,
    properties: {
      title: { type: 'string', minLength: 1, maxLength: 200 },
      department: { type: 'string', maxLength: 200 },
      startDate: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
      salary: { type: 'number', minimum: 0 },
      phone: { type: 'string', maxLength: 50 },
      address: { type: 'string', maxLength: 500 },
    },
  },
  [HrRecordKind.PERFORMANCE]: {
    type: 'object',
    required: ['period', 'rating'],
    additionalProperties: false,
    properties: {
      period: { type: 'string', minLength: 1, maxLength: 50 },
      rating: { type: 'integer', minimum: 1, maximum: 5 },
      reviewer: { type: 'string', maxLength: 200 },
      summary: { type: 'string', maxLength: 5000 },
      goals: { type: 'array', maxItems: 20, items: { type: 'string', maxLength: 500 } },
    },
  },
};

const ajv = new Ajv({ allErrors: true });
const validators = Object.fromEntries(Object.entries(HR_DATA_SCHEMAS).map(([kind, schema]) => [kind, ajv.compile(schema)]));

function describe(error: ErrorObject): string {
  const at = error.instancePath ? `data${error.instancePath.replace(/\//g, '.')}` : 'data';
  if (error.keyword === 'additionalProperties') return `${at} has no field "${(error.params as { additionalProperty: string }).additionalProperty}"`;
  if (error.keyword === 'required') return `${at} needs "${(error.params as { missingProperty: string }).missingProperty}"`;
  if (error.keyword === 'enum') return `${at} must be one of ${((error.params as { allowedValues: unknown[] }).allowedValues ?? []).join(', ')}`;
  return `${at} ${error.message}`;
}

/** What is wrong with `data` for a record of `kind`, one sentence per problem; empty when it is valid. */
export function dataProblems(kind: HrRecordKind, data: unknown): string[] {
  const validate = validators[kind];
  return validate(data) ? [] : (validate.errors ?? []).map(describe);
}
