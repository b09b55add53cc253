import type { AgentChangeResultFragment, AgentRowFragment, PolicyFindingFieldsFragment, ViolationRowFragment } from '../gql/graphql';

/** Data builders for the governance pages' tests, shaped exactly as their operations ask. */
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

export function agentRow(n: number, overrides: Partial<AgentRowFragment & { costPerRequest: string | null }> = {}): AgentRowFragment & { costPerRequest?: string | null } {
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

type ChangedAgent = NonNullable<AgentChangeResultFragment['agent']>;

export function changedAgent(overrides: Partial<ChangedAgent> = {}): ChangedAgent {
  return {
    ...agentRow(6, { name: 'Terraform Drafter', status: 'DRAFT', modelTier: 'OPUS', tags: ['infrastructure'] }),
    capabilities: ['write terraform'],
    limitations: ['no production writes'],
    thinkingMode: 'HIGH',
    totalRequests: 0,
    createdAt: ago(600),
    updatedAt: ago(1),
    deployedAt: null,
    createdBy: { __typename: 'User', id: 'VXNlcjox', fullName: 'Ada Admin' },
    model: { __typename: 'AiModel', id: 'QWlNb2RlbDoy', name: 'Claude Opus', version: '4.1', provider: 'anthropic', status: 'DEPLOYED' },
    policiesInScope: [],
    skills: [],
    channels: [],
    configuration: { maxTokens: 4096 },
    toolPolicy: { allow: ['search'] },
    costPerRequest: '0.065000',
    ...overrides,
  } as ChangedAgent;
}

export function finding(overrides: Partial<PolicyFindingFieldsFragment> = {}): PolicyFindingFieldsFragment {
  return {
    __typename: 'PolicyFinding',
    policy: { __typename: 'Policy', id: 'UG9saWN5OjE=' },
    policyName: 'Opus cost ceiling',
    policyVersion: 2,
    ruleName: 'Opus under $0.10 per request',
    severity: 'HIGH',
    enforcement: 'BLOCK',
    message: 'An Opus agent may cost at most $0.10 per request',
    ...overrides,
  };
}

export function changeResult(overrides: Partial<AgentChangeResultFragment> = {}): AgentChangeResultFragment {
  return { __typename: 'AgentPayload', agent: null, policyViolations: [], policyWarnings: [], userErrors: [], ...overrides };
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
