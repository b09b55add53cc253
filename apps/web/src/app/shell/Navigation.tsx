import { NavLink, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconChevronRight, IconExternalLink, IconTerminal2 } from '@tabler/icons-react';
import { Suspense, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { allowed, mayUse } from '../access';
import { navigation, type NavigationGroup } from '../modules';
import type { PageModule } from '../page-module';
import classes from './Navigation.module.css';
import type { Viewer } from './viewer';

/** Where the operator's choice of open groups is kept, per browser. */
export const OPEN_GROUPS_KEY = 'steward.navigation.open-groups';

type OpenGroups = Record<string, boolean>;

function readOpenGroups(): OpenGroups {
  try {
    const stored: unknown = JSON.parse(window.localStorage.getItem(OPEN_GROUPS_KEY) ?? '{}');
    return stored && typeof stored === 'object' && !Array.isArray(stored) ? (stored as OpenGroups) : {};
  } catch {
    return {};
  }
}

/** Whether the viewer may open a page; the navigation lists only those. */
export function mayOpen(viewer: Viewer, module: PageModule): boolean {
  return mayUse(viewer, module.capability);
}

function isCurrent(module: PageModule, pathname: string): boolean {
  const to = `/${module.path}`;
  return module.path === '' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
}

function PageLink({ module, active, onNavigate }: { module: PageModule; active: boolean; onNavigate: () => void }) {
  return (
    <NavLink
      component={Link}
      to={`/${module.path}`}
      label={module.label}
      title={module.description}
      leftSection={<module.icon size={18} stroke={1.6} />}
      active={active}
      onClick={onNavigate}
      aria-current={active ? 'page' : undefined}
      rightSection={
        module.NavBadge ? (
          <Suspense fallback={null}>
            <module.NavBadge />
          </Suspense>
        ) : undefined
      }
      py={6}
    />
  );
}

/**
 * One labelled group of pages. Its entries show while it is open: the group of the current page is open unless
 * the operator closed it, and the operator's own choice (open or closed) is remembered per browser, so the
 * navigation fits a short window however many pages there are.
 */
function Group({
  group,
  open,
  onToggle,
  pathname,
  onNavigate,
}: {
  group: NavigationGroup & { label: string };
  open: boolean;
  onToggle: () => void;
  pathname: string;
  onNavigate: () => void;
}) {
  const listId = `navigation-${group.label.toLowerCase().replace(/\W+/g, '-')}`;
  const holdsCurrent = group.modules.some((m) => isCurrent(m, pathname));
  return (
    <Stack gap={0} role="group" aria-label={group.label}>
      <UnstyledButton
        className={classes.groupToggle}
        onClick={onToggle}
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        data-current={holdsCurrent || undefined}
      >
        <IconChevronRight size={14} className={classes.chevron} data-open={open || undefined} aria-hidden />
        <Text span size="xs" fw={700} tt="uppercase">
          {group.label}
        </Text>
        {!open ? (
          <Text span size="xs" c="dimmed" ml="auto">
            {group.modules.length}
          </Text>
        ) : null}
      </UnstyledButton>
      {open ? (
        <Stack gap={0} id={listId}>
          {group.modules.map((m) => (
            <PageLink key={m.path} module={m} active={isCurrent(m, pathname)} onNavigate={onNavigate} />
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}

/** Grouped, one line per page, only what the role may use; groups open and close so it fits a 900 px high window. */
export function Navigation({ viewer, onNavigate }: { viewer: Viewer; onNavigate: () => void }) {
  const { pathname } = useLocation();
  const [chosen, setChosen] = useState(readOpenGroups);
  const choose = (label: string, open: boolean) => {
    const next = { ...chosen, [label]: open };
    setChosen(next);
    window.localStorage.setItem(OPEN_GROUPS_KEY, JSON.stringify(next));
  };
  const groups = navigation.map((g) => ({ ...g, modules: g.modules.filter((m) => mayOpen(viewer, m)) })).filter((g) => g.modules.length > 0);
  const current = groups.find((g) => g.label && g.modules.some((m) => isCurrent(m, pathname)))?.label;

  return (
    <Stack gap={6} component="nav" aria-label="Main">
      {groups.map((group) =>
        group.label === null ? (
          <Stack key="home" gap={0} role="group" aria-label="Home">
            {group.modules.map((m) => (
              <PageLink key={m.path} module={m} active={isCurrent(m, pathname)} onNavigate={onNavigate} />
            ))}
          </Stack>
        ) : (
          <Group
            key={group.label}
            group={{ ...group, label: group.label }}
            open={chosen[group.label] ?? group.label === current}
            onToggle={() => choose(group.label!, !(chosen[group.label!] ?? group.label === current))}
            pathname={pathname}
            onNavigate={onNavigate}
          />
        ),
      )}
      {allowed(viewer, 'graphiql') ? (
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
