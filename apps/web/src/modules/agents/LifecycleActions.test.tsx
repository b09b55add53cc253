import { notifications } from '@mantine/notifications';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import type { AgentStatus } from '../../gql/graphql';
import { renderPage } from '../../test/render';
import { AgentDeploy, AgentSuspend } from './agent.operations';
import { LifecycleActions } from './LifecycleActions';
import { PolicyOutcome, type PolicyOutcomeValue } from './PolicyOutcome';
import { changedAgent, changeResult, finding } from './change.fixtures';

// Mantine's notification container swipes with an AbortSignal this jsdom refuses: record the calls instead.
jest.mock('@mantine/notifications', () => ({ ...jest.requireActual('@mantine/notifications'), notifications: { show: jest.fn() } }));

const AGENT_ID = 'QWdlbnQ6Ng==';

/** The agent page's arrangement: the buttons, and the outcome they report above the tabs. */
function Harness({ status }: { status: AgentStatus }) {
  const [outcome, setOutcome] = useState<PolicyOutcomeValue | null>(null);
  return (
    <>
      <LifecycleActions agent={{ id: AGENT_ID, name: 'Terraform Drafter', status }} onOutcome={setOutcome} />
      <PolicyOutcome outcome={outcome} />
    </>
  );
}

async function confirm(action: string, reason?: string) {
  await userEvent.click(screen.getByRole('button', { name: action }));
  const dialog = await screen.findByRole('dialog');
  if (reason) await userEvent.type(within(dialog).getByRole('textbox', { name: /^Reason/ }), reason);
  await userEvent.click(within(dialog).getByRole('button', { name: action }));
}

describe('lifecycle actions', () => {
  it('offers only what the status allows', () => {
    renderPage(<Harness status="DRAFT" />);
    expect(screen.getByRole('button', { name: 'Deploy' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Archive' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Suspend' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Resume' })).not.toBeInTheDocument();
  });

  it('asks first, then shows the block: every policy, rule, severity and message that refused the deploy', async () => {
    renderPage(<Harness status="DRAFT" />, {
      mocks: [
        {
          request: { query: AgentDeploy, variables: { input: { agentId: AGENT_ID, reason: 'first rollout' } } },
          result: {
            data: {
              agentDeploy: changeResult({
                policyViolations: [
                  finding(),
                  finding({
                    policy: { __typename: 'Policy', id: 'UG9saWN5OjI=' },
                    policyName: 'PII agents keep high thinking off',
                    ruleName: 'No high thinking',
                    severity: 'CRITICAL',
                    message: 'An agent handling PII must not use high thinking mode',
                  }),
                ],
                policyWarnings: [
                  finding({
                    policy: { __typename: 'Policy', id: 'UG9saWN5OjM=' },
                    policyName: 'No shell access',
                    ruleName: 'Shell not allowed',
                    severity: 'CRITICAL',
                    enforcement: 'WARN',
                    message: 'The tool policy must not allow the shell',
                  }),
                ],
                userErrors: [
                  {
                    __typename: 'UserError',
                    field: null,
                    message: 'Opus cost ceiling: An Opus agent may cost at most $0.10 per request',
                    code: 'POLICY_VIOLATION',
                  },
                ],
              }),
            },
          },
        },
      ],
    });
    await confirm('Deploy', 'first rollout');
    const block = await screen.findByTestId('policy-block');
    expect(within(block).getByText('Policy blocked the deployment')).toBeInTheDocument();
    expect(within(block).getByText(/2 rules of policies in block mode are violated/)).toBeInTheDocument();
    const [first, second, warning] = within(block).getAllByTestId('policy-finding');
    expect(within(first).getByRole('link', { name: 'Opus cost ceiling' })).toHaveAttribute('href', '/policies/UG9saWN5OjE%3D');
    expect(first).toHaveTextContent('rule “Opus under $0.10 per request”');
    expect(within(first).getByTestId('severity')).toHaveTextContent('high');
    expect(first).toHaveTextContent('An Opus agent may cost at most $0.10 per request');
    expect(within(second).getByTestId('severity')).toHaveTextContent('critical');
    expect(second).toHaveTextContent('PII agents keep high thinking off');
    expect(within(block).getByText('Also warned about')).toBeInTheDocument();
    expect(warning).toHaveTextContent('No shell access');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    // The POLICY_VIOLATION userError repeats the findings; it is not shown a second time.
    expect(screen.queryByText(/^Opus cost ceiling: An Opus agent/)).not.toBeInTheDocument();
  });

  it('applies a change with warnings and lists them', async () => {
    renderPage(<Harness status="DEPLOYED" />, {
      mocks: [
        {
          request: { query: AgentSuspend, variables: { input: { agentId: AGENT_ID, reason: null } } },
          result: {
            data: {
              agentSuspend: changeResult({
                agent: changedAgent({ id: AGENT_ID, status: 'SUSPENDED' }),
                policyWarnings: [
                  finding({
                    policyName: 'Production needs a deployed model',
                    ruleName: 'Deployed model',
                    enforcement: 'WARN',
                    message: 'An agent tagged production should run on a deployed model',
                  }),
                ],
              }),
            },
          },
        },
      ],
    });
    await confirm('Suspend');
    const warnings = await screen.findByTestId('policy-warnings');
    expect(within(warnings).getByText('Suspended with a policy warning')).toBeInTheDocument();
    expect(within(warnings).getByTestId('policy-finding')).toHaveTextContent('Production needs a deployed model');
    expect(within(warnings).getByTestId('policy-finding')).toHaveTextContent('An agent tagged production should run on a deployed model');
    expect(screen.queryByTestId('policy-block')).not.toBeInTheDocument();
    expect(notifications.show).toHaveBeenCalledWith(expect.objectContaining({ title: 'Agent suspended', message: 'Terraform Drafter is now suspended.' }));
  });

  it('keeps the dialog open with what the server said when the change is refused for another reason', async () => {
    renderPage(<Harness status="DRAFT" />, {
      mocks: [
        {
          request: { query: AgentDeploy, variables: { input: { agentId: AGENT_ID, reason: null } } },
          result: {
            data: {
              agentDeploy: changeResult({
                userErrors: [
                  { __typename: 'UserError', field: ['input', 'agentId'], message: 'Choose a deployed model before deploying the agent', code: 'CONFLICT' },
                ],
              }),
            },
          },
        },
      ],
    });
    await confirm('Deploy');
    const dialog = screen.getByRole('dialog');
    expect(await within(dialog).findByText('Choose a deployed model before deploying the agent')).toBeInTheDocument();
    expect(screen.queryByTestId('policy-block')).not.toBeInTheDocument();
  });

  it('says plainly that a held deploy is not applied, names the policy that held it and links to the approval request', async () => {
    renderPage(<Harness status="DRAFT" />, {
      mocks: [
        {
          request: { query: AgentDeploy, variables: { input: { agentId: AGENT_ID, reason: null } } },
          result: {
            data: {
              agentDeploy: changeResult({
                policyHolds: [
                  finding({
                    policyName: 'Opus deploys need approval',
                    ruleName: 'Opus deploys',
                    enforcement: 'REQUIRE_APPROVAL',
                    message: 'Deploying an Opus agent needs approval',
                  }),
                ],
                heldForApproval: { __typename: 'ApprovalRequest', id: 'QXBwcm92YWxSZXF1ZXN0OjE=', title: 'Deploy Terraform Drafter', status: 'PENDING' },
              }),
            },
          },
        },
      ],
    });
    await confirm('Deploy');
    const held = await screen.findByTestId('held-for-approval');
    expect(within(held).getByText('Deployment waiting for approval: not deployed yet')).toBeInTheDocument();
    expect(within(held).getByText(/Nothing has changed yet/)).toBeInTheDocument();
    expect(within(held).getByTestId('policy-finding')).toHaveTextContent('Opus deploys need approval');
    expect(within(held).getByRole('link', { name: /Open the approval request: Deploy Terraform Drafter/ })).toHaveAttribute(
      'href',
      '/approvals/QXBwcm92YWxSZXF1ZXN0OjE%3D',
    );
    expect(screen.queryByTestId('policy-block')).not.toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(notifications.show).toHaveBeenCalledWith(expect.objectContaining({ title: 'Waiting for approval' }));
    expect(notifications.show).not.toHaveBeenCalledWith(expect.objectContaining({ title: 'Agent deployed' }));
  });
});
