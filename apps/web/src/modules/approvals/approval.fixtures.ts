/** Approval requests as the API sends them, for the approvals pages' tests. */
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const later = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

export const REQUEST_ID = 'QXBwcm92YWxSZXF1ZXN0OjE=';
export const AGENT_ID = 'QWdlbnQ6OQ==';

const user = (id: string, fullName: string) => ({ __typename: 'User' as const, id, fullName });
export const DEV = user('VXNlcjoy', 'Dev Dhillon');
export const COMPLIANCE = user('VXNlcjoz', 'Cora Compliance');
export const ADMIN = user('VXNlcjox', 'Ada Admin');

export function step(overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'ApprovalStep',
    level: 1,
    name: 'Compliance review',
    mode: 'SINGLE',
    requiredApprovals: 1,
    approvals: 0,
    rejections: 0,
    status: 'PENDING',
    timeoutSeconds: 86_400,
    onTimeout: 'ESCALATE',
    openedAt: ago(30),
    deadline: later(60 * 3),
    closedAt: null,
    deciders: [{ __typename: 'ApprovalDecider', kind: 'RESOLVER', role: null, resolver: 'COMPLIANCE_OFFICERS_OR_ADMINS', user: null }],
    eligibleDeciders: [COMPLIANCE, ADMIN],
    ...overrides,
  };
}

export function requestRow(overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'ApprovalRequest',
    id: REQUEST_ID,
    title: 'Deploy Contract reviewer',
    summary: 'Dev Dhillon asks to deploy Contract reviewer, an agent on an Opus model',
    kind: 'AGENT_CHANGE',
    status: 'PENDING',
    createdAt: ago(30),
    decidedAt: null,
    deadline: later(60 * 3),
    requestedBy: DEV,
    currentStep: step(),
    ...overrides,
  };
}

export function requestDetail(overrides: Record<string, unknown> = {}) {
  const row = requestRow();
  return {
    ...row,
    viewerCanDecide: true,
    viewerDecision: null,
    heldChange: {
      __typename: 'HeldChange',
      action: 'deploy',
      before: { status: 'draft' },
      after: { status: 'deployed' },
      status: 'HELD',
      outcomeMessage: null,
      appliedAt: null,
    },
    agent: { __typename: 'Agent', id: AGENT_ID, name: 'Contract reviewer', status: 'DRAFT' },
    policy: null,
    findings: [
      {
        __typename: 'PolicyFinding',
        policy: { __typename: 'Policy', id: 'UG9saWN5Ojk=' },
        policyName: 'Opus deploys need approval',
        policyVersion: 1,
        ruleName: 'Opus deploys',
        severity: 'HIGH',
        enforcement: 'REQUIRE_APPROVAL',
        message: 'Deploying an agent on an Opus model needs a compliance review',
      },
    ],
    formFields: [
      { __typename: 'ApprovalFormField', key: 'ticket', label: 'Change ticket', type: 'TEXT', required: true, options: [] },
      { __typename: 'ApprovalFormField', key: 'risk', label: 'Risk', type: 'SELECT', required: false, options: ['low', 'medium', 'high'] },
      { __typename: 'ApprovalFormField', key: 'budget', label: 'Monthly budget (USD)', type: 'NUMBER', required: false, options: [] },
    ],
    steps: [step()],
    decisions: [],
    comments: [{ __typename: 'ApprovalComment', id: 'c1', body: 'Needed for the Q1 contract backlog.', createdAt: ago(29), author: DEV }],
    ...overrides,
  };
}
