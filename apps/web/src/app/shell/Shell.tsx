import { useQuery } from '@apollo/client/react';
import { Anchor, AppShell, Badge, Burger, Center, Group, Loader, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconExternalLink, IconShieldCheck, IconTerminal2 } from '@tabler/icons-react';
import { Suspense } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { TenantStatus } from '../../gql/graphql';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { can, mayUse, roleLabel } from '../access';
import { pageModules } from '../modules';
import { ColorSchemeToggle } from './ColorSchemeToggle';
import { TenantSuspended } from './TenantSuspended';
import { TenantSwitcher } from './TenantSwitcher';
import { UserMenu } from './UserMenu';
import { ShellViewer, type Viewer, ViewerContext } from './viewer';

export function PageLoader() {
  return (
    <Center py="xl" aria-busy="true">
      <Loader />
    </Center>
  );
}

function Navigation({ viewer, onNavigate }: { viewer: Viewer; onNavigate: () => void }) {
  const { pathname } = useLocation();
  const visible = pageModules.filter((m) => mayUse(viewer, m.capability));
  return (
    <Stack gap={2} component="nav" aria-label="Main">
      {visible.map((m) => {
        const to = `/${m.path}`;
        const active = m.path === '' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
        return (
          <NavLink
            key={m.path}
            component={Link}
            to={to}
            label={m.label}
            description={m.description}
            leftSection={<m.icon size={20} stroke={1.6} />}
            active={active}
            onClick={onNavigate}
            aria-current={active ? 'page' : undefined}
          />
        );
      })}
      {can(viewer.role, 'graphiql') ? (
        <NavLink
          component="a"
          href="/graphql"
          target="_blank"
          rel="noopener"
          label="GraphiQL"
          description="Query the API as yourself"
          leftSection={<IconTerminal2 size={20} stroke={1.6} />}
          rightSection={<IconExternalLink size={14} />}
          data-testid="graphiql-link"
        />
      ) : null}
    </Stack>
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
              {viewer.role ? (
                <Badge variant="light" visibleFrom="md" data-testid="tenant-role">
                  {roleLabel(viewer.role)}
                </Badge>
              ) : null}
            </Group>
            <Group gap="sm" wrap="nowrap">
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
              {viewer.tenant ? `${viewer.tenant.name} · ${viewer.tenant.plan} plan` : 'Not acting in a tenant'}
            </Text>
          </AppShell.Section>
        </AppShell.Navbar>
        <AppShell.Main>
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
