import { ActionIcon, Anchor, Badge, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconCircleOff, IconCircleCheck, IconShieldOff } from '@tabler/icons-react';
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
            {manage ? <ActionsHeader w={90} /> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => {
            const parent = withChildren.has(r.id);
            const open = !collapsed.has(r.id);
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
