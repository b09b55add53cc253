import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { type AgentFilter, PermissionName, Role } from '../../gql/graphql';
import { connection } from '../../test/data';
import { renderPage, viewerFor } from '../../test/render';
import AgentsPage, { AGENT_ORDER, AgentsQuery, PAGE_SIZE } from './AgentsPage';
import { agentRow } from '../../test/fixtures';

const noFilter: AgentFilter = { search: null, statuses: null, roles: null, complianceStatuses: null, tags: null };
const variables = (withCost: boolean, filter: AgentFilter = {}, after?: string) => ({
  first: PAGE_SIZE,
  filter: { ...noFilter, ...filter },
  orderBy: AGENT_ORDER,
  withCost,
  ...(after ? { after } : {}),
});
const agents = (nodes: ReturnType<typeof agentRow>[], options?: Parameters<typeof connection>[1]) => ({
  data: { agents: { __typename: 'AgentConnection', ...connection(nodes, options) } },
});

describe('AgentsPage', () => {
  it('sorts by name on the server, reversing when the column is chosen again', async () => {
    renderPage(<AgentsPage />, {
      viewer: viewerFor(Role.Developer),
      mocks: [
        { request: { query: AgentsQuery, variables: variables(true) }, result: agents([agentRow(1, { name: 'Alpha' }), agentRow(2, { name: 'Zulu' })]) },
        {
          request: { query: AgentsQuery, variables: { ...variables(true), orderBy: { field: 'NAME', direction: 'DESC' } } },
          result: agents([agentRow(2, { name: 'Zulu' }), agentRow(1, { name: 'Alpha' })]),
        },
      ],
    });
    await screen.findByText('Alpha', {}, { timeout: 5000 });
    const header = screen.getByRole('columnheader', { name: 'Agent' });
    expect(header).toHaveAttribute('aria-sort', 'ascending');
    await userEvent.click(within(header).getByRole('button'));
    const names = () =>
      within(screen.getByRole('table', { name: 'Agents' }))
        .getAllByRole('link')
        .map((a) => a.textContent);
    await waitFor(() => expect(names()).toEqual(['Zulu', 'Alpha']));
    expect(screen.getByRole('columnheader', { name: 'Agent' })).toHaveAttribute('aria-sort', 'descending');
  });

  it('shows a loading state, then each agent with its status and compliance, and the controls a developer has', async () => {
    renderPage(<AgentsPage />, {
      viewer: viewerFor(Role.Developer),
      mocks: [
        {
          request: { query: AgentsQuery, variables: variables(true) },
          result: agents([
            agentRow(1, { name: 'Terraform Drafter', status: 'DRAFT', complianceStatus: 'NON_COMPLIANT', costPerRequest: '0.065000' }),
            agentRow(2, { name: 'Code Reviewer', costPerRequest: '0.024000' }),
          ]),
          delay: 20,
        },
      ],
    });
    expect(screen.getByText('Loading agents…')).toBeInTheDocument();
    const row = (await screen.findByText('Terraform Drafter')).closest('tr')!;
    expect(within(row).getByTestId('agent-status')).toHaveTextContent('draft');
    expect(within(row).getByTestId('agent-compliance')).toHaveTextContent('Non-compliant');
    expect(within(row).getByText('$0.065')).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: 'Terraform Drafter' })).toHaveAttribute('href', '/agents/QWdlbnQ61');
    expect(screen.getByRole('columnheader', { name: 'Per request' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Register agent' })).toHaveAttribute('href', '/agents/new');
    expect(screen.getByTestId('list-count')).toHaveTextContent('Showing 2 of 2 agents');
  });

  it('shows a viewer the inventory without money or the register button', async () => {
    renderPage(<AgentsPage />, {
      viewer: viewerFor(Role.Viewer),
      mocks: [{ request: { query: AgentsQuery, variables: variables(false) }, result: agents([agentRow(1)]) }],
    });
    expect(await screen.findByText('Agent 1')).toBeInTheDocument();
    expect(screen.queryByRole('columnheader', { name: 'Per request' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Register agent' })).not.toBeInTheDocument();
  });

  it('shows a custom role holding agents.write the register button a developer has, without money it does not hold', async () => {
    renderPage(<AgentsPage />, {
      viewer: viewerFor(null, { isMember: true, customRoleName: 'Agent operator', permissions: [PermissionName.AgentsWrite] }),
      mocks: [{ request: { query: AgentsQuery, variables: variables(false) }, result: agents([agentRow(1)]) }],
    });
    expect(await screen.findByText('Agent 1')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Register agent' })).toHaveAttribute('href', '/agents/new');
    expect(screen.queryByRole('columnheader', { name: 'Per request' })).not.toBeInTheDocument();
  });

  it('shows a custom role holding costs.read_amounts the cost per request', async () => {
    renderPage(<AgentsPage />, {
      viewer: viewerFor(null, { isMember: true, customRoleName: 'Spend watcher', permissions: [PermissionName.CostsReadAmounts] }),
      mocks: [{ request: { query: AgentsQuery, variables: variables(true) }, result: agents([agentRow(1, { costPerRequest: '0.024000' })]) }],
    });
    expect(await screen.findByText('$0.024')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Register agent' })).not.toBeInTheDocument();
  });

  it('shows an empty state, and another one when filters match nothing', async () => {
    renderPage(<AgentsPage />, {
      mocks: [
        { request: { query: AgentsQuery, variables: variables(true) }, result: agents([]) },
        { request: { query: AgentsQuery, variables: variables(true, { search: 'zzz' }) }, result: agents([]) },
      ],
    });
    expect(await screen.findByText('No agents yet')).toBeInTheDocument();
    expect(screen.getByText('Register the first agent the enterprise runs.')).toBeInTheDocument();
    await userEvent.type(screen.getByRole('textbox', { name: 'Search' }), 'zzz');
    expect(await screen.findByText('No agents match these filters')).toBeInTheDocument();
  });

  it('sends the filters to the API and appends the next page on "Load more"', async () => {
    const filter = { search: 'drafter' };
    renderPage(<AgentsPage />, {
      mocks: [
        { request: { query: AgentsQuery, variables: variables(true) }, result: agents([agentRow(1), agentRow(2)], { hasNextPage: true, totalCount: 3 }) },
        { request: { query: AgentsQuery, variables: variables(true, {}, 'c1') }, result: agents([agentRow(3)], { totalCount: 3, offset: 2 }) },
        { request: { query: AgentsQuery, variables: variables(true, filter) }, result: agents([agentRow(6, { name: 'Terraform Drafter' })]) },
      ],
    });
    expect(await screen.findByText('Showing 2 of 3 agents')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('Agent 3')).toBeInTheDocument();
    expect(screen.getByText('Showing 3 of 3 agents')).toBeInTheDocument();
    await userEvent.type(screen.getByRole('textbox', { name: 'Search' }), 'drafter');
    expect(await screen.findByText('Terraform Drafter')).toBeInTheDocument();
    expect(screen.queryByText('Agent 3')).not.toBeInTheDocument();
  });

  it('shows what went wrong, and retries', async () => {
    renderPage(<AgentsPage />, {
      mocks: [
        { request: { query: AgentsQuery, variables: variables(true) }, error: new TypeError('Failed to fetch') },
        { request: { query: AgentsQuery, variables: variables(true) }, result: agents([agentRow(4)]) },
      ],
    });
    expect(await screen.findByText('Steward is unreachable')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Agent 4')).toBeInTheDocument();
  });
});
