import { useQuery } from '@apollo/client/react';
import { Anchor, AppShell, Badge, Burger, Center, Group, Loader, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconShieldCheck } from '@tabler/icons-react';
import { Suspense } from 'react';
import { Link, Outlet } from 'react-router';
import { TenantStatus } from '../../gql/graphql';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { roleLabel } from '../access';
import { ColorSchemeToggle } from './ColorSchemeToggle';
import { LiveIndicator } from './LiveIndicator';
import { NotificationBell } from './NotificationBell';
import { Navigation } from './Navigation';
import { MAIN_CONTENT_ID, SkipLink } from './SkipLink';
import { TenantSuspended } from './TenantSuspended';
import { TenantSwitcher } from './TenantSwitcher';
import { UserMenu } from './UserMenu';
import { ShellViewer, ViewerContext } from './viewer';
import { enumText } from '../../format/words';

export function PageLoader() {
  return (
    <Center py="xl" aria-busy="true">
      <Loader />
    </Center>
  );
}

/** The layout every page sits in: header with tenant and user, navigation by role, the page. */
export function Shell() {
  const { data, error, refetch } = useQuery(ShellViewer, { errorPolicy: 'all' });
  const [opened, { toggle, close }] = useDisclosure();
  const viewer = data?.viewer;

  if (!viewer) {
    return error ? (
      <Center h="100vh" p="md">
        <ProblemAlert error={error} onRetry={() => void refetch()} />
      </Center>
    ) : (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  }

  return (
    <ViewerContext.Provider value={viewer}>
      <SkipLink />
      <AppShell header={{ height: 60 }} navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="md" wrap="nowrap">
              <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
              <Anchor component={Link} to="/" underline="never" c="inherit" aria-label="Steward home">
                <Group gap={6} wrap="nowrap">
                  <IconShieldCheck size={26} color="var(--mantine-color-blue-filled)" />
                  <Text fz="h3" fw={650} visibleFrom="xs">
                    Steward
                  </Text>
                </Group>
              </Anchor>
              <TenantSwitcher />
              {viewer.role || viewer.customRoleName ? (
                <Badge variant="light" visibleFrom="md" data-testid="tenant-role">
                  {viewer.role ? roleLabel(viewer.role) : viewer.customRoleName}
                </Badge>
              ) : null}
            </Group>
            <Group gap="sm" wrap="nowrap">
              <LiveIndicator />
              {viewer.tenant && viewer.user && viewer.tenant.status !== TenantStatus.Suspended ? <NotificationBell /> : null}
              <ColorSchemeToggle />
              <UserMenu />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="sm">
          <AppShell.Section grow component={ScrollArea}>
            <Navigation viewer={viewer} onNavigate={close} />
          </AppShell.Section>
          <AppShell.Section>
            <Text size="xs" c="dimmed" px="sm">
              {viewer.tenant ? `${viewer.tenant.name} · ${enumText(viewer.tenant.plan)} plan` : 'Not acting in a tenant'}
            </Text>
          </AppShell.Section>
        </AppShell.Navbar>
        <AppShell.Main id={MAIN_CONTENT_ID} tabIndex={-1} style={{ outline: 'none' }}>
          {viewer.tenant?.status === TenantStatus.Suspended ? (
            <TenantSuspended viewer={viewer} />
          ) : (
            <Suspense fallback={<PageLoader />}>
              <Outlet />
            </Suspense>
          )}
        </AppShell.Main>
      </AppShell>
    </ViewerContext.Provider>
  );
}
