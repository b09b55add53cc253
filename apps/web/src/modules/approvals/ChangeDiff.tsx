import { Button, Code, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';

type Json = Record<string, unknown>;

function show(value: unknown) {
  if (value === undefined) {
    return (
      <Text span size="sm" c="dimmed">
        —
      </Text>
    );
  }
  if (value !== null && typeof value === 'object') {
    return (
      <Code block style={{ whiteSpace: 'pre-wrap' }}>
        {JSON.stringify(value, null, 2)}
      </Code>
    );
  }
  return <Code>{value === null ? 'null' : String(value)}</Code>;
}

/** A held change, field by field: what is now and what it would become; the fields it changes, and the others on request. */
export function ChangeDiff({ before, after }: { before: Json | null; after: Json }) {
  const [all, setAll] = useState(false);
  const every = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after)])].sort((a, b) => a.localeCompare(b));
  const changed = (key: string) => JSON.stringify(before?.[key]) !== JSON.stringify(after[key]);
  const changes = every.filter(changed);
  const keys = all || !changes.length ? [...changes, ...every.filter((k) => !changed(k))] : changes;
  const unchanged = every.length - changes.length;
  if (!every.length) {
    return (
      <Text size="sm" c="dimmed">
        The change carries no values.
      </Text>
    );
  }
  return (
    <Stack gap={4}>
      <Table.ScrollContainer minWidth={480}>
        <Table withTableBorder withColumnBorders aria-label="The change, field by field" data-testid="held-change-diff">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="20%">Field</Table.Th>
              <Table.Th w="40%">Now</Table.Th>
              <Table.Th w="40%">After the change</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {keys.map((key) => {
              const differs = changed(key);
              return (
                <Table.Tr key={key} bg={differs ? 'var(--mantine-color-yellow-light)' : undefined} data-changed={differs || undefined}>
                  <Table.Td>
                    <Text size="sm" fw={differs ? 600 : 400}>
                      {key}
                    </Text>
                  </Table.Td>
                  <Table.Td>{show(before?.[key])}</Table.Td>
                  <Table.Td>{show(after[key])}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {changes.length && unchanged ? (
        <Button variant="subtle" size="compact-sm" onClick={() => setAll((v) => !v)} style={{ alignSelf: 'flex-start' }}>
          {all ? 'Show only what changes' : `Show the ${unchanged} unchanged field${unchanged === 1 ? '' : 's'} too`}
        </Button>
      ) : null}
    </Stack>
  );
}
