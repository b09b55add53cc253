import { useQuery } from '@apollo/client/react';
import { Button, Card, Select, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { allowed } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
import { getFragmentData } from '../../gql';
import type { HrRecordKind, HrRecordStatus } from '../../gql/graphql';
import { FilterBar } from '../../ui/FilterBar';
import { ListState } from '../../ui/ListState';
import { LoadMore } from '../../ui/LoadMore';
import { PageHeader } from '../../ui/PageHeader';
import { TableSkeleton } from '../../ui/TableSkeleton';
import { HrRecordRow, HrRecordsQuery } from './hr-record.operations';
import { HrPersonalFieldsSetting } from './HrPersonalFieldsSetting';
import { HrRecordsTable } from './HrRecordsTable';
import { kindOptions, statusOptions } from './labels';

/** HR records, newest first, filtered by kind, status and (for those who read personal fields) subject. */
export default function HrRecordsPage() {
  const viewer = useViewer();
  const manage = allowed(viewer, 'hr.manage');
  const settings = allowed(viewer, 'hr.readSettings');
  const [kind, setKind] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [subject, setSubject] = useState('');
  const [subjectQuery] = useDebouncedValue(subject.trim(), 300);
  const filter = {
    kinds: kind ? [kind as HrRecordKind] : null,
    statuses: status ? [status as HrRecordStatus] : null,
    subject: subjectQuery || null,
  };
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(HrRecordsQuery, {
    variables: { first: 50, filter },
    errorPolicy: 'all',
    notifyOnNetworkStatusChange: true,
  });
  const connection = (data ?? previousData)?.hrRecords;
  const records = getFragmentData(
    HrRecordRow,
    (connection?.edges ?? []).map((e) => e.node),
  );
  // Searching by subject is for those the API gives personal fields to: offered when the records show it does (and kept while in use).
  const readsPersonal = subject !== '' || records.some((r) => r.personalFieldsVisible);
  const filtered = Boolean(kind || status || subjectQuery);

  return (
    <>
      <PageHeader
        title="HR records"
        description="Candidates, employees and performance reviews. Names, email addresses and data are personal: shown to HR managers (and to admins if the organisation allows it), and every read is audited."
        actions={
          manage ? (
            <Button component={Link} to="/hr-records/new" leftSection={<IconPlus size={18} />}>
              New HR record
            </Button>
          ) : null
        }
      />
      {settings ? <HrPersonalFieldsSetting /> : null}
      <Card withBorder padding="md">
        <FilterBar what="HR records" refreshing={loading && connection != null} onRefresh={() => void refetch()}>
          <Select label="Kind" placeholder="Any kind" data={kindOptions} value={kind} onChange={setKind} clearable w={200} />
          <Select label="Status" placeholder="Any status" data={statusOptions} value={status} onChange={setStatus} clearable w={160} />
          {readsPersonal ? (
            <TextInput
              label="Subject"
              placeholder="A name or the email address"
              leftSection={<IconSearch size={16} />}
              value={subject}
              onChange={(e) => setSubject(e.currentTarget.value)}
              w={240}
            />
          ) : null}
        </FilterBar>
        {loading && !connection ? (
          <TableSkeleton label="Loading HR records" />
        ) : (
          <ListState
            loading={false}
            error={error}
            empty={connection != null && records.length === 0}
            emptyTitle={filtered ? 'No HR records match' : 'No HR records yet'}
            emptyDescription={
              subjectQuery
                ? 'The subject matches a whole word of the name, the full name or the whole email address. Change or clear the filters.'
                : filtered
                  ? 'Change or clear the filters.'
                  : manage
                    ? 'Create one for a candidate, an employee or a review.'
                    : undefined
            }
            what="HR records"
            onRetry={() => void refetch()}
          >
            <HrRecordsTable records={records} />
            {connection ? (
              <LoadMore
                shown={records.length}
                total={connection.totalCount}
                hasMore={connection.pageInfo.hasNextPage}
                noun="HR records"
                onLoadMore={() => fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
              />
            ) : null}
          </ListState>
        )}
      </Card>
    </>
  );
}
