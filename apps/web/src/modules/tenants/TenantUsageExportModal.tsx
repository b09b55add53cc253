import { Alert, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useSession } from '../../app/session/SessionProvider';
import type { TenantRowFragment } from '../../gql/graphql';
import { downloadUsage } from '../usage/public';

/** The last `count` calendar months (UTC), newest first, as YYYY-MM with a readable label. */
export function recentMonths(count: number, now = new Date()): { value: string; label: string }[] {
  return Array.from({ length: count }, (_, i) => {
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    return {
      value: month.toISOString().slice(0, 7),
      label: month.toLocaleDateString(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' }),
    };
  });
}

/** Exports one tenant's metered use per month over a chosen period (GET /usage/export), for a billing system; audited by the API. */
export function TenantUsageExportModal({ tenant, onClose }: { tenant: TenantRowFragment; onClose: () => void }) {
  const session = useSession();
  const months = recentMonths(24);
  const [from, setFrom] = useState(months[11].value);
  const [to, setTo] = useState(months[0].value);
  const [format, setFormat] = useState<'csv' | 'json'>('csv');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const wrongWay = from > to;

  function exportUsage() {
    setBusy(true);
    setProblem(null);
    downloadUsage(session, format, tenant.id, { from, to })
      .then(onClose)
      .catch((e: unknown) => setProblem(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false));
  }

  return (
    <Modal opened onClose={onClose} title={`Export the usage of ${tenant.name}`} centered>
      <Stack>
        <Text size="sm">One row per month: the plan, billing cycle and price in force at the month’s end, analytics events and API requests.</Text>
        <Group grow>
          <Select label="From" data={months} value={from} onChange={(v) => v && setFrom(v)} allowDeselect={false} data-autofocus />
          <Select label="To" data={months} value={to} onChange={(v) => v && setTo(v)} allowDeselect={false} />
        </Group>
        <Select
          label="Format"
          data={[
            { value: 'csv', label: 'CSV' },
            { value: 'json', label: 'JSON' },
          ]}
          value={format}
          onChange={(v) => v && setFormat(v as 'csv' | 'json')}
          allowDeselect={false}
        />
        {wrongWay ? (
          <Alert color="orange" role="alert">
            The first month comes after the last: choose a From month no later than To.
          </Alert>
        ) : null}
        {problem ? (
          <Alert color="red" role="alert" title="The export failed">
            {problem}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button onClick={exportUsage} loading={busy} disabled={wrongWay}>
            Export
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
