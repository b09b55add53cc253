import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MembershipOrderField, OrderDirection, Role } from '../../gql/graphql';
import { connection, member } from '../../test/data';
import { renderPage, viewerFor } from '../../test/render';
import { InvitationsQuery } from './InvitationsPanel';
import MembersPage, { MembersQuery } from './MembersPage';

const adminVariables = {
  first: 25,
  filter: { search: null, roles: null },
  orderBy: { field: MembershipOrderField.CreatedAt, direction: OrderDirection.Desc },
  withEmail: true,
  withLastLogin: true,
};
const viewerVariables = { ...adminVariables, withEmail: false, withLastLogin: false };
const noInvitations = {
  request: { query: InvitationsQuery, variables: { first: 25, filter: { statuses: ['PENDING'] } } },
  result: { data: { invitations: { __typename: 'InvitationConnection', ...connection([]) } } },
  maxUsageCount: 5,
};
const members = (nodes: ReturnType<typeof member>[], options?: Parameters<typeof connection>[1]) => ({
  data: { members: { __typename: 'MembershipConnection', ...connection(nodes, options) } },
});

describe('MembersPage', () => {
  it('shows a loading state, then the members with admin controls for an admin', async () => {
    renderPage(<MembersPage />, {
      mocks: [{ request: { query: MembersQuery, variables: adminVariables }, result: members([member(1, Role.Admin), member(2)]) }, noInvitations],
    });
    expect(screen.getByText('Loading members…')).toBeInTheDocument();
    expect(await screen.findByText('Person 1')).toBeInTheDocument();
    expect(screen.getByText('person2@acme.test')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Invite member' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Role of Person 2' })).toHaveValue('Developer');
    expect(screen.getByRole('button', { name: 'Remove Person 2' })).toBeInTheDocument();
    expect(await screen.findByText('No pending invitations')).toBeInTheDocument();
  });

  it('shows a viewer the list without emails or any control to change it', async () => {
    renderPage(<MembersPage />, {
      viewer: viewerFor(Role.Viewer),
      mocks: [{ request: { query: MembersQuery, variables: viewerVariables }, result: members([member(1, Role.Admin, false), member(2, Role.Viewer, false)]) }],
    });
    expect(await screen.findByText('Person 2')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Invite member' })).not.toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: /Role of/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Remove/ })).not.toBeInTheDocument();
    expect(screen.queryByText('Pending invitations')).not.toBeInTheDocument();
    expect(screen.getAllByText('Viewer').length).toBeGreaterThan(0);
  });

  it('shows an empty state', async () => {
    renderPage(<MembersPage />, {
      viewer: viewerFor(Role.Viewer),
      mocks: [{ request: { query: MembersQuery, variables: viewerVariables }, result: members([]) }],
    });
    expect(await screen.findByText('No members yet')).toBeInTheDocument();
  });

  it('shows what is not allowed when the API answers FORBIDDEN', async () => {
    renderPage(<MembersPage />, {
      viewer: viewerFor(Role.Viewer),
      mocks: [
        {
          request: { query: MembersQuery, variables: viewerVariables },
          result: { data: { members: null }, errors: [{ message: 'You are not allowed to do this', path: ['members'], extensions: { code: 'FORBIDDEN' } }] },
        },
      ],
    });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Not allowed')).toBeInTheDocument();
    expect(within(alert).getByText('members')).toBeInTheDocument();
  });

  it('offers a retry when Steward cannot be reached', async () => {
    renderPage(<MembersPage />, {
      viewer: viewerFor(Role.Viewer),
      mocks: [
        { request: { query: MembersQuery, variables: viewerVariables }, error: new TypeError('Failed to fetch') },
        { request: { query: MembersQuery, variables: viewerVariables }, result: members([member(3, Role.Viewer, false)]) },
      ],
    });
    expect(await screen.findByText('Steward is unreachable')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Person 3')).toBeInTheDocument();
  });

  it('appends the next page to the list on "Load more"', async () => {
    renderPage(<MembersPage />, {
      viewer: viewerFor(Role.Viewer),
      mocks: [
        {
          request: { query: MembersQuery, variables: viewerVariables },
          result: members([member(1, Role.Viewer, false), member(2, Role.Viewer, false)], { hasNextPage: true, totalCount: 3 }),
        },
        {
          request: { query: MembersQuery, variables: { ...viewerVariables, after: 'c1' } },
          result: members([member(3, Role.Viewer, false)], { totalCount: 3, offset: 2 }),
        },
      ],
    });
    expect(await screen.findByText('Showing 2 of 3 members')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('Person 3')).toBeInTheDocument();
    expect(screen.getByText('Person 1')).toBeInTheDocument();
    expect(screen.getAllByTestId('member-row')).toHaveLength(3);
    expect(screen.getByText('Showing 3 of 3 members')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });
});
