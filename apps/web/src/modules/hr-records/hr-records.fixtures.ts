import { HrRecordKind, HrRecordStatus, type HrRecordFieldsFragment } from '../../gql/graphql';

/** The schemas as the API publishes them (hrRecordDataSchemas), trimmed to what the tests use. */
export const SCHEMAS = [
  {
    __typename: 'HrRecordDataSchema' as const,
    kind: HrRecordKind.Candidate,
    schema: {
      type: 'object',
      required: ['position'],
      properties: {
        position: { type: 'string', minLength: 1, maxLength: 200 },
        stage: { enum: ['applied', 'screening', 'interview', 'offer', 'hired', 'rejected'] },
        salaryExpectation: { type: 'number', minimum: 0 },
        notes: { type: 'string', maxLength: 5000 },
      },
    },
  },
  {
    __typename: 'HrRecordDataSchema' as const,
    kind: HrRecordKind.Employee,
    schema: {
      type: 'object',
      required: ['title', 'startDate'],
      properties: { title: { type: 'string' }, startDate: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } },
    },
  },
  {
    __typename: 'HrRecordDataSchema' as const,
    kind: HrRecordKind.Performance,
    schema: {
      type: 'object',
      required: ['period', 'rating'],
      properties: {
        period: { type: 'string', minLength: 1, maxLength: 50 },
        rating: { type: 'integer', minimum: 1, maximum: 5 },
        goals: { type: 'array', items: { type: 'string' } },
      },
    },
  },
];

export function hrRecord(visible: boolean, overrides: Partial<HrRecordFieldsFragment> = {}): HrRecordFieldsFragment {
  return {
    __typename: 'HrRecord',
    id: 'SHJSZWNvcmQ6MQ==',
    kind: HrRecordKind.Candidate,
    status: HrRecordStatus.Pending,
    personalFieldsVisible: visible,
    subjectName: visible ? 'Morgan Reyes' : null,
    subjectEmail: visible ? 'morgan.reyes@example.org' : null,
    data: visible ? { position: 'ML engineer', stage: 'interview', salaryExpectation: 150000 } : null,
    aiInsights: { fit: 0.82 },
    aiInsightsAt: '2026-12-01T10:00:00.000Z',
    createdAt: '2026-11-30T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:00.000Z',
    createdBy: { __typename: 'User', id: 'VXNlcjo5', fullName: 'Hana Hughes' },
    ...overrides,
  };
}
