import { useApolloClient } from '@apollo/client/react';
import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useState } from 'react';
import { graphql } from '../../gql';
import type { AuditEntryFilter } from '../../gql/graphql';
import { downloadText } from '../../ui/download';
import { problemsOf } from '../../ui/errors';

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
  const [busy, setBusy] = useState(false);

  async function exportCsv() {
    setBusy(true);
    try {
      const { data, error } = await client.query({ query: AuditEntriesCsvQuery, variables: { filter }, fetchPolicy: 'network-only', errorPolicy: 'all' });
      if (error || data?.auditEntriesCsv == null) throw error ?? new Error('The export came back empty');
      downloadText(auditCsvFileName(new Date()), data.auditEntriesCsv);
    } catch (error) {
      notifications.show({ color: 'red', title: 'Export failed', message: problemsOf(error).map((p) => p.message).join(' ') });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Button variant="default" leftSection={<IconDownload size={16} />} loading={busy} onClick={() => void exportCsv()}>
      Export CSV
    </Button>
  );
}
