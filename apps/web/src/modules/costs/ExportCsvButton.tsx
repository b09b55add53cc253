import { useApolloClient } from '@apollo/client/react';
import { CsvExportButton } from '../../ui/CsvExportButton';
import { CostRollupCsvQuery } from './cost-dashboard.operations';
import { type CostView, costFilterOf } from './cost-view';

export function csvFileName(view: CostView): string {
  return `steward-costs-${view.from}-to-${view.to}-by-${view.interval.toLowerCase()}.csv`;
}

/** The current rollup (per period and provider, with the dashboard's filters) as CSV, fresh from the API. */
export function ExportCsvButton({ view }: { view: CostView }) {
  const client = useApolloClient();
  async function fetchCsv() {
    const { data, error } = await client.query({
      query: CostRollupCsvQuery,
      variables: { from: view.from, to: view.to, interval: view.interval, filter: costFilterOf(view) },
      fetchPolicy: 'network-only',
      errorPolicy: 'all',
    });
    if (error) throw error;
    return data?.costRollupCsv;
  }
  return <CsvExportButton fetchCsv={fetchCsv} fileName={() => csvFileName(view)} />;
}
