import { notifications } from '@mantine/notifications';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MembershipOrderField, OrderDirection, PermissionName, Role } from '../../gql/graphql';
import { connection, member } from '../../test/data';
import { renderPage, viewerFor } from '../../test/render';
import { InvitationsQuery } from './InvitationsPanel';
import MembersPage, { MembersQuery } from './MembersPage';
import { MembershipMfaReset } from './ResetMfaAction';

// Mantine's notification container swipes with an AbortSignal this jsdom refuses: record the calls instead.
jest.mock('@mantine/notifications', () => ({ ...jest.requireActual('@mantine/notifications'), notifications: { show: jest.fn() } }));

const adminVariables = {
  first: 25,
  filter: { search: null, roles: null },
  orderBy: { field: MembershipOrderField.CreatedAt, direction: OrderDirection.Desc },
  withEmail: true,
  withLastLogin: true,
  withMfa: true,
};
const viewerVariables = { ...adminVariables, withEmail: false, withLastLogin: false, withMfa: false };
const noInvitations = {
  request: { query: InvitationsQuery, variables: { first: 25, filter: { statuses: ['PENDING'] } } },
  result: { data: { invitations: { __typename: 'InvitationConnection', ...connection([]) } } },
  maxUsageCount: 5,
};
const members = (nodes: ReturnType<typeof member>[], options?: Parameters<typeof connection>[1]) => ({
  data: { members: { __typename: 'MembershipConnection', ...connection(nodes, options) } },
});

describe('MembersPage', () => {
  beforeEach(() => jest.mocked(notifications.show).mockClear());

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

  it("resets another member's two-factor authentication after asking, offered only where it is on and never for your own", async () => {
    const admin = viewerFor(Role.Admin);
    renderPage(<MembersPage />, {
      viewer: { ...admin, user: { ...admin.user!, id: 'VXNlcjo1' } },
      mocks: [
        {
          request: { query: MembersQuery, variables: adminVariables },
          result: members([member(1, Role.Admin, true, true), member(2, Role.Developer, true, true), member(3)]),
        },
        noInvitations,
        {
          request: { query: MembershipMfaReset, variables: { input: { membershipId: member(2).id } } },
          result: {
            data: { membershipMfaReset: { __typename: 'MembershipMfaResetPayload', reset: true, recoveryCodesCleared: 10, sessionsEnded: 2, userErrors: [] } },
          },
        },
      ],
    });
    expect(await screen.findByText('Person 2')).toBeInTheDocument();
    const row = (name: string) => within(screen.getByText(name).closest('tr')!);
    // Two-factor on for Persons 1 and 2 (a badge), not for Person 3: nothing to reset there, so no action.
    expect(row('Person 1').getByText('2FA')).toBeInTheDocument();
    expect(row('Person 2').getByText('2FA')).toBeInTheDocument();
    expect(row('Person 3').queryByText('2FA')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Reset the two-factor authentication of Person 3' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Remove Person 3' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Reset the two-factor authentication of Person 1' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Reset the two-factor authentication of Person 2' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reset two-factor authentication' });
    expect(within(dialog).getByText(/recovery codes stop working, they are signed out everywhere/)).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Reset' }));
    await waitFor(() =>
      expect(notifications.show).toHaveBeenCalledWith(
        expect.objectContaining({
          title: 'Two-factor authentication reset',
          message: 'Person 2 was signed out (2 sessions) and mailed; they set up a new authenticator when they next sign in.',
        }),
      ),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    // Reset: the badge and the action go from the row.
    await waitFor(() => expect(row('Person 2').queryByText('2FA')).not.toBeInTheDocument());
    expect(screen.queryByRole('button', { name: 'Reset the two-factor authentication of Person 2' })).not.toBeInTheDocument();
  });

  it('shows why a reset was refused, in the dialog', async () => {
    renderPage(<MembersPage />, {
      viewer: viewerFor(null, { isMember: true, customRoleName: 'HR manager', permissions: [PermissionName.MembersManage] }),
      mocks: [
        { request: { query: MembersQuery, variables: { ...adminVariables, withLastLogin: false } }, result: members([member(2, Role.Developer, true, true)]) },
        noInvitations,
        {
          request: { query: MembershipMfaReset, variables: { input: { membershipId: member(2).id } } },
          result: {
            data: {
              membershipMfaReset: {
                __typename: 'MembershipMfaResetPayload',
                reset: false,
                recoveryCodesCleared: null,
                sessionsEnded: null,
                userErrors: [
                  {
                    __typename: 'UserError',
                    field: ['input', 'membershipId'],
                    message: 'person2@acme.test has no two-factor authentication to reset',
                    code: 'BAD_USER_INPUT',
                  },
                ],
              },
            },
          },
        },
      ],
    });
    // A custom role holding members.manage gets the member controls an admin has.
    expect(await screen.findByText('Person 2')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Invite member' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Reset the two-factor authentication of Person 2' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reset two-factor authentication' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Reset' }));
    expect(await within(dialog).findByText('person2@acme.test has no two-factor authentication to reset')).toBeInTheDocument();
    expect(notifications.show).not.toHaveBeenCalledWith(expect.objectContaining({ title: 'Two-factor authentication reset' }));
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
    expect(screen.queryByRole('button', { name: /Reset the two-factor authentication/ })).not.toBeInTheDocument();
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
