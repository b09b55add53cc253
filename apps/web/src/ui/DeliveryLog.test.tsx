import { MantineProvider } from '@mantine/core';
import { render, screen, within } from '@testing-library/react';
import { theme } from '../app/theme';
import { DeliveryLog, type DeliveryLogRow } from './DeliveryLog';

const soon = new Date(Date.now() + 60_000).toISOString();
const rows: (DeliveryLogRow & { subject: string; excerpt: string | null })[] = [
  {
    id: '1',
    createdAt: new Date().toISOString(),
    status: 'RETRYING',
    attempts: 2,
    nextAttemptAt: soon,
    lastStatusCode: 503,
    lastError: 'Service unavailable',
    lastDurationMs: 812,
    subject: 'Alert raised',
    excerpt: 'x'.repeat(400),
  },
  {
    id: '2',
    createdAt: new Date().toISOString(),
    status: 'SUCCEEDED',
    attempts: 1,
    nextAttemptAt: soon,
    lastStatusCode: 200,
    lastError: null,
    lastDurationMs: null,
    subject: 'Test message',
    excerpt: null,
  },
];

function renderLog(action?: (row: (typeof rows)[number]) => string) {
  return render(
    <MantineProvider theme={theme} env="test">
      <DeliveryLog
        rows={rows}
        label="Deliveries"
        rowTestId="delivery-row"
        what={{ header: 'Message', cell: (d) => d.subject }}
        excerpt={(d) => d.excerpt}
        action={action}
      />
    </MantineProvider>,
  );
}

describe('DeliveryLog', () => {
  it('shows each delivery: status with the next try while open, the answer cut to 300 characters, the duration', () => {
    renderLog();
    const [retrying, done] = screen.getAllByTestId('delivery-row');
    expect(retrying).toHaveAttribute('data-status', 'RETRYING');
    expect(within(retrying).getByText('Alert raised')).toBeInTheDocument();
    expect(within(retrying).getByText('HTTP 503')).toBeInTheDocument();
    expect(within(retrying).getByText('Service unavailable')).toBeInTheDocument();
    expect(within(retrying).getByText('x'.repeat(300))).toBeInTheDocument();
    expect(within(retrying).getByText(/^next/)).toBeInTheDocument();
    expect(within(retrying).getByText('812 ms')).toBeInTheDocument();
    // A finished delivery has no next try, whatever the row says.
    expect(within(done).queryByText(/^next/)).not.toBeInTheDocument();
    expect(within(done).getByText('—')).toBeInTheDocument();
    expect(screen.getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['Queued', 'Message', 'Status', 'Attempts', 'Answer', 'Duration']);
  });

  it('adds a column of row actions when given one', () => {
    renderLog((d) => `act on ${d.subject}`);
    expect(screen.getAllByRole('columnheader')).toHaveLength(7);
    expect(screen.getByText('act on Test message')).toBeInTheDocument();
  });
});
