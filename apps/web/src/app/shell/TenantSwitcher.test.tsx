import { ApolloClient } from '@apollo/client';
import { notifications } from '@mantine/notifications';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Role } from '../../gql/graphql';
import { renderPage, viewerFor } from '../../test/render';
import { Session } from '../session/session';
import { TenantSwitcher } from './TenantSwitcher';

jest.mock('@mantine/notifications', () => ({ ...jest.requireActual('@mantine/notifications'), notifications: { show: jest.fn() } }));

const memberships = [
  {
    __typename: 'Membership' as const,
    id: 'm1',
    role: Role.Developer,
    customRole: null,
    tenant: { __typename: 'Tenant' as const, id: 'VGVuYW50OjE=', name: 'Acme Corporation', slug: 'acme' },
  },
  {
    __typename: 'Membership' as const,
    id: 'm2',
    role: Role.Analyst,
    customRole: null,
    tenant: { __typename: 'Tenant' as const, id: 'VGVuYW50OjI=', name: 'Globex Industries', slug: 'globex' },
  },
];

async function switchWith(session: Session) {
  // The store reset after a switch cancels the old tenant's queries in flight, as in the browser.
  jest.spyOn(ApolloClient.prototype, 'resetStore').mockRejectedValue(new TypeError('The operation was aborted'));
  renderPage(<TenantSwitcher />, { viewer: viewerFor(Role.Developer, { memberships }), session });
  await userEvent.click(screen.getByRole('button', { name: /Current tenant: Acme Corporation/ }));
  await userEvent.click(await screen.findByRole('menuitem', { name: /Globex Industries/ }));
}

describe('TenantSwitcher', () => {
  beforeEach(() => jest.mocked(notifications.show).mockClear());
  afterEach(() => jest.restoreAllMocks());

  it('switches silently, though the store reset cancels queries in flight', async () => {
    const session = new Session();
    const switched = jest.spyOn(session, 'switchTenant').mockResolvedValue(null);
    await switchWith(session);
    await waitFor(() => expect(switched).toHaveBeenCalledWith('VGVuYW50OjI='));
    await waitFor(() => expect(screen.getByRole('button', { name: /Current tenant/ })).not.toHaveAttribute('data-loading'));
    expect(notifications.show).not.toHaveBeenCalled();
  });

  it('says so when the switch itself fails', async () => {
    const session = new Session();
    jest.spyOn(session, 'switchTenant').mockRejectedValue(new TypeError('Failed to fetch'));
    await switchWith(session);
    await waitFor(() =>
      expect(notifications.show).toHaveBeenCalledWith(
        expect.objectContaining({ color: 'red', title: 'Could not switch to Globex Industries', message: expect.stringMatching(/Steward cannot be reached/) }),
      ),
    );
  });
});
