import { screen, waitFor, within } from '@testing-library/react';
import { useLocation } from 'react-router';
import userEvent from '@testing-library/user-event';
import { AiModelStatus } from '../../gql/graphql';
import { connection } from '../../test/data';
import { renderPage } from '../../test/render';
import { AgentUpdate } from './agent.operations';
import { emptyAgentForm, formValuesOf, toUpdateInput, validateAgentForm } from './agent-form';
import { AgentForm, DeployedModels, UsableArchitectures } from './AgentForm';
import { changedAgent, changeResult, finding } from './change.fixtures';

// Mantine's notification container swipes with an AbortSignal this jsdom refuses: record the calls instead.
jest.mock('@mantine/notifications', () => ({ ...jest.requireActual('@mantine/notifications'), notifications: { show: jest.fn() } }));

const models = {
  request: { query: DeployedModels, variables: { filter: { statuses: [AiModelStatus.Deployed], runsAgents: true } } },
  result: {
    data: {
      aiModels: {
        __typename: 'AiModelConnection',
        ...connection([
          { __typename: 'AiModel', id: 'QWlNb2RlbDoy', name: 'Claude Opus', version: '4.1', provider: 'anthropic', tier: 'OPUS' },
          { __typename: 'AiModel', id: 'QWlNb2RlbDoz', name: 'GPT-4o', version: '2024-11-20', provider: 'openai', tier: 'SONNET' },
        ]),
      },
    },
  },
  maxUsageCount: 5,
};
const architectures = {
  request: { query: UsableArchitectures },
  result: {
    data: {
      architectures: {
        __typename: 'ArchitectureConnection',
        nodes: [
          {
            __typename: 'Architecture',
            id: 'QXJjaGl0ZWN0dXJlOjE=',
            name: 'ci-review-pipeline',
            cloudProvider: 'AWS',
            environment: 'PRODUCTION',
            status: 'ACTIVE',
          },
          {
            __typename: 'Architecture',
            id: 'QXJjaGl0ZWN0dXJlOjI=',
            name: 'Evaluation lakehouse',
            cloudProvider: 'MULTI_CLOUD',
            environment: 'STAGING',
            status: 'DRAFT',
          },
        ],
      },
    },
  },
  maxUsageCount: 5,
};
const agent = changedAgent({ id: 'QWdlbnQ6Ng==' });
const initial = formValuesOf(agent);

function LocationProbe() {
  return <output data-testid="location">{useLocation().pathname}</output>;
}

describe('the agent form', () => {
  it('asks before leaving with changes not saved, and leaves freely without', async () => {
    renderPage(
      <>
        <AgentForm />
        <LocationProbe />
      </>,
      { mocks: [models], route: '/agents/new' },
    );
    await userEvent.type(screen.getByRole('textbox', { name: /^Name/ }), 'Half-typed agent');
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    const dialog = await screen.findByRole('dialog', { name: 'Leave without saving?' });
    expect(screen.getByTestId('location')).toHaveTextContent('/agents/new');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByRole('textbox', { name: /^Name/ })).toHaveValue('Half-typed agent');
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await userEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Leave and discard' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/agents$/));
  });

  it('leaves without asking when nothing was changed', async () => {
    renderPage(
      <>
        <AgentForm />
        <LocationProbe />
      </>,
      { mocks: [models], route: '/agents/new' },
    );
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/agents$/));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('checks what it can before sending: required fields, amounts and JSON', () => {
    const errors = validateAgentForm({ ...emptyAgentForm, costPerRequest: '-1', configuration: '[1, 2]', toolPolicy: '{"allow": ' });
    expect(errors.name).toMatch(/Give the agent a name/);
    expect(errors.role).toMatch(/Choose what the agent works as/);
    expect(errors.modelTier).toMatch(/Choose a model tier/);
    expect(errors.costPerRequest).toMatch(/non-negative/);
    expect(errors.configuration).toMatch(/JSON object/);
    expect(errors.toolPolicy).toMatch(/Not valid JSON/);
    expect(validateAgentForm(initial)).toEqual({});
  });

  it('sends only what changed, and nothing when nothing did', () => {
    expect(initial.costPerRequest).toBe('0.065');
    expect(toUpdateInput(agent.id, initial, initial)).toBeNull();
    expect(toUpdateInput(agent.id, initial, { ...initial, costPerRequest: '0.12', tags: ['infrastructure', 'pilot'], toolPolicy: '' })).toEqual({
      agentId: agent.id,
      costPerRequest: '0.12',
      tags: ['infrastructure', 'pilot'],
      toolPolicy: {},
    });
  });

  it('picks the architecture the agent runs on among drafts and active designs, and detaches it when cleared', async () => {
    renderPage(<AgentForm />, { mocks: [models, architectures] });
    await userEvent.click(screen.getByRole('combobox', { name: /^Architecture/ }));
    expect((await screen.findAllByRole('option')).map((o) => o.textContent)).toEqual([
      'ci-review-pipeline (aws, production)',
      'Evaluation lakehouse (multi cloud, staging, draft)',
    ]);
    await userEvent.click(screen.getByRole('option', { name: 'ci-review-pipeline (aws, production)' }));
    expect(screen.getByRole('combobox', { name: /^Architecture/ })).toHaveValue('ci-review-pipeline (aws, production)');
    const on = { ...initial, architectureId: 'QXJjaGl0ZWN0dXJlOjE=' };
    expect(toUpdateInput(agent.id, initial, on)).toEqual({ agentId: agent.id, architectureId: 'QXJjaGl0ZWN0dXJlOjE=' });
    expect(toUpdateInput(agent.id, on, initial)).toEqual({ agentId: agent.id, architectureId: null });
    expect(toUpdateInput(agent.id, on, on)).toBeNull();
  });

  it('offers only models that run agents, and takes the tier from the chosen model', async () => {
    renderPage(<AgentForm />, { mocks: [models] });
    const tier = () => screen.getByRole('combobox', { name: /^Model tier/ });
    expect(tier()).toBeEnabled();
    await userEvent.click(screen.getByRole('combobox', { name: /^Model$/ }));
    expect((await screen.findAllByRole('option')).map((o) => o.textContent)).toEqual(['Claude Opus 4.1 (anthropic)', 'GPT-4o 2024-11-20 (openai)']);
    await userEvent.click(screen.getByRole('option', { name: 'GPT-4o 2024-11-20 (openai)' }));
    await waitFor(() => expect(tier()).toHaveValue('Sonnet'));
    expect(tier()).toBeDisabled();
    expect(screen.getByText('Follows from GPT-4o 2024-11-20')).toBeInTheDocument();
  });

  it('does not send a form with problems, and marks each field', async () => {
    renderPage(<AgentForm />, { mocks: [models] });
    await userEvent.type(screen.getByRole('textbox', { name: /^Configuration/ }), 'not json');
    await userEvent.click(screen.getByRole('button', { name: 'Register agent' }));
    expect(await screen.findByText('Give the agent a name, e.g. "Release Notes Writer"')).toBeInTheDocument();
    expect(screen.getByText('Choose what the agent works as')).toBeInTheDocument();
    expect(screen.getByText(/^Not valid JSON/)).toBeInTheDocument();
  });

  it('shows a refused change in place: field errors next to their fields and the policy block above the buttons', async () => {
    renderPage(<AgentForm agentId={agent.id} initial={initial} />, {
      mocks: [
        models,
        {
          request: { query: AgentUpdate, variables: { input: { agentId: agent.id, name: 'Code Reviewer', costPerRequest: '0.2' } } },
          result: {
            data: {
              agentUpdate: changeResult({
                policyViolations: [finding()],
                userErrors: [
                  { __typename: 'UserError', field: ['input', 'name'], message: 'An agent named "Code Reviewer" already exists', code: 'CONFLICT' },
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
    const name = screen.getByRole('textbox', { name: /^Name/ });
    await userEvent.clear(name);
    await userEvent.type(name, 'Code Reviewer');
    const cost = screen.getByRole('textbox', { name: /^Cost per request/ });
    await userEvent.clear(cost);
    await userEvent.type(cost, '0.2');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    const nameError = await screen.findByText('An agent named "Code Reviewer" already exists');
    expect(name.closest('.mantine-TextInput-root')).toContainElement(nameError);
    const block = screen.getByTestId('policy-block');
    expect(within(block).getByText('Policy blocked the change')).toBeInTheDocument();
    expect(within(block).getByRole('link', { name: 'Opus cost ceiling' })).toBeInTheDocument();
    expect(screen.queryByText(/^Opus cost ceiling: An Opus agent/)).not.toBeInTheDocument();
  });

  it('goes back to the agent, unchanged, with the approval request named, when a policy holds the change for approval', async () => {
    function HeldProbe() {
      const location = useLocation();
      const held = (location.state as { outcome?: { held?: { request: { id: string } } } } | null)?.outcome?.held;
      return <output data-testid="held-request">{held?.request.id ?? ''}</output>;
    }
    renderPage(
      <>
        <AgentForm agentId={agent.id} initial={initial} />
        <LocationProbe />
        <HeldProbe />
      </>,
      {
        route: `/agents/${agent.id}/edit`,
        mocks: [
          models,
          {
            request: { query: AgentUpdate, variables: { input: { agentId: agent.id, costPerRequest: '0.2' } } },
            result: {
              data: {
                agentUpdate: changeResult({
                  policyHolds: [finding({ enforcement: 'REQUIRE_APPROVAL', policyName: 'Opus changes need approval' })],
                  heldForApproval: { __typename: 'ApprovalRequest', id: 'QXBwcm92YWxSZXF1ZXN0Ojk=', title: 'Change Terraform Drafter', status: 'PENDING' },
                }),
              },
            },
          },
        ],
      },
    );
    const cost = screen.getByRole('textbox', { name: /^Cost per request/ });
    await userEvent.clear(cost);
    await userEvent.type(cost, '0.2');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe(`/agents/${encodeURIComponent(agent.id)}`));
    expect(screen.getByTestId('held-request')).toHaveTextContent('QXBwcm92YWxSZXF1ZXN0Ojk=');
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
