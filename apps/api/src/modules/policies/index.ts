import type { StewardModule } from '../module';
import { readById } from '../../graphql/read-model';
import { decisionReads, evaluationRunReads, policyReads, policyVersionReads, violationReads } from './policy.reads';
import { PolicyAuthoringResolver } from './policy-authoring.resolver';
import { PolicyDecision } from './policy-decision.entity';
import { PolicyDecisionResolver } from './policy-decision.resolver';
import { PolicyEvaluationRun } from './policy-evaluation-run.entity';
import { PolicyVersion } from './policy-version.entity';
import { PolicyViolation } from './policy-violation.entity';
import { AgentGovernanceResolver, PolicyViolationResolver, PolicyWaiverEventResolver, PolicyWaiverResolver } from './policy-violation.resolver';
import { Policy } from './policy.entity';
import { PolicyFindingResolver, PolicyResolver, PolicyScopeResolver, PolicyVersionResolver } from './policy.resolver';
import { policyPermissions } from './policy.rules';
import { PolicyLiveResolver } from './policy.subscription';
import { ApprovalSubjectResolver } from './approval-subject.resolver';

export { conditionLanguage } from './cel';
export type { CelProgram, ConditionLanguage } from './cel';
export { runReevaluation } from './policy-reevaluation';
export { compileWorkflowCondition, evaluateWorkflowCondition } from './cel';
export { lapseWaiver } from './policy-waivers';
export { PolicyEnforcement, PolicyFinding, PolicySeverity } from './policy-finding.type';
export { evaluateAgentChange, recordAgentEvaluation } from './policy-gate';
export { evaluateArchitectureChange, recordArchitectureEvaluation, registerDesignLoader } from './policy-architecture';
export type { ArchitectureChange, ArchitectureEvaluation, StandingDesign } from './policy-architecture';
export { PolicyDecision } from './policy-decision.entity';
export { PolicyViolation } from './policy-violation.entity';
export type { AgentChange } from './policy-gate';
export { reevaluateAgents } from './policy-reevaluation';
export { agentBatch } from './policy-scope';
export type { StoredScope } from './policy-version.entity';
export { Policy, PolicyRule, PolicyScopeKind, PolicyType } from './policy.entity';
export { PolicyDecisionAction, PolicyDecisionResult } from './policy-decision.entity';
export { decisionById, policyById } from './policy.loaders';

export const policiesModule: StewardModule = {
  name: 'policies',
  entities: [Policy, PolicyVersion, PolicyDecision, PolicyViolation, PolicyEvaluationRun],
  resolvers: [
    PolicyResolver,
    PolicyFindingResolver,
    PolicyScopeResolver,
    PolicyVersionResolver,
    PolicyViolationResolver,
    PolicyWaiverResolver,
    PolicyWaiverEventResolver,
    AgentGovernanceResolver,
    PolicyDecisionResolver,
    PolicyAuthoringResolver,
    ApprovalSubjectResolver,
    PolicyLiveResolver,
  ],
  permissions: policyPermissions,
  nodes: {
    Policy: (ctx, id, selection) => readById(ctx, policyReads, selection).load(id),
    PolicyViolation: (ctx, id, selection) => readById(ctx, violationReads, selection).load(id),
    PolicyDecision: (ctx, id, selection) => readById(ctx, decisionReads, selection).load(id),
    PolicyEvaluationRun: (ctx, id, selection) => readById(ctx, evaluationRunReads, selection).load(id),
    PolicyVersion: (ctx, id, selection) => readById(ctx, policyVersionReads, selection).load(id),
  },
};
