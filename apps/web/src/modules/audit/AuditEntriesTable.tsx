import { ActionIcon, Badge, Code, Collapse, Group, SimpleGrid, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { graphql } from '../../gql';
import { type AuditEntryRowFragment, AuditOutcome } from '../../gql/graphql';
import { When } from '../../ui/When';
import { ValueDiff } from './ValueDiff';
import { enumText } from '../../format/words';

export const AuditEntryRow = graphql(`
  fragment AuditEntryRow on AuditEntry {
    id
    seq
    createdAt
    action
    outcome
    errorCode
    actorType
    actorLabel
    actorUser {
      id
      fullName
    }
    actorApiKey {
      id
      name
    }
    entityType
    entityName
    entityGlobalId
    before
    after
    requestId
    ip
    userAgent
    hash
    prevHash
  }
`);

const OUTCOME_COLOR: Record<AuditOutcome, string> = {
  [AuditOutcome.Success]: 'teal',
  [AuditOutcome.Failure]: 'orange',
  [AuditOutcome.Denied]: 'red',
};

function actorOf(entry: AuditEntryRowFragment): string {
  return entry.actorUser?.fullName ?? entry.actorApiKey?.name ?? entry.actorLabel ?? entry.actorType;
}

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div" style={{ wordBreak: 'break-all' }}>
        {children ?? '—'}
      </Text>
    </Stack>
  );
}

export function AuditEntriesTable({ entries }: { entries: readonly AuditEntryRowFragment[] }) {
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="xs" aria-label="Audit entries">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40}>
              <VisuallyHidden>Details</VisuallyHidden>
            </Table.Th>
            <Table.Th>When</Table.Th>
            <Table.Th>Actor</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>Entity</Table.Th>
            <Table.Th>Outcome</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => {
            const expanded = open.has(entry.id);
            return (
              <Fragment key={entry.id}>
                <Table.Tr data-testid="audit-row" style={{ cursor: 'pointer' }} onClick={() => toggle(entry.id)}>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      size="sm"
                      aria-expanded={expanded}
                      aria-label={`${expanded ? 'Hide' : 'Show'} details of ${entry.action} #${entry.seq}`}
                      onClick={(event) => {
                        event.stopPropagation();
                        toggle(entry.id);
                      }}
                    >
                      {expanded ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                    </ActionIcon>
                  </Table.Td>
                  <Table.Td>
                    <When at={entry.createdAt} />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm">{actorOf(entry)}</Text>
                      {entry.actorType !== 'USER' ? (
                        <Badge size="xs" variant="outline">
                          {enumText(entry.actorType)}
                        </Badge>
                      ) : null}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Code>{entry.action}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {entry.entityType ?? '—'}
                      {entry.entityName ? (
                        <Text span c="dimmed" size="sm">
                          {' '}
                          {entry.entityName}
                        </Text>
                      ) : null}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2} align="flex-start">
                      <Badge variant="light" color={OUTCOME_COLOR[entry.outcome]} data-testid="audit-outcome">
                        {enumText(entry.outcome)}
                      </Badge>
                      {entry.errorCode ? (
                        <Text size="xs" ff="monospace" c="dimmed" data-testid="audit-error-code">
                          {entry.errorCode}
                        </Text>
                      ) : null}
                    </Stack>
                  </Table.Td>
                </Table.Tr>
                <Table.Tr style={{ display: expanded ? undefined : 'none' }}>
                  <Table.Td colSpan={6} p={0}>
                    <Collapse expanded={expanded}>
                      <Stack p="md" gap="md" data-testid="audit-detail">
                        <ValueDiff before={entry.before} after={entry.after} />
                        <SimpleGrid cols={{ base: 1, sm: 3 }}>
                          <Detail label="Position in chain">#{entry.seq}</Detail>
                          <Detail label="Request">{entry.requestId}</Detail>
                          <Detail label="IP address">{entry.ip}</Detail>
                          <Detail label="User agent">{entry.userAgent}</Detail>
                          <Detail label="Hash">
                            <Code>{entry.hash.slice(0, 16)}…</Code>
                          </Detail>
                          <Detail label="Previous hash">{entry.prevHash ? <Code>{entry.prevHash.slice(0, 16)}…</Code> : 'start of chain'}</Detail>
                        </SimpleGrid>
                      </Stack>
                    </Collapse>
                  </Table.Td>
                </Table.Tr>
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
