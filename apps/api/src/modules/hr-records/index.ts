import type { StewardModule } from '../module';
import { readById } from '../../graphql/read-model';
import { HrRecord, HrSettingsRow } from './hr-record.entity';
import { HrRecordResolver } from './hr-record.resolver';
import { hrRecordPermissions } from './hr-record.rules';
import { hrRecordReads } from './hr-record.service';

export { HrRecordKind, HrRecordStatus } from './hr-record.entity';
export { createHrRecord } from './hr-record.service';
export { indexHrRecordSubjects, resealHrRecords } from './hr-record.keys';
export { hrRecordsAbout, SUBJECT_LOOKUP_SQL, subjectLookupParams } from './hr-record.subjects';
export { subjectIndex, subjectLookup } from './hr-record.index';
export { sealContext, sealPersonal } from './hr-record.personal';
export { eraseHrRecordsAbout } from './hr-record.erasure';

export const hrRecordsModule: StewardModule = {
  name: 'hr-records',
  entities: [HrRecord, HrSettingsRow],
  resolvers: [HrRecordResolver],
  permissions: hrRecordPermissions,
  nodes: { HrRecord: (ctx, id, selection) => readById(ctx, hrRecordReads, selection).load(id) },
};
