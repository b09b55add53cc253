import { useApolloClient } from '@apollo/client/react';
import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { downloadText } from '../../ui/download';
import { problemsOf } from '../../ui/errors';
import { CostRollupCsvQuery } from './cost-dashboard.operations';
import { type CostView, costFilterOf } from './cost-view';

export function csvFileName(view: CostView): string {
  return `steward-costs-${view.from}-to-${view.to}-by-${view.interval.toLowerCase()}.csv`;
}

/** The current rollup (per period and provider, with the dashboard's filters) as CSV, fresh from the API. */
export function ExportCsvButton({ view }: { view: CostView }) {
  const client = useApolloClient();
  const [busy, setBusy] = useState(false);

  async function exportCsv() {
    setBusy(true);
    try {
      const { data, error } = await client.query({
        query: CostRollupCsvQuery,
        variables: { from: view.from, to: view.to, interval: view.interval, filter: costFilterOf(view) },
        fetchPolicy: 'network-only',
        errorPolicy: 'all',
      });
      if (error || data?.costRollupCsv == null) throw error ?? new Error('The export came back empty');
      downloadText(csvFileName(view), data.costRollupCsv);
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
