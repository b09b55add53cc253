import { useApolloClient } from '@apollo/client/react';
import dayjs from 'dayjs';
import { graphql } from '../../gql';
import type { AuditEntryFilter } from '../../gql/graphql';
import { CsvExportButton } from '../../ui/CsvExportButton';

export const AuditEntriesCsvQuery = graphql(`
  query AuditEntriesCsv($filter: AuditEntryFilter) {
    auditEntriesCsv(filter: $filter)
  }
`);

export function auditCsvFileName(now: Date): string {
  return `steward-audit-${dayjs(now).format('YYYY-MM-DD-HHmm')}.csv`;
}

/** The log with the page's filters as CSV (newest first, at most 10,000 entries), fresh from the API, which records the export. */
export function AuditExportButton({ filter }: { filter: AuditEntryFilter }) {
  const client = useApolloClient();
  async function fetchCsv() {
    const { data, error } = await client.query({ query: AuditEntriesCsvQuery, variables: { filter }, fetchPolicy: 'network-only', errorPolicy: 'all' });
    if (error) throw error;
    return data?.auditEntriesCsv;
  }
  return <CsvExportButton fetchCsv={fetchCsv} fileName={() => auditCsvFileName(new Date())} />;
}
