import type { StewardModule } from '../module';
import { loader } from '../../graphql/loader';
import { readById } from '../../graphql/read-model';
import { ComplianceControl } from './compliance-control.entity';
import { findControl } from './compliance-control.service';
import { ComplianceEvidence } from './compliance-evidence.entity';
import { ComplianceEvidenceEventResolver, ComplianceEvidenceResolver } from './compliance-evidence.resolver';
import { evidenceReads } from './compliance-evidence.service';
import { ComplianceException } from './compliance-exception.entity';
import { ComplianceExport } from './compliance-export.entity';
import { ComplianceExportResolver } from './compliance-export.resolver';
import { exportReads } from './compliance-export.service';
import { ComplianceFramework } from './compliance-framework.entity';
import { ComplianceRequirement } from './compliance-requirement.entity';
import { requirementById } from './compliance.loaders';
import { exceptionReads, frameworkReads } from './compliance.reads';
import {
  ComplianceAutomatedCheckResolver,
  ComplianceControlResolver,
  ComplianceExceptionResolver,
  ComplianceFrameworkResolver,
  ComplianceRequirementResolver,
} from './compliance.resolver';
import { compliancePermissions } from './compliance.rules';
import './compliance.sql';

export { ComplianceControl } from './compliance-control.entity';
export { ComplianceEvidence } from './compliance-evidence.entity';
export { ComplianceFramework } from './compliance-framework.entity';
export { ComplianceRequirement } from './compliance-requirement.entity';
export { EVIDENCE_CONTENT_TYPES, EVIDENCE_MAX_BYTES, evidenceFileContent, storeEvidenceFile, sweepEvidence } from './compliance-evidence.service';
export { refreshReadiness, snapshotScores } from './compliance-readiness';
export { createControl, grantException, lapseDueExceptions } from './compliance-control.service';
export { createEvidence, reviewEvidence, submitEvidence } from './compliance-evidence.service';
export { alertExpiringCertifications, createFrameworkFromTemplate, setRequirementApplicable } from './compliance-framework.service';
export { ComplianceEvidenceKind } from './compliance-evidence.entity';
export { ComplianceReviewFrequency } from './compliance-control.entity';
export { frameworkById } from './compliance.loaders';
export { buildExport } from './compliance-export.service';
export { complianceFilesRouter } from './compliance-files.router';

export const complianceModule: StewardModule = {
  name: 'compliance',
  entities: [ComplianceFramework, ComplianceRequirement, ComplianceControl, ComplianceEvidence, ComplianceException, ComplianceExport],
  resolvers: [
    ComplianceFrameworkResolver,
    ComplianceRequirementResolver,
    ComplianceControlResolver,
    ComplianceAutomatedCheckResolver,
    ComplianceExceptionResolver,
    ComplianceEvidenceResolver,
    ComplianceEvidenceEventResolver,
    ComplianceExportResolver,
  ],
  permissions: compliancePermissions,
  nodes: {
    ComplianceFramework: (ctx, id, selection) => readById(ctx, frameworkReads, selection).load(id),
    ComplianceRequirement: (ctx, id) => loader(ctx, requirementById).load(id),
    ComplianceControl: (ctx, id) => findControl(ctx, id).catch(() => null),
    ComplianceEvidence: (ctx, id, selection) => readById(ctx, evidenceReads, selection).load(id),
    ComplianceException: (ctx, id, selection) => readById(ctx, exceptionReads, selection).load(id),
    ComplianceExport: (ctx, id, selection) => readById(ctx, exportReads, selection).load(id),
  },
};
