import { CostBucket } from './cost.types';

/** Spreadsheets run a cell that starts with one of these as a formula: such cells get a leading quote. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with a header row and CRLF line ends. */
export function bucketsCsv(buckets: CostBucket[], currency: string): string {
  const header = ['period', 'key', 'label', `amount_${currency.toLowerCase()}`, 'quantity', 'entries'];
  const lines = buckets.map((b) => [b.period, b.key, b.label, b.amount, b.quantity, b.entries].map(csvCell).join(','));
  return [header.join(','), ...lines].join('\r\n') + '\r\n';
}
