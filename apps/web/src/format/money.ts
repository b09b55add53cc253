/**
 * Money arrives as Decimal strings ("1234.5", "-0.0125"). Display formats the string itself (Intl
 * formats numeric strings exactly); arithmetic for display runs on scaled BigInts. Only charts turn
 * amounts into floats, through `toChartNumber`.
 */

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

interface Scaled {
  units: bigint;
  scale: number;
}

function scaled(value: string): Scaled {
  const match = DECIMAL.exec(value.trim());
  if (!match) throw new Error(`Not a decimal: ${value}`);
  const [, minus, whole, fraction = ''] = match;
  const units = BigInt(whole + fraction);
  return { units: minus ? -units : units, scale: fraction.length };
}

function aligned(a: string, b: string): [bigint, bigint, number] {
  const x = scaled(a);
  const y = scaled(b);
  const scale = Math.max(x.scale, y.scale);
  return [x.units * 10n ** BigInt(scale - x.scale), y.units * 10n ** BigInt(scale - y.scale), scale];
}

function toDecimal(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale ? digits.slice(-scale).replace(/0+$/, '') : '';
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

export function isDecimal(value: string): boolean {
  return DECIMAL.test(value.trim());
}

export function compareDecimal(a: string, b: string): number {
  const [x, y] = aligned(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function subtractDecimal(a: string, b: string): string {
  const [x, y, scale] = aligned(a, b);
  return toDecimal(x - y, scale);
}

export function sumDecimals(values: readonly string[]): string {
  return values.reduce((total, value) => {
    const [x, y, scale] = aligned(total, value);
    return toDecimal(x + y, scale);
  }, '0');
}

/** part / whole in percent, to two places, exactly; null when whole is zero. */
export function percentOf(part: string, whole: string): number | null {
  const [x, y] = aligned(part, whole);
  if (y === 0n) return null;
  return Number((x * 10000n) / y) / 100;
}

/** For chart geometry only: never for a figure shown as text. */
export function toChartNumber(value: string | null | undefined): number {
  return value == null ? 0 : Number(value);
}

const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(currency: string, compact: boolean): Intl.NumberFormat {
  const key = `${currency}:${compact}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(
      undefined,
      compact ? { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 } : { style: 'currency', currency },
    );
    formats.set(key, format);
  }
  return format;
}

/** "$1,234.50" from "1234.5", without going through a float. */
export function formatMoney(value: string | null | undefined, currency = 'USD'): string {
  if (value == null) return '—';
  return numberFormat(currency, false).format(value.trim() as Intl.StringNumericLiteral);
}

/** "$1.2K": for chart axes, where the value already is a number. */
export function formatMoneyCompact(value: number, currency = 'USD'): string {
  return numberFormat(currency, true).format(value);
}

/** Chart tooltips: a float from the chart back to two places. */
export function formatChartMoney(value: number, currency = 'USD'): string {
  return numberFormat(currency, false).format(value);
}

const percentFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });

/** "+12.5%" from the API's "12.50" (already in percent). */
export function formatChangePercent(value: string | null | undefined): string {
  if (value == null) return '—';
  return `${percentFormat.format(value.trim() as Intl.StringNumericLiteral)}%`;
}

/** "0.065000" -> "$0.065": the API's exact decimals, without trailing zeros. */
export function formatUsd(value: string | null | undefined): string {
  if (value == null) return '—';
  const [whole, fraction = ''] = value.split('.');
  const trimmed = fraction.replace(/0+$/, '');
  return `$${whole}${trimmed.length ? `.${trimmed.length < 2 ? trimmed.padEnd(2, '0') : trimmed}` : ''}`;
}
