import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { HrRecordRowFragment } from '../../gql/graphql';
import { When } from '../../ui/When';
import { HrStatusBadge, KIND_LABEL, PersonalValue } from './labels';

/** HR records, one row each: the subject (or the note that it is hidden), kind, status and dates. */
export function HrRecordsTable({ records }: { records: readonly HrRecordRowFragment[] }) {
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="sm" highlightOnHover aria-label="HR records">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Subject</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>Updated</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {records.map((record) => (
            <Table.Tr key={record.id} data-testid="hr-record-row">
              <Table.Td>
                <Anchor component={Link} to={`/hr-records/${encodeURIComponent(record.id)}`} size="sm" fw={500}>
                  {record.personalFieldsVisible ? record.subjectName : `${KIND_LABEL[record.kind]} record`}
                </Anchor>
                <PersonalValue visible={record.personalFieldsVisible}>
                  <Text size="xs" c="dimmed">
                    {record.subjectEmail}
                  </Text>
                </PersonalValue>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{KIND_LABEL[record.kind]}</Text>
              </Table.Td>
              <Table.Td>
                <HrStatusBadge status={record.status} size="sm" />
              </Table.Td>
              <Table.Td>
                <When at={record.createdAt} />
              </Table.Td>
              <Table.Td>
                <When at={record.updatedAt} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
