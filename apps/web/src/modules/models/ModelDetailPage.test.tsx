import { screen, within } from '@testing-library/react';
import { NamedOrderField, OrderDirection, Role } from '../../gql/graphql';
import { renderPage, viewerFor } from '../../test/render';
import { agentRow } from '../../test/fixtures';
import ModelDetailPage, { AGENTS_SHOWN, ModelDetailQuery } from './ModelDetailPage';

const id = 'QWlNb2RlbDox';
const route = { route: `/models/${encodeURIComponent(id)}`, path: '/models/:id' };
const variables = (builder: boolean) => ({
  id,
  first: AGENTS_SHOWN,
  orderBy: { field: NamedOrderField.Name, direction: OrderDirection.Asc },
  withConfiguration: builder,
  withCost: builder,
});

function model(
  builder: boolean,
  agents = [agentRow(1, { name: 'Code Reviewer' }), agentRow(2, { name: 'Incident Triage', complianceStatus: 'NON_COMPLIANT' })],
) {
  return {
    __typename: 'AiModel',
    id,
    name: 'Claude Sonnet',
    provider: 'anthropic',
    version: '4.5',
    type: 'LLM',
    status: 'DEPLOYED',
    performanceMetrics: { p50LatencyMs: 900 },
    updatedAt: new Date().toISOString(),
    createdAt: new Date().toISOString(),
    ...(builder ? { configuration: { maxTokens: 8192 } } : {}),
    agents: { __typename: 'AgentConnection', totalCount: agents.length, nodes: builder ? agents : agents.map(({ costPerRequest: _c, ...a }) => a) },
  };
}

describe('ModelDetailPage', () => {
  it('shows progress, then the model, its configuration and every agent using it, each a link to its page', async () => {
    renderPage(<ModelDetailPage />, {
      ...route,
      viewer: viewerFor(Role.Developer),
      mocks: [{ request: { query: ModelDetailQuery, variables: variables(true) }, result: { data: { aiModel: model(true) } }, delay: 10 }],
    });
    expect(screen.getByText('Loading this model…')).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Claude Sonnet 4.5' })).toBeInTheDocument();
    expect(screen.getByText('P50 latency: 900 ms')).toBeInTheDocument();
    expect(screen.getByLabelText('Model configuration')).toHaveTextContent('"maxTokens": 8192');
    const agents = screen.getByTestId('model-agents');
    expect(within(agents).getByTestId('model-agent-count')).toHaveTextContent('2 agents');
    expect(within(agents).getByRole('link', { name: 'Incident Triage' })).toHaveAttribute('href', '/agents/QWdlbnQ62');
    expect(within(agents).getByRole('columnheader', { name: 'Per request' })).toBeInTheDocument();
  });

  it('shows a viewer the agents without configuration or cost, and says when no agent uses it', async () => {
    renderPage(<ModelDetailPage />, {
      ...route,
      viewer: viewerFor(Role.Viewer),
      mocks: [{ request: { query: ModelDetailQuery, variables: variables(false) }, result: { data: { aiModel: model(false, []) } } }],
    });
    expect(await screen.findByText('No agent runs on this model.')).toBeInTheDocument();
    expect(screen.queryByLabelText('Model configuration')).not.toBeInTheDocument();
  });

  it("says so when the model does not exist or is another tenant's", async () => {
    renderPage(<ModelDetailPage />, {
      ...route,
      viewer: viewerFor(Role.Viewer),
      mocks: [
        {
          request: { query: ModelDetailQuery, variables: variables(false) },
          result: { data: { aiModel: null }, errors: [{ message: 'Model not found', extensions: { code: 'NOT_FOUND' } }] },
        },
      ],
    });
    expect(await screen.findByText('No such model')).toBeInTheDocument();
  });
});
