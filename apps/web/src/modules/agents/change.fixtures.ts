import { makeFragmentData } from '../../gql';
import type { AgentChangeResultFragment, PolicyFindingFieldsFragment } from '../../gql/graphql';
import { type AgentOf, AgentChangeResult } from './agent.operations';

/** The agent of a change's answer, every fragment's fields present as the API sends them. */
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

type ChangedAgent = AgentOf<NonNullable<AgentChangeResultFragment['agent']>>;

export function changedAgent(overrides: Partial<ChangedAgent> = {}): ChangedAgent {
  return {
    __typename: 'Agent',
    id: 'QWdlbnQ6Ng==',
    name: 'Terraform Drafter',
    description: 'Agent 6 for acme',
    role: 'ENGINEERING',
    status: 'DRAFT',
    complianceStatus: 'COMPLIANT',
    runtimeState: 'ACTIVE',
    modelTier: 'OPUS',
    tags: ['infrastructure'],
    lastActiveAt: ago(5),
    capabilities: ['write terraform'],
    limitations: ['no production writes'],
    thinkingMode: 'HIGH',
    totalRequests: 0,
    createdAt: ago(600),
    updatedAt: ago(1),
    deployedAt: null,
    createdBy: { __typename: 'User', id: 'VXNlcjox', fullName: 'Ada Admin' },
    model: { __typename: 'AiModel', id: 'QWlNb2RlbDoy', name: 'Claude Opus', version: '4.1', provider: 'anthropic', status: 'DEPLOYED' },
    architecture: null,
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

export function changeResult(overrides: Partial<AgentChangeResultFragment> = {}) {
  return makeFragmentData(
    { __typename: 'AgentPayload', agent: null, policyViolations: [], policyWarnings: [], policyHolds: [], heldForApproval: null, userErrors: [], ...overrides },
    AgentChangeResult,
  );
}
