import { ReadModel } from '../../graphql/read-model';
import { PolicyDecision } from './policy-decision.entity';
import { PolicyEvaluationRun } from './policy-evaluation-run.entity';
import { PolicyVersion } from './policy-version.entity';
import { PolicyViolation } from './policy-violation.entity';
import { Policy } from './policy.entity';

export const policyReads = new ReadModel(Policy, {
  table: 'policies',
  always: ['uuid'],
  needs: { scope: ['scopeKind', 'scopeTags'], openViolationCount: [], lastEvaluatedAt: [], versions: [], latestEvaluationRun: [], createdBy: ['createdById'] },
});

const status = ['storedStatus', 'waiverExpiresAt', 'refusedChange'] as const;

export const violationReads = new ReadModel(PolicyViolation, {
  table: 'policy_violations',
  always: ['uuid'],
  needs: {
    status: [...status],
    waiver: [...status, 'waivedAt', 'waiverReason', 'waivedById', 'waiverRevokedAt'],
    decision: ['decisionId'],
    waiverHistory: [],
    policy: ['policyId'],
    agent: ['agentId'],
    architecture: ['architectureId'],
    observed: ['observed'],
  },
});

export const decisionReads = new ReadModel(PolicyDecision, {
  table: 'policy_decisions',
  always: ['uuid'],
  needs: { policy: ['policyId'], agent: ['agentId'], architecture: ['architectureId'] },
});

export const policyVersionReads = new ReadModel(PolicyVersion, {
  table: 'policy_versions',
  always: ['uuid'],
  needs: { scope: ['scope'], createdBy: ['createdById'] },
});

export const evaluationRunReads = new ReadModel(PolicyEvaluationRun, {
  table: 'policy_evaluation_runs',
  always: ['uuid'],
  needs: { policy: ['policyId'] },
});
