import { Code, Table, Text } from '@mantine/core';

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

/** A held change, field by field: what is now and what it would become; the fields it changes first and marked. */
export function ChangeDiff({ before, after }: { before: Json | null; after: Json }) {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after)])];
  const changed = (key: string) => JSON.stringify(before?.[key]) !== JSON.stringify(after[key]);
  keys.sort((a, b) => Number(changed(b)) - Number(changed(a)) || a.localeCompare(b));
  if (!keys.length) {
    return (
      <Text size="sm" c="dimmed">
        The change carries no values.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={560}>
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
  );
}
