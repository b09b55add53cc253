import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';
import type { Role } from '../gql/graphql';
import { roleLabel, roles } from './access';

export const AssignableRoles = graphql(`
  query AssignableRoles {
    customRoles {
      id
      name
      permissions
    }
  }
`);

const CUSTOM = 'custom:';

/** The role a member or API key holds: a system role, or a custom one by name. */
export function heldRoleLabel(held: { role?: Role | null; customRole?: { name: string } | null }): string {
  if (held.customRole) return held.customRole.name;
  return held.role ? roleLabel(held.role) : 'Custom role';
}

/** The value of a role picker for what is held now. */
export function heldRoleValue(held: { role?: Role | null; customRole?: { id: string } | null }): string | null {
  if (held.customRole) return `${CUSTOM}${held.customRole.id}`;
  return held.role ?? null;
}

/** What a role picker's value gives: a system role or a custom role, as the API's inputs take them. */
export function roleChoice(value: string): { role: Role; customRoleId?: undefined } | { customRoleId: string; role?: undefined } {
  return value.startsWith(CUSTOM) ? { customRoleId: value.slice(CUSTOM.length) } : { role: value as Role };
}

/** Every role a member or API key can be given: the system roles, then the tenant's custom roles. */
export function useRoleOptions(): { options: { group: string; items: { value: string; label: string }[] }[]; labelOf: (value: string) => string } {
  const { data } = useQuery(AssignableRoles, { fetchPolicy: 'cache-and-network' });
  const custom = (data?.customRoles ?? []).map((r) => ({ value: `${CUSTOM}${r.id}`, label: r.name }));
  const options = [
    { group: 'System roles', items: roles.map((role) => ({ value: role, label: roleLabel(role) })) },
    ...(custom.length ? [{ group: 'Custom roles', items: custom }] : []),
  ];
  const labelOf = (value: string) => options.flatMap((g) => g.items).find((i) => i.value === value)?.label ?? value;
  return { options, labelOf };
}
