import { ReadModel } from '../../graphql/read-model';
import { ComplianceControl } from './compliance-control.entity';
import { ComplianceException } from './compliance-exception.entity';
import { ComplianceFramework } from './compliance-framework.entity';

export const frameworkReads = new ReadModel(ComplianceFramework, {
  table: 'compliance_frameworks',
  always: ['uuid'],
  needs: { score: ['storedScore'] },
});

export const controlReads = new ReadModel(ComplianceControl, {
  table: 'compliance_controls',
  always: ['uuid'],
  needs: { owner: ['ownerId'], nextReviewDue: ['lastReviewedAt', 'createdAt', 'reviewFrequency'], automated: [] },
});

export const exceptionReads = new ReadModel(ComplianceException, {
  table: 'compliance_exceptions',
  always: ['uuid'],
  needs: { control: ['controlId'], requirement: ['requirementId'], approvedBy: ['approvedById'], active: ['revokedAt', 'expiresAt'] },
});
