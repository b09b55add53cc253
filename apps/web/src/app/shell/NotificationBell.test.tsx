import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { NotificationKind, Role } from '../../gql/graphql';
import { controlledLive, liveNetwork } from '../../test/live';
import { renderPage, viewerFor } from '../../test/render';
import { LiveProvider } from '../apollo/LiveProvider';
import { NotificationBell } from './NotificationBell';

const notification = (n: number) => ({
  __typename: 'Notification',
  id: `Tm90aWZpY2F0aW9uO${n}`,
  kind: NotificationKind.AlertRaised,
  title: `Alert ${n} raised`,
  subjectGlobalId: null,
  createdAt: new Date().toISOString(),
  readAt: null,
});
const bell = (items: ReturnType<typeof notification>[]) => ({
  notificationUnreadCount: items.length,
  notifications: { __typename: 'NotificationConnection', nodes: items },
});

describe('the notification bell, live', () => {
  it('shows the count each event carries without a query, and reads the new notifications once when opened', async () => {
    const network = liveNetwork({ NotificationBell: (n) => bell(n === 1 ? [notification(1)] : [notification(2), notification(1)]) });
    const { live, become } = controlledLive();
    become('live');
    renderPage(
      <LiveProvider live={live}>
        <NotificationBell />
      </LiveProvider>,
      { link: network.link, viewer: viewerFor(Role.Admin) },
    );
    await waitFor(() => expect(screen.getByTestId('notification-count')).toHaveAttribute('data-count', '1'));
    await waitFor(() => expect(network.listening('NotificationCountChanged')).toBe(1));
    network.push('NotificationCountChanged', { notificationUnreadCountChanged: 2 });
    await waitFor(() => expect(screen.getByTestId('notification-count')).toHaveAttribute('data-count', '2'));
    expect(screen.getByRole('button', { name: 'Notifications, 2 unread' })).toBeInTheDocument();
    expect(network.count('NotificationBell')).toBe(1);

    await userEvent.click(screen.getByRole('button', { name: 'Notifications, 2 unread' }));
    expect(await screen.findByText('Alert 2 raised')).toBeInTheDocument();
    expect(network.count('NotificationBell')).toBe(2);
  });

  it('reads again once when the connection is back after a loss', async () => {
    const network = liveNetwork({ NotificationBell: (n) => bell(n === 1 ? [] : [notification(1)]) });
    const { live, become } = controlledLive();
    renderPage(
      <LiveProvider live={live}>
        <NotificationBell />
      </LiveProvider>,
      { link: network.link, viewer: viewerFor(Role.Admin) },
    );
    await waitFor(() => expect(network.count('NotificationBell')).toBe(1));
    become('live');
    become('reconnecting');
    become('live');
    await waitFor(() => expect(screen.getByTestId('notification-count')).toHaveAttribute('data-count', '1'));
    expect(network.count('NotificationBell')).toBe(2);
  });
});
