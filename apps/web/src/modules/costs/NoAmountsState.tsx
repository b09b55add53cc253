import { Anchor, Card, EmptyState, Group, Text } from '@mantine/core';
import { IconEyeOff } from '@tabler/icons-react';
import { Link } from 'react-router';
import { allowed, roleLabel } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';

/** What a role without money sees instead of charts: why, and what it can read instead. */
export function NoAmountsState() {
  const viewer = useViewer();
  const who = viewer.role ? `the ${roleLabel(viewer.role).toLowerCase()} role` : viewer.customRoleName ? `the ${viewer.customRoleName} role` : 'your account';
  const budgets = allowed(viewer, 'budgets.read');
  const alerts = allowed(viewer, 'alerts.read');
  return (
    <Card withBorder padding="xl" data-testid="no-amounts">
      <EmptyState
        icon={<IconEyeOff size={28} />}
        variant="light"
        color="yellow"
        withIndicatorBackground
        title="Your role cannot see amounts"
        description={`Spend, forecasts and budget amounts are for admins, developers and analysts. Steward does not show them to ${who}; ask an admin of ${viewer.tenant?.name ?? 'your tenant'} if you need them.`}
      />
      {budgets || alerts ? (
        <Group justify="center" gap="xs" mt="md">
          <Text size="sm" c="dimmed">
            You can follow
          </Text>
          {budgets ? (
            <Anchor component={Link} to="/budgets" size="sm">
              budgets and their thresholds
            </Anchor>
          ) : null}
          {budgets && alerts ? (
            <Text size="sm" c="dimmed">
              and
            </Text>
          ) : null}
          {alerts ? (
            <Anchor component={Link} to="/alerts" size="sm">
              alerts
            </Anchor>
          ) : null}
          <Text size="sm" c="dimmed">
            without amounts.
          </Text>
        </Group>
      ) : null}
    </Card>
  );
}
