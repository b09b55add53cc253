import { Table, Text } from '@mantine/core';
import { Fact } from '../../ui/Fact';
import { dataFieldsOf, labelOf } from './hr-record-form';

const shown = (value: unknown) =>
  Array.isArray(value) ? value.join('; ') : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);

/** A record's data, labelled as its kind's schema names it (fields the schema does not know last). */
export function HrRecordData({ schema, data }: { schema: Record<string, unknown> | null; data: Record<string, unknown> | null }) {
  const fields = dataFieldsOf(schema);
  const entries = Object.entries(data ?? {});
  if (!entries.length) {
    return (
      <Text size="sm" c="dimmed">
        No data
      </Text>
    );
  }
  const known = fields.filter((f) => f.name in (data ?? {})).map((f) => [f.name, f.label] as const);
  const others = entries.filter(([name]) => !fields.some((f) => f.name === name)).map(([name]) => [name, labelOf(name)] as const);
  return (
    <Table aria-label="Record data">
      <Table.Tbody>
        {[...known, ...others].map(([name, label]) => (
          <Fact key={name} label={label}>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid={`hr-data-${name}`}>
              {shown(data?.[name])}
            </Text>
          </Fact>
        ))}
      </Table.Tbody>
    </Table>
  );
}
