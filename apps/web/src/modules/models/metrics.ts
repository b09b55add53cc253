const UNITS: [RegExp, string][] = [
  [/Ms$/, 'ms'],
  [/Seconds$/, 's'],
  [/Usd$/, 'USD'],
];
const RATIOS = /^(accuracy|precision|recall|f1|auc|f1Score)$/i;
const number = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

/** "p95LatencyMs" -> "P95 latency", "tokensPerSecond" -> "Tokens per second". */
export function metricLabel(key: string): string {
  const stem = UNITS.reduce((k, [suffix]) => k.replace(suffix, ''), key);
  const words = stem
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** 1800 under "p95LatencyMs" -> "1,800 ms"; 0.94 accuracy -> "94%". */
export function metricValue(key: string, value: unknown): string {
  if (typeof value !== 'number') return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
  if (RATIOS.test(key) && value >= 0 && value <= 1) return `${number.format(value * 100)}%`;
  const unit = UNITS.find(([suffix]) => suffix.test(key))?.[1];
  return unit ? `${number.format(value)} ${unit}` : number.format(value);
}
