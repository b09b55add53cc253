import { metricLabel, metricValue } from './metrics';

describe('model metrics', () => {
  it('names metric keys in words', () => {
    expect(metricLabel('p95LatencyMs')).toBe('P95 latency');
    expect(metricLabel('accuracy')).toBe('Accuracy');
    expect(metricLabel('tokens_per_second')).toBe('Tokens per second');
  });

  it('shows values with their unit', () => {
    expect(metricValue('p95LatencyMs', 1800)).toBe('1,800 ms');
    expect(metricValue('accuracy', 0.94)).toBe('94%');
    expect(metricValue('throughput', 12.345)).toBe('12.35');
    expect(metricValue('notes', 'ok')).toBe('ok');
  });
});
