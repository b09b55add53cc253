import { useQuery } from '@apollo/client/react';
import { Card, Stack } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import dayjs from 'dayjs';
import { useState } from 'react';
import { getFragmentData, graphql } from '../../gql';
import type { AuditEntryFilter } from '../../gql/graphql';
import { ListState } from '../../ui/ListState';
import { LoadMore } from '../../ui/LoadMore';
import { PageHeader } from '../../ui/PageHeader';
import { AuditEntriesTable, AuditEntryRow } from './AuditEntriesTable';
import { AuditExportButton } from './AuditExportButton';
import { AuditFilters, type AuditFilterValues, emptyFilters, rangeProblem } from './AuditFilters';
import { ChainVerificationCard } from './ChainVerificationCard';

export const AuditEntriesQuery = graphql(`
  query AuditEntries($first: Int!, $after: String, $filter: AuditEntryFilter) {
    auditEntries(first: $first, after: $after, filter: $filter) {
      totalCount
      edges {
        cursor
        node {
          ...AuditEntryRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export function toFilter(values: AuditFilterValues): AuditEntryFilter {
  const [kind, id] = values.actor?.split(/:(.*)/s) ?? [];
  return {
    actorUserId: kind === 'user' ? id : null,
    actorApiKeyId: kind === 'key' ? id : null,
    action: values.action.trim() || null,
    entityType: values.entityType.trim() || null,
    outcome: values.outcome,
    from: values.from ? dayjs(values.from).toISOString() : null,
    to: values.to ? dayjs(values.to).toISOString() : null,
  };
}

export default function AuditPage() {
  const [filters, setFilters] = useState<AuditFilterValues>(emptyFilters);
  const [debounced] = useDebouncedValue(filters, 300);
  const filter = toFilter(rangeProblem(debounced) ? { ...debounced, to: null } : debounced);
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(AuditEntriesQuery, {
    variables: { first: 50, filter },
    errorPolicy: 'all',
    notifyOnNetworkStatusChange: true,
  });
  const connection = (data ?? previousData)?.auditEntries;
  const entries =
    getFragmentData(
      AuditEntryRow,
      connection?.edges.map((e) => e.node),
    ) ?? [];
  const filtered = JSON.stringify(debounced) !== JSON.stringify(emptyFilters);

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change and sign-in in this tenant, newest first. Entries are chained by hash, so an altered or missing entry shows."
        actions={<AuditExportButton filter={filter} />}
      />
      <Stack>
        <ChainVerificationCard />
        <Card withBorder padding="md">
          <AuditFilters value={filters} onChange={setFilters} />
          <ListState
            loading={loading && !connection}
            error={error}
            empty={connection !== undefined && entries.length === 0}
            emptyTitle={filtered ? 'No entries match these filters' : 'The audit log is empty'}
            what="the audit log"
            onRetry={() => void refetch()}
          >
            <AuditEntriesTable entries={entries} />
            {connection ? (
              <LoadMore
                shown={entries.length}
                total={connection.totalCount}
                hasMore={connection.pageInfo.hasNextPage}
                noun="entries"
                onLoadMore={() => fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
              />
            ) : null}
          </ListState>
        </Card>
      </Stack>
    </>
  );
}
