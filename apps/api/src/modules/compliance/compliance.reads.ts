import { ReadModel } from '../../graphql/read-model';
import { ComplianceControl } from './compliance-control.entity';
import { ComplianceException } from './compliance-exception.entity';
import { ComplianceFramework } from './compliance-framework.entity';
import { ComplianceRequirement } from './compliance-requirement.entity';

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

/**
 * Requirements as the framework page reads them: the whole tree in one statement, each with its parent joined in
 * (the parent's selected columns, from the same table), so `parent` costs neither a statement nor a promise.
 */
export const requirementReads: ReadModel<ComplianceRequirement> = new ReadModel(ComplianceRequirement, {
  table: 'compliance_requirements',
  always: ['uuid'],
  needs: { weight: ['storedWeight'], parent: ['parentId'], responsible: ['responsibleId'], framework: ['frameworkId'], controls: [], exception: [] },
  joins: { parent: { model: () => requirementReads as ReadModel<object>, via: 'parentId' } },
});
