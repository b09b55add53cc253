import { admins, builders, violationReaders } from '../../auth/role-groups';
import { anyMember, PermissionMap } from '../../auth/rules';

export const policyPermissions: PermissionMap = {
  Query: {
    policies: anyMember, policy: anyMember, policyViolations: violationReaders, policyViolation: violationReaders, policyDecisions: violationReaders, policyEvaluationRun: violationReaders,
    // Rule tests and dry runs read the whole agent (configuration included), so they are for those who may.
    policyRuleTest: builders, policyDryRun: builders, policyConditionLanguage: violationReaders,
  },
  Mutation: {
    policyCreate: builders, policyUpdate: builders, policyActivate: builders, policyDeactivate: builders, policyReevaluate: builders,
    policyViolationWaive: admins, policyViolationWaiverRevoke: admins,
  },
  Agent: { policiesInScope: anyMember, violations: violationReaders },
  Policy: { '*': anyMember, rules: violationReaders, versions: violationReaders, latestEvaluationRun: violationReaders },
  PolicyConnection: { '*': anyMember },
  PolicyEdge: { '*': anyMember },
  PolicyScope: { '*': anyMember },
  PolicyRule: { '*': violationReaders },
  PolicyVersion: { '*': violationReaders },
  PolicyVersionConnection: { '*': violationReaders },
  PolicyVersionEdge: { '*': violationReaders },
  PolicyViolation: { '*': violationReaders },
  PolicyViolationConnection: { '*': violationReaders },
  PolicyViolationEdge: { '*': violationReaders },
  PolicyWaiver: { '*': violationReaders },
  PolicyWaiverEvent: { '*': violationReaders },
  PolicyDecision: { '*': violationReaders },
  PolicyDecisionConnection: { '*': violationReaders },
  PolicyDecisionEdge: { '*': violationReaders },
  PolicyEvaluationRun: { '*': violationReaders },
  PolicyPayload: { '*': builders },
  PolicyReevaluatePayload: { '*': builders },
  PolicyViolationPayload: { '*': admins },
  PolicyRuleTestResult: { '*': builders },
  PolicyConditionLanguage: { '*': violationReaders },
  PolicyConditionVariable: { '*': violationReaders },
  PolicyConditionField: { '*': violationReaders },
  PolicyConditionError: { '*': builders },
  PolicyConditionPosition: { '*': builders },
  PolicyDryRunResult: { '*': builders },
  PolicyDryRunAgent: { '*': builders },
  PolicyDryRunRule: { '*': builders },
};
