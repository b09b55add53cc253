import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { downloadText } from './download';
import { problemsOf } from './errors';

/**
 * Fetches a CSV from the API when pressed and saves it; a failure is a toast naming what went wrong.
 * `fetchCsv` answers the CSV text, or throws (an empty answer counts as a failure).
 */
export function CsvExportButton({ fetchCsv, fileName }: { fetchCsv: () => Promise<string | null | undefined>; fileName: () => string }) {
  const [busy, setBusy] = useState(false);

  async function exportCsv() {
    setBusy(true);
    try {
      const csv = await fetchCsv();
      if (csv == null) throw new Error('The export came back empty');
      downloadText(fileName(), csv);
    } catch (error) {
      notifications.show({
        color: 'red',
        title: 'Export failed',
        message: problemsOf(error)
          .map((p) => p.message)
          .join(' '),
      });
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
