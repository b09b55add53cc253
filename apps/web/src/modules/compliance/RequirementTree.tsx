import { ActionIcon, Anchor, Badge, Group, Menu, Stack, Table, Text, Tooltip } from '@mantine/core';
import {
  IconArrowDown,
  IconArrowUp,
  IconChevronDown,
  IconChevronRight,
  IconCircleOff,
  IconCircleCheck,
  IconDots,
  IconPencil,
  IconPlus,
  IconShieldOff,
  IconTrash,
} from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { graphql } from '../../gql';
import type { RequirementRowFragment } from '../../gql/graphql';
import { WHOLE } from '../../ui/badges';
import { ActionsHeader, RowAction } from '../../ui/RowActions';
import { ControlStatusBadge, RequirementStatusBadge } from './labels';
import { controlPath } from './paths';

export const RequirementRow = graphql(`
  fragment RequirementRow on ComplianceRequirement {
    id
    code
    title
    description
    depth
    parent {
      id
    }
    weight
    evidenceRequired
    applicable
    notApplicableReason
    status
    responsible {
      id
      fullName
    }
    controls {
      id
      name
      status
    }
    exception {
      id
      reason
      expiresAt
      approvedBy {
        id
        fullName
      }
    }
  }
`);

export interface RequirementActions {
  onNotApplicable: (requirement: RequirementRowFragment) => void;
  onApplicable: (requirement: RequirementRowFragment) => void;
  onException: (requirement: RequirementRowFragment) => void;
  onEdit: (requirement: RequirementRowFragment) => void;
  onAddChild: (requirement: RequirementRowFragment) => void;
  /** To this place among its siblings (0 = first). */
  onMove: (requirement: RequirementRowFragment, position: number) => void;
  onDelete: (requirement: RequirementRowFragment) => void;
}

/** Deepest level a requirement may have (the API allows six levels: depth 0-5). */
export const MAX_DEPTH = 5;

/** Each requirement's place among its siblings and how many siblings there are, from the tree order the API sends. */
export function siblingPlaces(requirements: readonly RequirementRowFragment[]): Map<string, { index: number; count: number }> {
  const byParent = new Map<string | null, string[]>();
  for (const r of requirements) {
    const key = r.parent?.id ?? null;
    byParent.set(key, [...(byParent.get(key) ?? []), r.id]);
  }
  const places = new Map<string, { index: number; count: number }>();
  for (const ids of byParent.values()) ids.forEach((id, index) => places.set(id, { index, count: ids.length }));
  return places;
}

/** Every requirement below one (its subtree without itself), from the tree order the API sends. */
export function descendantCount(requirements: readonly RequirementRowFragment[], id: string): number {
  const below = new Set([id]);
  for (const r of requirements) if (r.parent && below.has(r.parent.id)) below.add(r.id);
  return below.size - 1;
}

/** The rows to show: every requirement whose ancestors are all expanded, in tree order (as the API sends them). */
export function visibleRequirements(requirements: readonly RequirementRowFragment[], collapsed: ReadonlySet<string>): RequirementRowFragment[] {
  const parentOf = new Map(requirements.map((r) => [r.id, r.parent?.id ?? null]));
  const hidden = (id: string): boolean => {
    for (let p = parentOf.get(id) ?? null; p; p = parentOf.get(p) ?? null) if (collapsed.has(p)) return true;
    return false;
  };
  return requirements.filter((r) => !hidden(r.id));
}

/** A framework's requirements as a tree: status, weight, the controls that cover each, applicability and exceptions. */
export function RequirementTree({
  requirements,
  manage,
  actions,
}: {
  requirements: readonly RequirementRowFragment[];
  manage: boolean;
  actions: RequirementActions;
}) {
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const withChildren = useMemo(() => new Set(requirements.flatMap((r) => (r.parent ? [r.parent.id] : []))), [requirements]);
  const places = useMemo(() => siblingPlaces(requirements), [requirements]);
  const rows = visibleRequirements(requirements, collapsed);
  const toggle = (id: string) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="xs" aria-label="Requirements" data-testid="requirement-tree">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Requirement</Table.Th>
            <Table.Th w={130}>Status</Table.Th>
            <Table.Th w={70}>Weight</Table.Th>
            <Table.Th>Controls</Table.Th>
            {manage ? <ActionsHeader w={120} /> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => {
            const parent = withChildren.has(r.id);
            const open = !collapsed.has(r.id);
            const place = places.get(r.id) ?? { index: 0, count: 1 };
            return (
              <Table.Tr key={r.id} data-testid="requirement-row" data-requirement-code={r.code} data-status={r.status}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap" align="flex-start" pl={r.depth * 24}>
                    {parent ? (
                      <ActionIcon
                        variant="subtle"
                        size="sm"
                        aria-label={`${open ? 'Collapse' : 'Expand'} ${r.code}`}
                        aria-expanded={open}
                        onClick={() => toggle(r.id)}
                      >
                        {open ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
                      </ActionIcon>
                    ) : (
                      <span style={{ width: 22, flexShrink: 0 }} />
                    )}
                    <Stack gap={0}>
                      <Text size="sm" fw={r.depth === 0 ? 600 : 500}>
                        <Text span ff="monospace" size="sm">
                          {r.code}
                        </Text>{' '}
                        {r.title}
                      </Text>
                      {!r.applicable && r.notApplicableReason ? (
                        <Text size="xs" c="dimmed">
                          Not applicable: {r.notApplicableReason}
                        </Text>
                      ) : null}
                      {r.exception ? (
                        <Text size="xs" c="dimmed">
                          Exception until {new Date(r.exception.expiresAt).toLocaleDateString()}: {r.exception.reason}
                        </Text>
                      ) : null}
                      {r.evidenceRequired || r.responsible ? (
                        <Text size="xs" c="dimmed">
                          {[r.evidenceRequired ? 'Evidence required' : null, r.responsible ? `Responsible: ${r.responsible.fullName}` : null]
                            .filter(Boolean)
                            .join(' · ')}
                        </Text>
                      ) : null}
                    </Stack>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <RequirementStatusBadge status={r.status} size="sm" />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{r.weight}</Text>
                </Table.Td>
                <Table.Td>
                  {r.controls.length === 0 ? (
                    <Text size="xs" c="dimmed">
                      {parent ? '—' : 'No control yet'}
                    </Text>
                  ) : (
                    <Stack gap={4}>
                      {r.controls.map((c) => (
                        <Group key={c.id} gap={6} wrap="nowrap">
                          <Anchor component={Link} to={controlPath(c.id)} size="sm">
                            {c.name}
                          </Anchor>
                          <ControlStatusBadge status={c.status} size="xs" />
                        </Group>
                      ))}
                    </Stack>
                  )}
                </Table.Td>
                {manage ? (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      {r.applicable ? (
                        <RowAction
                          label="Not applicable"
                          ariaLabel={`Mark ${r.code} not applicable`}
                          icon={<IconCircleOff size={16} />}
                          onClick={() => actions.onNotApplicable(r)}
                        />
                      ) : (
                        <RowAction
                          label="Applicable"
                          ariaLabel={`Mark ${r.code} applicable`}
                          icon={<IconCircleCheck size={16} />}
                          onClick={() => actions.onApplicable(r)}
                        />
                      )}
                      {r.applicable && !r.exception ? (
                        <RowAction
                          label="Grant exception"
                          ariaLabel={`Grant an exception for ${r.code}`}
                          icon={<IconShieldOff size={16} />}
                          onClick={() => actions.onException(r)}
                        />
                      ) : null}
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <ActionIcon variant="subtle" aria-label={`More actions for ${r.code}`}>
                            <IconDots size={16} />
                          </ActionIcon>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => actions.onEdit(r)}>
                            Edit
                          </Menu.Item>
                          {r.depth < MAX_DEPTH ? (
                            <Menu.Item leftSection={<IconPlus size={14} />} onClick={() => actions.onAddChild(r)}>
                              Add a requirement under it
                            </Menu.Item>
                          ) : null}
                          <Menu.Item leftSection={<IconArrowUp size={14} />} disabled={place.index === 0} onClick={() => actions.onMove(r, place.index - 1)}>
                            Move up
                          </Menu.Item>
                          <Menu.Item
                            leftSection={<IconArrowDown size={14} />}
                            disabled={place.index >= place.count - 1}
                            onClick={() => actions.onMove(r, place.index + 1)}
                          >
                            Move down
                          </Menu.Item>
                          <Menu.Divider />
                          <Menu.Item leftSection={<IconTrash size={14} />} color="red" onClick={() => actions.onDelete(r)}>
                            Delete
                          </Menu.Item>
                        </Menu.Dropdown>
                      </Menu>
                    </Group>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The count of requirements per status, for the framework's header. */
export function StatusCounts({ requirements }: { requirements: readonly RequirementRowFragment[] }) {
  const counts = new Map<string, number>();
  for (const r of requirements) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  return (
    <Group gap="xs">
      {[...counts.entries()].map(([status, n]) => (
        <Tooltip key={status} label={`${n} requirements ${status.toLowerCase().replace(/_/g, ' ')}`}>
          <Badge variant="outline" styles={WHOLE} tabIndex={0}>
            {n} {status.toLowerCase().replace(/_/g, ' ')}
          </Badge>
        </Tooltip>
      ))}
    </Group>
  );
}
