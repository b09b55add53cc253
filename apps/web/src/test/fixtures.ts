import type { AgentRowCostFragment, AgentRowFragment, ViolationRowFragment } from '../gql/graphql';

/** Data builders for the governance pages' tests, shaped exactly as their operations ask. */
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

export function agentRow(n: number, overrides: Partial<AgentRowFragment & AgentRowCostFragment> = {}): AgentRowFragment & AgentRowCostFragment {
  return {
    __typename: 'Agent',
    id: `QWdlbnQ6${n}`,
    name: `Agent ${n}`,
    description: `Agent ${n} for acme`,
    role: 'ENGINEERING',
    status: 'DEPLOYED',
    complianceStatus: 'COMPLIANT',
    runtimeState: 'ACTIVE',
    modelTier: 'SONNET',
    tags: ['ci'],
    lastActiveAt: ago(5),
    costPerRequest: '0.010000',
    model: { __typename: 'AiModel', id: 'QWlNb2RlbDox', name: 'Claude Sonnet', version: '4.5' },
    ...overrides,
  };
}

export function violation(overrides: Partial<ViolationRowFragment> = {}): ViolationRowFragment {
  return {
    __typename: 'PolicyViolation',
    id: 'UG9saWN5VmlvbGF0aW9uOjE=',
    status: 'BLOCKED',
    severity: 'HIGH',
    enforcement: 'BLOCK',
    ruleName: 'Change review before deploy',
    message: 'Infrastructure agents are deployed only after a change review',
    agentName: 'Terraform Drafter',
    policyVersion: 1,
    detectedAt: ago(3),
    lastSeenAt: ago(3),
    resolvedAt: null,
    agent: { __typename: 'Agent', id: 'QWdlbnQ6Ng==', name: 'Terraform Drafter', status: 'DRAFT' },
    policy: { __typename: 'Policy', id: 'UG9saWN5OjE=', name: 'Infrastructure deploys need a change review' },
    waiver: null,
    ...overrides,
  };
}
