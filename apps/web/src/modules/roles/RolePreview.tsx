import { Badge, Group, List, Stack, Text } from '@mantine/core';
import { mayUse } from '../../app/access';
import { navigation } from '../../app/modules';
import type { PermissionName } from '../../gql/graphql';
import { PERMISSION_LABELS } from './labels';

export interface PermissionDetail {
  name: PermissionName;
  description: string;
  implies: readonly PermissionName[];
}

/** The permissions with those they bring along (reading money includes budgets), as the API grants them. */
export function withImplied(chosen: readonly PermissionName[], details: readonly PermissionDetail[]): PermissionName[] {
  const all = new Set(chosen);
  for (const name of chosen) for (const implied of details.find((d) => d.name === name)?.implies ?? []) all.add(implied);
  return details.map((d) => d.name).filter((name) => all.has(name));
}

/** The pages a member holding exactly these permissions sees in the navigation. */
export function pagesFor(permissions: readonly PermissionName[]): string[] {
  const holder = { role: null, isPlatformAdmin: false, isMember: true, permissions };
  return navigation.flatMap((group) => group.modules.filter((m) => m.capability !== 'tenants.manage' && mayUse(holder, m.capability)).map((m) => m.label));
}

/** What a role can do, shown while it is made or changed, before it is saved. */
export function RolePreview({ chosen, details }: { chosen: readonly PermissionName[]; details: readonly PermissionDetail[] }) {
  const granted = withImplied(chosen, details);
  const brought = granted.filter((name) => !chosen.includes(name));
  return (
    <Stack gap="xs" aria-label="What this role can do" role="region" style={{ position: 'sticky', top: 0, alignSelf: 'start' }}>
      <Text size="sm" fw={600}>
        What holders can do
      </Text>
      <Text size="sm" c="dimmed">
        Every member reads the inventory (agents, models, skills, policies’ names, framework scores). On top of that:
      </Text>
      {granted.length ? (
        <List size="sm" spacing={4} data-testid="role-preview-permissions">
          {granted.map((name) => (
            <List.Item key={name}>
              <Text span size="sm" fw={500}>
                {PERMISSION_LABELS[name]}
              </Text>
              {brought.includes(name) ? (
                <Text span size="xs" c="dimmed">
                  {' '}
                  (comes with the permissions chosen)
                </Text>
              ) : null}
              <Text size="xs" c="dimmed">
                {details.find((d) => d.name === name)?.description}
              </Text>
            </List.Item>
          ))}
        </List>
      ) : (
        <Text size="sm">Nothing more: holders read the inventory only.</Text>
      )}
      <Text size="sm" fw={600} mt="xs">
        Pages they see
      </Text>
      <Group gap={6} data-testid="role-preview-pages">
        {pagesFor(granted).map((label) => (
          <Badge key={label} variant="light" tt="none">
            {label}
          </Badge>
        ))}
      </Group>
    </Stack>
  );
}
