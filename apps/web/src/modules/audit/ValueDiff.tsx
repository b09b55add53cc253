import { Code, Table, Text } from '@mantine/core';

type Json = Record<string, unknown>;

function show(value: unknown) {
  if (value === undefined)
    return (
      <Text span size="sm" c="dimmed">
        —
      </Text>
    );
  if (value === null)
    return (
      <Text span size="sm" c="dimmed">
        null
      </Text>
    );
  if (typeof value === 'object') {
    return (
      <Code block style={{ whiteSpace: 'pre-wrap' }}>
        {JSON.stringify(value, null, 2)}
      </Code>
    );
  }
  return <Code>{String(value)}</Code>;
}

/** Before and after side by side, one row per field, changed fields marked. */
export function ValueDiff({ before, after }: { before: Json | null; after: Json | null }) {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort();
  if (keys.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No values were recorded for this entry.
      </Text>
    );
  }
  return (
    <Table withTableBorder withColumnBorders aria-label="Values before and after">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="20%">Field</Table.Th>
          <Table.Th w="40%">Before</Table.Th>
          <Table.Th w="40%">After</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {keys.map((key) => {
          const from = before?.[key];
          const to = after?.[key];
          const changed = JSON.stringify(from) !== JSON.stringify(to);
          return (
            <Table.Tr key={key} bg={changed ? 'var(--mantine-color-yellow-light)' : undefined} data-changed={changed || undefined}>
              <Table.Td>
                <Text size="sm" fw={changed ? 600 : 400}>
                  {key}
                </Text>
              </Table.Td>
              <Table.Td>
                {before ? (
                  show(from)
                ) : (
                  <Text span size="sm" c="dimmed">
                    (none)
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {after ? (
                  show(to)
                ) : (
                  <Text span size="sm" c="dimmed">
                    (removed)
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
