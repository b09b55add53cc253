import { useQuery } from '@apollo/client/react';
import { Anchor, AppShell, Badge, Burger, Center, Group, Loader, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconExternalLink, IconShieldCheck, IconTerminal2 } from '@tabler/icons-react';
import { Suspense } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { TenantStatus } from '../../gql/graphql';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { can, mayUse, roleLabel } from '../access';
import { navigation } from '../modules';
import type { PageModule } from '../page-module';
import { ColorSchemeToggle } from './ColorSchemeToggle';
import { MAIN_CONTENT_ID, SkipLink } from './SkipLink';
import { TenantSuspended } from './TenantSuspended';
import { TenantSwitcher } from './TenantSwitcher';
import { UserMenu } from './UserMenu';
import { ShellViewer, type Viewer, ViewerContext } from './viewer';
import { enumText } from '../../format/words';

export function PageLoader() {
  return (
    <Center py="xl" aria-busy="true">
      <Loader />
    </Center>
  );
}

/** Whether the viewer may open a page; the navigation lists only those. */
export function mayOpen(viewer: Viewer, module: PageModule): boolean {
  return mayUse(viewer, module.capability);
}

/** Grouped, one line per page, only what the role may use: fits a 900 px high window without scrolling. */
function Navigation({ viewer, onNavigate }: { viewer: Viewer; onNavigate: () => void }) {
  const { pathname } = useLocation();
  const groups = navigation.map((g) => ({ ...g, modules: g.modules.filter((m) => mayOpen(viewer, m)) })).filter((g) => g.modules.length > 0);
  return (
    <Stack gap="xs" component="nav" aria-label="Main">
      {groups.map((group) => (
        <Stack key={group.label ?? 'home'} gap={0} role="group" aria-label={group.label ?? 'Home'}>
          {group.label ? (
            <Text size="xs" fw={700} tt="uppercase" c="dimmed" px="sm" pb={2} aria-hidden>
              {group.label}
            </Text>
          ) : null}
          {group.modules.map((m) => {
            const to = `/${m.path}`;
            const active = m.path === '' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
            return (
              <NavLink
                key={m.path}
                component={Link}
                to={to}
                label={m.label}
                title={m.description}
                leftSection={<m.icon size={18} stroke={1.6} />}
                active={active}
                onClick={onNavigate}
                aria-current={active ? 'page' : undefined}
                py={6}
              />
            );
          })}
        </Stack>
      ))}
      {can(viewer.role, 'graphiql') ? (
        <NavLink
          component="a"
          href="/graphql"
          target="_blank"
          rel="noopener"
          label="GraphiQL"
          title="Query the API as yourself (opens a new tab)"
          leftSection={<IconTerminal2 size={18} stroke={1.6} />}
          rightSection={<IconExternalLink size={14} />}
          data-testid="graphiql-link"
          py={6}
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
