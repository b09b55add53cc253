import { builders, complianceOwners, complianceReaders } from '../../auth/role-groups';
import { allOf, anyMember, anyOf, ownedBy, PermissionMap } from '../../auth/rules';
import { loader } from '../../graphql/loader';
import type { ComplianceControl } from './compliance-control.entity';
import { controlCoversCallerAgents } from './compliance.loaders';

/**
 * Compliance officers (and admins) own compliance; auditors read all of it; developers read the
 * controls covering agents they created (linked to a policy that decided on one of them) with their
 * checks, and no other control; every member reads framework scores.
 */
const coveringOwnAgents = ownedBy('covering own agents', (control, ctx) => loader(ctx, controlCoversCallerAgents).load((control as ComplianceControl).uuid));
const controlReaders = anyOf(complianceReaders, allOf(builders, coveringOwnAgents));
/** Who may ask for controls at all; what each of them reads is decided per control by `controlReaders`. */
const controlListers = anyOf(complianceReaders, builders);

export const compliancePermissions: PermissionMap = {
  Query: {
    complianceFrameworkTemplates: complianceReaders,
    complianceFrameworks: anyMember,
    complianceFramework: anyMember,
    complianceOverview: complianceReaders,
    complianceControls: controlListers,
    complianceControl: controlListers,
    complianceExceptions: complianceReaders,
    complianceEvidenceItems: complianceReaders,
    complianceExports: complianceReaders,
  },
  Mutation: {
    complianceFrameworkCreateFromTemplate: complianceOwners,
    complianceFrameworkCreate: complianceOwners,
    complianceFrameworkUpdate: complianceOwners,
    complianceFrameworkEnable: complianceOwners,
    complianceFrameworkDisable: complianceOwners,
    complianceFrameworkDelete: complianceOwners,
    complianceRequirementCreate: complianceOwners,
    complianceRequirementUpdate: complianceOwners,
    complianceRequirementMarkNotApplicable: complianceOwners,
    complianceRequirementMarkApplicable: complianceOwners,
    complianceRequirementMove: complianceOwners,
    complianceRequirementDelete: complianceOwners,
    complianceControlCreate: complianceOwners,
    complianceControlUpdate: complianceOwners,
    complianceControlMap: complianceOwners,
    complianceControlUnmap: complianceOwners,
    complianceControlReview: complianceOwners,
    complianceControlDelete: complianceOwners,
    complianceExceptionGrant: complianceOwners,
    complianceExceptionRevoke: complianceOwners,
    complianceEvidenceCreate: complianceOwners,
    complianceEvidenceSubmit: complianceOwners,
    complianceEvidenceApprove: complianceOwners,
    complianceEvidenceReject: complianceOwners,
    complianceEvidenceDelete: complianceOwners,
    // Auditors export too: reading and packaging is what they are for.
    complianceExportStart: complianceReaders,
  },
  ComplianceFrameworkTemplate: { '*': complianceReaders },
  ComplianceFramework: {
    '*': complianceReaders,
    id: anyMember,
    name: anyMember,
    version: anyMember,
    enabled: anyMember,
    score: anyMember,
    lastAssessedAt: anyMember,
    scoreHistory: anyMember,
  },
  ComplianceFrameworkConnection: { '*': anyMember },
  ComplianceFrameworkEdge: { '*': anyMember },
  ComplianceScorePoint: { '*': anyMember },
  ComplianceOverview: { '*': complianceReaders },
  ComplianceRequirement: { '*': complianceReaders },
  ComplianceControl: { '*': controlReaders, requirements: complianceReaders, evidence: complianceReaders, exception: complianceReaders },
  ComplianceControlConnection: { '*': controlListers },
  ComplianceControlEdge: { '*': controlListers },
  // Reached only through a control, which its own rule has let through.
  ComplianceAutomatedCheck: { '*': controlListers },
  ComplianceException: { '*': complianceReaders },
  ComplianceExceptionConnection: { '*': complianceReaders },
  ComplianceExceptionEdge: { '*': complianceReaders },
  ComplianceEvidence: { '*': complianceReaders },
  ComplianceEvidenceFile: { '*': complianceReaders },
  ComplianceEvidenceEvent: { '*': complianceReaders },
  ComplianceEvidenceConnection: { '*': complianceReaders },
  ComplianceEvidenceEdge: { '*': complianceReaders },
  ComplianceExport: { '*': complianceReaders },
  ComplianceExportConnection: { '*': complianceReaders },
  ComplianceExportEdge: { '*': complianceReaders },
  ComplianceExportPayload: { '*': complianceReaders },
  ComplianceFrameworkPayload: { '*': complianceOwners },
  ComplianceFrameworkDeletePayload: { '*': complianceOwners },
  ComplianceRequirementPayload: { '*': complianceOwners },
  ComplianceRequirementDeletePayload: { '*': complianceOwners },
  ComplianceControlPayload: { '*': complianceOwners },
  ComplianceControlDeletePayload: { '*': complianceOwners },
  ComplianceExceptionPayload: { '*': complianceOwners },
  ComplianceEvidencePayload: { '*': complianceOwners },
  ComplianceEvidenceDeletePayload: { '*': complianceOwners },
};
