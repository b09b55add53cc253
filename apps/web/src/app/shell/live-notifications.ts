import { useSubscription } from '@apollo/client/react';
import { useState } from 'react';
import { useLiveAvailable } from '../apollo/LiveProvider';
import { useRereadAfterReconnect } from '../apollo/live-lists';
import { NotificationCountChanged } from './notification.operations';

/**
 * Keeps the cached unread count at the number each live event carries (no query), and says whether
 * notifications arrived since the latest ones were read: the event carries the count, not the
 * notifications, so the bell reads them when it is opened. `reread` once after a reconnect.
 */
export function useLiveNotificationCount(reread: () => unknown): { arrived: boolean; seen: () => void } {
  const available = useLiveAvailable();
  const [arrived, setArrived] = useState(false);
  useRereadAfterReconnect(reread);
  useSubscription(NotificationCountChanged, {
    skip: !available,
    ignoreResults: true,
    onData: ({ client, data }) => {
      const count = data.data?.notificationUnreadCountChanged;
      if (count == null) return;
      client.cache.modify<{ notificationUnreadCount: number }>({
        id: 'ROOT_QUERY',
        fields: {
          notificationUnreadCount(before) {
            if (typeof before === 'number' && count > before) setArrived(true);
            return count;
          },
        },
      });
    },
  });
  return { arrived, seen: () => setArrived(false) };
}
