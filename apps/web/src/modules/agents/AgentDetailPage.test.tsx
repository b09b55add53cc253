import { screen } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { Role } from '../../gql/graphql';
import { renderPage, viewerFor } from '../../test/render';
import { AgentDetailQuery } from './agent.operations';
import AgentDetailPage from './AgentDetailPage';

function renderAt(id: string, error: GraphQLError) {
  renderPage(<AgentDetailPage />, {
    viewer: viewerFor(Role.Admin),
    route: `/agents/${id}`,
    path: '/agents/:id',
    mocks: [
      { request: { query: AgentDetailQuery, variables: { id, withConfiguration: true, withCost: true } }, result: { errors: [error], data: { agent: null } } },
    ],
  });
}

describe('AgentDetailPage', () => {
  it('shows the not-found page for a malformed id in the address, with nothing to retry', async () => {
    renderAt('doesnotexist', new GraphQLError('id is not a valid Agent id', { path: ['agent'], extensions: { code: 'BAD_USER_INPUT', field: 'id' } }));
    expect(await screen.findByTestId('not-found')).toHaveTextContent('Not found');
    expect(screen.queryByText('Something went wrong')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
  });

  it('shows the not-found page for an agent that does not exist', async () => {
    renderAt(
      'QWdlbnQ6MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAw',
      new GraphQLError('Agent not found', { path: ['agent'], extensions: { code: 'NOT_FOUND' } }),
    );
    expect(await screen.findByTestId('not-found')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
  });
});
