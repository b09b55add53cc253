import { BillingCycle } from '../../gql/graphql';

export interface InvoiceLine {
  description: string;
  quantity: string;
  amount: string;
}

export interface InvoiceSummary {
  periodStart: Date;
  /** Exclusive: the next period starts here. */
  periodEnd: Date;
  lines: InvoiceLine[];
  total: string;
}

interface InvoiceInput {
  planName: string;
  subscription: { billingCycle: BillingCycle; price: string; startedAt: string };
  usageMonths: readonly { start: string; events: number; apiRequests: number }[];
}

/** The billing period `now` falls in: the calendar month (UTC) when monthly, else the subscription year since its last anniversary. */
export function currentPeriod(cycle: BillingCycle, startedAt: string, now: Date): { start: Date; end: Date } {
  if (cycle === BillingCycle.Monthly) {
    return { start: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)), end: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)) };
  }
  const began = new Date(startedAt);
  const anniversary = (year: number) => new Date(Date.UTC(year, began.getUTCMonth(), began.getUTCDate()));
  let start = anniversary(now.getUTCFullYear());
  if (start > now) start = anniversary(now.getUTCFullYear() - 1);
  if (start < began) start = began;
  return { start, end: anniversary(start.getUTCFullYear() + 1) };
}

const count = (n: number) => n.toLocaleString('en-US');

/**
 * What the current period would be invoiced: the plan's price for its billing cycle, and the metered use
 * so far as lines the plan includes (Steward charges no overage and takes no payment).
 */
export function invoiceOf(input: InvoiceInput, now = new Date()): InvoiceSummary {
  const { start, end } = currentPeriod(input.subscription.billingCycle, input.subscription.startedAt, now);
  // Months are the finest metered grain: a month counts when it starts within the period (or is the period's first, partly).
  const firstMonth = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1);
  const months = input.usageMonths.filter((m) => Date.parse(m.start) >= firstMonth && Date.parse(m.start) < end.getTime());
  const events = months.reduce((n, m) => n + m.events, 0);
  const requests = months.reduce((n, m) => n + m.apiRequests, 0);
  const cycle = input.subscription.billingCycle === BillingCycle.Annual ? 'annual' : 'monthly';
  const price = Number(input.subscription.price).toFixed(2);
  return {
    periodStart: start,
    periodEnd: end,
    lines: [
      { description: `${input.planName} plan, billed ${cycle}`, quantity: '1', amount: price },
      { description: 'Analytics events recorded (included in the plan)', quantity: count(events), amount: '0.00' },
      { description: 'API requests served (included in the plan)', quantity: count(requests), amount: '0.00' },
    ],
    total: price,
  };
}
