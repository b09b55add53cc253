import { anyMember, hasRole, PermissionMap } from '../../auth/rules';
import { Role } from '../../auth/roles';

/** Who writes policies. */
const authors = hasRole(Role.admin, Role.developer);
/** Who reads rules, violations and the decision trail (analysts and viewers see policy names only). */
export const governance = hasRole(Role.admin, Role.developer, Role.compliance_officer, Role.auditor);
const admins = hasRole(Role.admin);

export const policyPermissions: PermissionMap = {
  Query: {
    policies: anyMember, policy: anyMember, policyViolations: governance, policyViolation: governance, policyDecisions: governance, policyEvaluationRun: governance,
    // Rule tests and dry runs read the whole agent (configuration included), so they are for those who may.
    policyRuleTest: authors, policyDryRun: authors, policyConditionLanguage: governance,
  },
  Mutation: {
    policyCreate: authors, policyUpdate: authors, policyActivate: authors, policyDeactivate: authors, policyReevaluate: authors,
    policyViolationWaive: admins, policyViolationWaiverRevoke: admins,
  },
  Agent: { policiesInScope: anyMember, violations: governance },
  Policy: { '*': anyMember, rules: governance, versions: governance, latestEvaluationRun: governance },
  PolicyConnection: { '*': anyMember },
  PolicyEdge: { '*': anyMember },
  PolicyScope: { '*': anyMember },
  PolicyRule: { '*': governance },
  PolicyVersion: { '*': governance },
  PolicyVersionConnection: { '*': governance },
  PolicyVersionEdge: { '*': governance },
  PolicyViolation: { '*': governance },
  PolicyViolationConnection: { '*': governance },
  PolicyViolationEdge: { '*': governance },
  PolicyWaiver: { '*': governance },
  PolicyWaiverEvent: { '*': governance },
  PolicyDecision: { '*': governance },
  PolicyDecisionConnection: { '*': governance },
  PolicyDecisionEdge: { '*': governance },
  PolicyEvaluationRun: { '*': governance },
  PolicyPayload: { '*': authors },
  PolicyReevaluatePayload: { '*': authors },
  PolicyViolationPayload: { '*': admins },
  PolicyRuleTestResult: { '*': authors },
  PolicyConditionLanguage: { '*': governance },
  PolicyConditionVariable: { '*': governance },
  PolicyConditionField: { '*': governance },
  PolicyConditionError: { '*': authors },
  PolicyConditionPosition: { '*': authors },
  PolicyDryRunResult: { '*': authors },
  PolicyDryRunAgent: { '*': authors },
  PolicyDryRunRule: { '*': authors },
};
