import type { StewardModule } from '../module';
import { readById } from '../../graphql/read-model';
import { ComplianceRecord } from './compliance-record.entity';
import { ComplianceRecordResolver } from './compliance-record.resolver';
import { complianceRecordPermissions } from './compliance-record.rules';
import { recordReads } from './compliance-record.service';

export { ComplianceRecordKind, ComplianceRecordStatus, ComplianceRecordSubjectKind } from './compliance-record.entity';
export { createRecord, reviewRecord } from './compliance-record.service';

export const complianceRecordsModule: StewardModule = {
  name: 'compliance-records',
  entities: [ComplianceRecord],
  resolvers: [ComplianceRecordResolver],
  permissions: complianceRecordPermissions,
  nodes: { ComplianceRecord: (ctx, id, selection) => readById(ctx, recordReads, selection).load(id) },
};
