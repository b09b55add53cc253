import { screen, within } from '@testing-library/react';
import { Role } from '../../gql/graphql';
import { renderPage, viewerFor } from '../../test/render';
import { AgentSpend, AgentSpendQuery } from './AgentSpend';
import { addDays, todayUtc } from '../../format/days';

describe('AgentSpend', () => {
  const agentId = 'QWdlbnQ6MQ==';
  const to = todayUtc();
  const from = addDays(to, -29);

  it("shows the agent's 30-day total, its change and its budget", async () => {
    renderPage(<AgentSpend agentId={agentId} />, {
      viewer: viewerFor(Role.Developer),
      mocks: [
        {
          request: { query: AgentSpendQuery, variables: { agentId, from, to } },
          result: {
            data: {
              agentDaily: [{ __typename: 'CostBucket', period: to, amount: '12.30' }],
              agentSummary: { __typename: 'CostSummary', currency: 'USD', total: '1296.22', previousTotal: '1000', changePercent: '29.62', entries: 40 },
              agentBudgets: {
                __typename: 'BudgetConnection',
                nodes: [
                  {
                    __typename: 'Budget',
                    id: 'QnVkZ2V0OjM=',
                    name: 'Incident Triage cap',
                    currency: 'USD',
                    thresholds: [50, 80, 100],
                    amount: '5000',
                    currentSpend: '1296.22',
                  },
                ],
              },
            },
          },
        },
      ],
    });
    expect(screen.getByLabelText('Loading spend')).toBeInTheDocument();
    expect(await screen.findByTestId('agent-spend-total')).toHaveTextContent('$1,296.22');
    expect(screen.getByText(/\+29.6% against the 30 days before/)).toBeInTheDocument();
    expect(screen.getByText('Budget: Incident Triage cap')).toBeInTheDocument();
    expect(screen.getByTestId('budget-percent')).toHaveTextContent('26%');
    expect(screen.getByRole('link', { name: 'Open in the cost dashboard' })).toHaveAttribute('href', `/costs?agent=${encodeURIComponent(agentId)}`);
  });

  it('tells a viewer the role cannot see amounts, without asking', () => {
    renderPage(<AgentSpend agentId={agentId} />, { viewer: viewerFor(Role.Viewer) });
    expect(within(screen.getByTestId('agent-spend')).getByText('Your role cannot see amounts.')).toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });
});
