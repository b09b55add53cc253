import { HrRecordKind, HrRecordStatus } from '../../gql/graphql';
import { dataFieldsOf, dataOf, formValuesOf, labelOf, placeDataErrors, toCreateInput } from './hr-record-form';
import { SCHEMAS } from './hr-records.fixtures';

const [candidate, employee, performance] = SCHEMAS.map((s) => dataFieldsOf(s.schema));

describe('HR record forms from the JSON schema of a kind', () => {
  it('make one input per property, of the kind the property asks for, required as the schema says', () => {
    expect(candidate.map((f) => [f.name, f.label, f.input, f.required])).toEqual([
      ['position', 'Position', 'text', true],
      ['stage', 'Stage', 'choice', false],
      ['salaryExpectation', 'Salary expectation', 'number', false],
      ['notes', 'Notes', 'longText', false],
    ]);
    expect(candidate[1].choices).toContain('interview');
    expect(employee.find((f) => f.name === 'startDate')?.input).toBe('date');
    expect(performance.map((f) => f.input)).toEqual(['text', 'integer', 'list']);
    expect(performance[1]).toMatchObject({ min: 1, max: 5, required: true });
    expect(dataFieldsOf(null)).toEqual([]);
    expect(labelOf('salaryExpectation')).toBe('Salary expectation');
  });

  it('send numbers as numbers, leave empty inputs out, and send what does not parse as typed for the API to name', () => {
    expect(dataOf(performance, { period: ' 2026 H2 ', rating: '4', goals: ['Ship it', ' '] })).toEqual({ period: '2026 H2', rating: 4, goals: ['Ship it'] });
    expect(dataOf(performance, { period: '', rating: 'four', goals: [] })).toEqual({ rating: 'four' });
    const input = toCreateInput(candidate, {
      kind: HrRecordKind.Candidate,
      status: HrRecordStatus.Pending,
      subjectName: 'Morgan Reyes',
      subjectEmail: 'morgan@example.org',
      data: { position: 'ML engineer', salaryExpectation: '150000', notes: '' },
    });
    expect(input).toEqual({
      kind: 'CANDIDATE',
      status: 'PENDING',
      subjectName: 'Morgan Reyes',
      subjectEmail: 'morgan@example.org',
      data: { position: 'ML engineer', salaryExpectation: 150000 },
    });
  });

  it('fill the inputs from a record as the API returned it', () => {
    const values = formValuesOf({
      kind: HrRecordKind.Performance,
      status: HrRecordStatus.Active,
      subjectName: 'Dev Dhillon',
      subjectEmail: 'dev@acme.test',
      data: { period: '2026 H1', rating: 4, goals: ['Mentor'] },
    });
    expect(values.data).toEqual({ period: '2026 H1', rating: '4', goals: ['Mentor'] });
    expect(formValuesOf({ kind: HrRecordKind.Candidate, status: HrRecordStatus.Pending, subjectName: null, subjectEmail: null, data: null })).toMatchObject({
      subjectName: '',
      data: {},
    });
  });

  it("place the API's data problems beside the input they name; others stay on data", () => {
    const errors = [
      { field: ['input', 'data'], message: 'data.rating must be <= 5 (schema of PERFORMANCE records)', code: 'BAD_USER_INPUT' },
      { field: ['input', 'data'], message: 'data needs "period" (schema of PERFORMANCE records)', code: 'BAD_USER_INPUT' },
      { field: ['input', 'data'], message: 'data has no field "mood" (schema of PERFORMANCE records)', code: 'BAD_USER_INPUT' },
      { field: ['input', 'subjectEmail'], message: 'subjectEmail must be an email address such as name@example.com', code: 'BAD_USER_INPUT' },
    ];
    expect(placeDataErrors(errors).map((e) => e.field)).toEqual([
      ['input', 'data', 'rating'],
      ['input', 'data', 'period'],
      ['input', 'data'],
      ['input', 'subjectEmail'],
    ]);
  });
});
