import { AnalyticsEventType, AnalyticsInterval } from '../../gql/graphql';
import { countRows, intervalFor, totalsByType } from './analytics-view';

describe('analytics view', () => {
  const counts = [
    { at: '2026-12-02T11:00:00Z', type: AnalyticsEventType.UserAction, count: 4 },
    { at: '2026-12-02T10:00:00Z', type: AnalyticsEventType.AiPrediction, count: 7 },
    { at: '2026-12-02T11:00:00Z', type: AnalyticsEventType.SystemEvent, count: 2 },
  ];

  it('makes one row per interval with a column per type, zero where a type had none', () => {
    const rows = countRows(counts, AnalyticsInterval.Hour);
    expect(rows.map((r) => [r.at, r.USER_ACTION, r.SYSTEM_EVENT, r.AI_PREDICTION])).toEqual([
      ['2026-12-02T10:00:00Z', 0, 0, 7],
      ['2026-12-02T11:00:00Z', 4, 2, 0],
    ]);
  });

  it('totals each type over the range', () => {
    expect(totalsByType(counts)).toEqual({ USER_ACTION: 4, SYSTEM_EVENT: 2, AI_PREDICTION: 7 });
  });

  it('never asks for minutes over more than a day', () => {
    expect(intervalFor('24h', null)).toBe(AnalyticsInterval.Hour);
    expect(intervalFor('24h', AnalyticsInterval.Minute)).toBe(AnalyticsInterval.Minute);
    expect(intervalFor('7d', AnalyticsInterval.Minute)).toBe(AnalyticsInterval.Hour);
    expect(intervalFor('30d', null)).toBe(AnalyticsInterval.Day);
  });
});
