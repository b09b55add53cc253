import { createHrRecord, HrRecordKind, HrRecordStatus } from '../../modules/hr-records';
import type { TenantScope } from '../../scope';
import { stableUuid } from './deterministic';

const records: [key: string, kind: HrRecordKind, status: HrRecordStatus, name: string, email: string, data: Record<string, unknown>][] = [
  [
    'dev-employee',
    HrRecordKind.EMPLOYEE,
    HrRecordStatus.ACTIVE,
    'Dev Dhillon',
    'dev@acme.test',
    { title: 'Senior platform engineer', department: 'Engineering', startDate: '2022-03-14', salary: 142000, phone: '+1 555 0142' },
  ],
  [
    'dev-review',
    HrRecordKind.PERFORMANCE,
    HrRecordStatus.ACTIVE,
    'Dev Dhillon',
    'dev@acme.test',
    { period: '2026 H1', rating: 4, reviewer: 'Ada Admin', summary: 'Led the agent runtime migration.', goals: ['Mentor two engineers'] },
  ],
  [
    'candidate',
    HrRecordKind.CANDIDATE,
    HrRecordStatus.PENDING,
    'Morgan Reyes',
    'morgan.reyes@example.org',
    { position: 'ML engineer', source: 'Referral', stage: 'interview', salaryExpectation: 150000 },
  ],
  [
    'analyst-employee',
    HrRecordKind.EMPLOYEE,
    HrRecordStatus.ACTIVE,
    'Ana Analyst',
    'analyst@acme.test',
    { title: 'Cost analyst', department: 'Finance', startDate: '2024-09-02' },
  ],
];

/** A few HR records about Acme's people and a candidate, kept by its HR manager through the service (sealed, audited). */
export async function seedHrRecords(scope: TenantScope, slug: string): Promise<void> {
  for (const [key, kind, status, subjectName, subjectEmail, data] of records) {
    await createHrRecord(scope, { kind, status, subjectName, subjectEmail, data }, stableUuid(`hr-record:${slug}:${key}`));
  }
}
