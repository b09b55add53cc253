import { useMutation, useQuery } from '@apollo/client/react';
import { ActionIcon, Button, Group, Indicator, Popover, Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { NotificationKind } from '../../gql/graphql';
import { formatRelative } from '../../ui/dates';
import { useLiveNotificationCount } from './live-notifications';
import { NotificationBellQuery, NotificationMarkAllRead, NotificationMarkRead } from './notification.operations';

/** Where a notification leads. */
function pathOf(kind: NotificationKind, subjectId: string | null | undefined): string {
  if (kind === NotificationKind.ApprovalAssigned && subjectId) return `/approvals/${subjectId}`;
  if (kind === NotificationKind.ViolationOpened) return '/violations';
  return '/alerts';
}

/** The header's bell: the member's unread count, live, and the latest notifications with mark read / mark all read. */
export function NotificationBell() {
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const { data, refetch } = useQuery(NotificationBellQuery, { errorPolicy: 'all' });
  const fresh = useLiveNotificationCount(refetch);
  const [markRead] = useMutation(NotificationMarkRead, { refetchQueries: [NotificationBellQuery] });
  const [markAll, markingAll] = useMutation(NotificationMarkAllRead, { refetchQueries: [NotificationBellQuery] });
  const count = data?.notificationUnreadCount ?? 0;
  const items = data?.notifications?.nodes ?? [];
  const label = count ? `Notifications, ${count} unread` : 'Notifications';

  return (
    // The indicator wraps the popover, so the popover's ARIA attributes land on the button, not on the indicator's div.
    <Indicator label={count > 99 ? '99+' : count} size={18} color="red" disabled={!count} offset={4} data-testid="notification-count" data-count={count}>
      <Popover opened={opened} onChange={setOpened} width={360} position="bottom-end" shadow="md">
        <Popover.Target>
          <ActionIcon
            variant="default"
            size="lg"
            aria-label={label}
            onClick={() => {
              // Notifications that arrived live since the list was read are fetched once, when the member looks.
              if (!opened && fresh.arrived) {
                fresh.seen();
                void refetch();
              }
              setOpened((o) => !o);
            }}
          >
            <IconBell size={18} />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown>
          <Group justify="space-between" mb="xs">
            <Text fw={600}>Notifications</Text>
            <Button size="compact-sm" variant="subtle" disabled={!count} loading={markingAll.loading} onClick={() => void markAll()}>
              Mark all read
            </Button>
          </Group>
          {items.length === 0 ? (
            <Text size="sm" c="dimmed">
              Nothing yet: approvals waiting for you, alerts and violations on your agents show here.
            </Text>
          ) : (
            <Stack gap={4} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label="Latest notifications">
              {items.map((n) => (
                <li key={n.id}>
                  <UnstyledButton
                    w="100%"
                    p={6}
                    onClick={() => {
                      if (!n.readAt) void markRead({ variables: { input: { notificationIds: [n.id] } } });
                      setOpened(false);
                      void navigate(pathOf(n.kind, n.subjectGlobalId));
                    }}
                  >
                    <Text size="sm" fw={n.readAt ? 400 : 600}>
                      {n.readAt ? null : (
                        <>
                          <span aria-hidden>● </span>
                          <VisuallyHidden>Unread: </VisuallyHidden>
                        </>
                      )}
                      {n.title}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {formatRelative(n.createdAt)}
                    </Text>
                  </UnstyledButton>
                </li>
              ))}
            </Stack>
          )}
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}
