import { BillingCycle } from '../../gql/graphql';
import { currentPeriod, invoiceOf } from './invoice';

const months = [
  { start: '2026-10-01T00:00:00.000Z', events: 100, apiRequests: 1000 },
  { start: '2026-11-01T00:00:00.000Z', events: 200, apiRequests: 2000 },
  { start: '2026-12-01T00:00:00.000Z', events: 300, apiRequests: 3000 },
];

describe('the invoice-style summary of the current period', () => {
  it('bills a monthly plan for the calendar month (UTC) with this month’s use as included lines', () => {
    const invoice = invoiceOf(
      { planName: 'Professional', subscription: { billingCycle: BillingCycle.Monthly, price: '299', startedAt: '2026-03-15T10:00:00Z' }, usageMonths: months },
      new Date('2026-12-04T16:00:00Z'),
    );
    expect(invoice.periodStart.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(invoice.periodEnd.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(invoice.lines).toEqual([
      { description: 'Professional plan, billed monthly', quantity: '1', amount: '299.00' },
      { description: 'Analytics events recorded (included in the plan)', quantity: '300', amount: '0.00' },
      { description: 'API requests served (included in the plan)', quantity: '3,000', amount: '0.00' },
    ]);
    expect(invoice.total).toBe('299.00');
  });

  it('bills an annual plan for the subscription year since its last anniversary, summing its months', () => {
    expect(currentPeriod(BillingCycle.Annual, '2025-11-10T00:00:00Z', new Date('2026-12-04T00:00:00Z'))).toEqual({
      start: new Date('2026-11-10T00:00:00Z'),
      end: new Date('2027-11-10T00:00:00Z'),
    });
    const invoice = invoiceOf(
      {
        planName: 'Enterprise',
        subscription: { billingCycle: BillingCycle.Annual, price: '15000.00', startedAt: '2025-11-10T00:00:00Z' },
        usageMonths: months,
      },
      new Date('2026-12-04T00:00:00Z'),
    );
    expect(invoice.lines[1].quantity).toBe('500');
    expect(invoice.lines[2].quantity).toBe('5,000');
    expect(invoice.total).toBe('15000.00');
  });
});
