import { csvDocument } from '../../graphql/csv';
import { CostBucket } from './cost.types';

export { csvCell } from '../../graphql/csv';

/** RFC 4180 CSV with a header row and CRLF line ends. */
export function bucketsCsv(buckets: CostBucket[], currency: string): string {
  const header = ['period', 'key', 'label', `amount_${currency.toLowerCase()}`, 'quantity', 'entries'];
  return csvDocument(
    header,
    buckets.map((b) => [b.period, b.key, b.label, b.amount, b.quantity, b.entries]),
  );
}
