import { Badge, Code, Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { words } from '../format/words';
import { WHOLE } from './badges';
import { ActionsHeader } from './RowActions';
import { When } from './When';

/** One outgoing HTTP delivery and how its latest attempt went: a channel's message or a webhook's event. */
export interface DeliveryLogRow {
  id: string;
  createdAt: string;
  status: string;
  attempts: number;
  nextAttemptAt?: string | null;
  lastStatusCode?: number | null;
  lastError?: string | null;
  lastDurationMs?: number | null;
}

const STATUS_COLOR: Record<string, string> = { PENDING: 'blue', RETRYING: 'yellow', SUCCEEDED: 'teal', FAILED: 'red', CANCELLED: 'gray' };
const OPEN = new Set(['PENDING', 'RETRYING']);

interface DeliveryLogProps<T extends DeliveryLogRow> {
  rows: readonly T[];
  /** The table's accessible name. */
  label: string;
  /** The column naming what was sent ("Message", "Event") and its cell. */
  what: { header: string; cell: (row: T) => ReactNode };
  /** The start of the receiver's answer to the latest attempt, when kept. */
  excerpt: (row: T) => string | null | undefined;
  /** Each row's data-testid, for tests that read the log. */
  rowTestId: string;
  /** A last column of row actions (e.g. redeliver). */
  action?: (row: T) => ReactNode;
}

/** The delivery log the channel and webhook pages share: when, what, status (and the next try), attempts, answer, duration. */
export function DeliveryLog<T extends DeliveryLogRow>({ rows, label, what, excerpt, rowTestId, action }: DeliveryLogProps<T>) {
  return (
    <Table.ScrollContainer minWidth={action ? 760 : 720}>
      <Table verticalSpacing="xs" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Queued</Table.Th>
            <Table.Th>{what.header}</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Attempts</Table.Th>
            <Table.Th>Answer</Table.Th>
            <Table.Th>Duration</Table.Th>
            {action ? <ActionsHeader w={50} /> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((d) => {
            const answer = excerpt(d);
            return (
              <Table.Tr key={d.id} data-testid={rowTestId} data-status={d.status}>
                <Table.Td>
                  <When at={d.createdAt} />
                </Table.Td>
                <Table.Td>{what.cell(d)}</Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    <Badge styles={WHOLE} variant="light" color={STATUS_COLOR[d.status] ?? 'gray'}>
                      {words(d.status)}
                    </Badge>
                    {OPEN.has(d.status) && d.nextAttemptAt ? (
                      <Text size="xs" c="dimmed">
                        next <When at={d.nextAttemptAt} />
                      </Text>
                    ) : null}
                  </Stack>
                </Table.Td>
                <Table.Td>{d.attempts}</Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    {d.lastStatusCode != null ? <Text size="sm">HTTP {d.lastStatusCode}</Text> : null}
                    {d.lastError ? (
                      <Text size="xs" c="red.8">
                        {d.lastError}
                      </Text>
                    ) : null}
                    {answer ? <Code block>{answer.slice(0, 300)}</Code> : null}
                  </Stack>
                </Table.Td>
                <Table.Td>{d.lastDurationMs != null ? `${d.lastDurationMs} ms` : '—'}</Table.Td>
                {action ? <Table.Td>{action(d)}</Table.Td> : null}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
