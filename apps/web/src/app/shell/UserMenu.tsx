import { Avatar, Badge, Group, Menu, Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconChevronDown, IconLock, IconLogout, IconTerminal2, IconUserCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { TenantStatus } from '../../gql/graphql';
import { allowed, roleLabel } from '../access';
import { useSession } from '../session/SessionProvider';
import { useViewer } from './viewer';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

export function UserMenu() {
  const viewer = useViewer();
  const session = useSession();
  const [signingOut, setSigningOut] = useState(false);
  const name = viewer.user?.fullName ?? 'Signed in';
  const roleText = viewer.role
    ? roleLabel(viewer.role)
    : viewer.customRoleName
      ? viewer.customRoleName
      : viewer.isPlatformAdmin
        ? 'Platform admin'
        : viewer.tenant?.status === TenantStatus.Suspended
          ? 'Tenant suspended'
          : 'No tenant role';

  return (
    <Menu position="bottom-end" width={260} withinPortal>
      <Menu.Target>
        {/* Named by what it shows (WCAG 2.5.3): the name and role, then what it opens. */}
        <UnstyledButton data-testid="user-menu">
          <Group gap="xs" wrap="nowrap">
            <Avatar radius="xl" size={32} color="blue" aria-hidden>
              {initials(name)}
            </Avatar>
            <Stack gap={0} visibleFrom="sm">
              <Text size="sm" fw={600} lh={1.2}>
                {name}
              </Text>
              <Text size="xs" c="dimmed" lh={1.2} data-testid="user-role">
                {roleText}
              </Text>
            </Stack>
            <VisuallyHidden>account menu</VisuallyHidden>
            <IconChevronDown size={14} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Stack gap={2}>
            <Text size="sm" fw={600} c="var(--mantine-color-text)">
              {name}
            </Text>
            {viewer.user?.email ? <Text size="xs">{viewer.user.email}</Text> : null}
            <Group gap={4} mt={4}>
              {viewer.role ? (
                <Badge size="sm" variant="light">
                  {roleLabel(viewer.role)}
                </Badge>
              ) : null}
              {viewer.isPlatformAdmin ? (
                <Badge size="sm" color="grape" variant="light">
                  Platform admin
                </Badge>
              ) : null}
            </Group>
          </Stack>
        </Menu.Label>
        <Menu.Divider />
        <Menu.Item component={Link} to="/account" leftSection={<IconUserCircle size={16} />}>
          Your account and sessions
        </Menu.Item>
        <Menu.Item component={Link} to="/account/security" leftSection={<IconLock size={16} />}>
          Account security
        </Menu.Item>
        {allowed(viewer, 'graphiql') ? (
          <Menu.Item component="a" href="/graphql" target="_blank" rel="noopener" leftSection={<IconTerminal2 size={16} />}>
            Open GraphiQL
          </Menu.Item>
        ) : null}
        <Menu.Item
          color="red"
          leftSection={<IconLogout size={16} />}
          disabled={signingOut}
          onClick={() => {
            setSigningOut(true);
            void session.signOut().finally(() => setSigningOut(false));
          }}
        >
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
