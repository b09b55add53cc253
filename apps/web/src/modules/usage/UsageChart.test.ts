import { usageRows } from './UsageChart';

describe('usageRows', () => {
  it('gives one row per UTC day, today last, zero where nothing was used', () => {
    const rows = usageRows(
      [
        { start: '2026-12-01T00:00:00.000Z', events: 5, apiRequests: 40 },
        { start: '2026-12-03T00:00:00.000Z', events: 1, apiRequests: 2 },
      ],
      4,
      new Date('2026-12-03T15:00:00Z'),
    );
    expect(rows.map(({ day, events, apiRequests }) => ({ day, events, apiRequests }))).toEqual([
      { day: '2026-11-30', events: 0, apiRequests: 0 },
      { day: '2026-12-01', events: 5, apiRequests: 40 },
      { day: '2026-12-02', events: 0, apiRequests: 0 },
      { day: '2026-12-03', events: 1, apiRequests: 2 },
    ]);
  });
});
