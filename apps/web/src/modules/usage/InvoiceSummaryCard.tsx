import { Card, Table, Text, Title } from '@mantine/core';
import type { InvoiceSummary } from './invoice';

const day = (at: Date) => at.toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** The current period as an invoice would show it; Steward takes no payment. */
export function InvoiceSummaryCard({ invoice }: { invoice: InvoiceSummary }) {
  const lastDay = new Date(invoice.periodEnd.getTime() - 86_400_000);
  return (
    <Card withBorder padding="md" data-testid="usage-invoice">
      <Title order={2} size="h4">
        This period’s invoice summary
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {day(invoice.periodStart)} to {day(lastDay)} (UTC), use so far. For reading only: Steward takes no payment.
      </Text>
      <Table aria-label="Invoice summary of the current period">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Item</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Quantity</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Amount (USD)</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invoice.lines.map((line) => (
            <Table.Tr key={line.description}>
              <Table.Td>{line.description}</Table.Td>
              <Table.Td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>{line.quantity}</Table.Td>
              <Table.Td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>${line.amount}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th>Total for the period</Table.Th>
            <Table.Td />
            <Table.Th style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }} data-testid="usage-invoice-total">
              ${invoice.total}
            </Table.Th>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Card>
  );
}
