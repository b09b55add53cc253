import { CostCategory, CostInterval, CostProvider } from '../../gql/graphql';
import { costFilterOf, defaultView, viewFromParams, viewToParams } from './cost-view';
import { bucketsOf, bucketStart } from './periods';

const today = '2026-11-23';

describe('the dashboard view in the URL', () => {
  it('defaults to the last 30 days by day, and keeps defaults out of the URL', () => {
    expect(viewFromParams(new URLSearchParams(), today)).toEqual({ ...defaultView(today), from: '2026-10-25', to: today });
    expect(viewToParams(defaultView(today), new URLSearchParams(), today).toString()).toBe('');
  });

  it('round-trips every filter', () => {
    const view = {
      from: '2026-09-01',
      to: '2026-09-30',
      interval: CostInterval.Week,
      providers: [CostProvider.Aws, CostProvider.Anthropic],
      categories: [CostCategory.Ai],
      agentIds: ['QWdlbnQ6MQ=='],
      tags: ['team:support', 'a,b'],
      budgetId: 'QnVkZ2V0OjE=',
    };
    const params = viewToParams(view, new URLSearchParams('tab=x'), today);
    expect(params.get('tab')).toBe('x');
    expect(params.get('interval')).toBe('week');
    expect(viewFromParams(new URLSearchParams(params.toString()), today)).toEqual(view);
  });

  it('ignores what it does not know and puts a reversed range right', () => {
    const view = viewFromParams(new URLSearchParams('from=2026-11-10&to=2026-11-01&interval=hour&provider=ibm&provider=aws&category=food'), today);
    expect(view).toMatchObject({ from: '2026-11-01', to: '2026-11-10', interval: CostInterval.Day, providers: [CostProvider.Aws], categories: [] });
    expect(viewFromParams(new URLSearchParams('from=yesterday'), today).from).toBe('2026-10-25');
  });

  it('turns a view into the API filter, empty lists meaning any', () => {
    expect(costFilterOf(defaultView(today))).toEqual({ currency: 'USD', providers: null, categories: null, agentIds: null, tags: null });
    expect(costFilterOf({ ...defaultView(today), tags: ['x'] }).tags).toEqual(['x']);
  });
});

describe('periods', () => {
  it('starts weeks on Monday and months on the first, as the API does', () => {
    expect(bucketStart('2026-11-23', CostInterval.Week)).toBe('2026-11-23');
    expect(bucketStart('2026-11-22', CostInterval.Week)).toBe('2026-11-16');
    expect(bucketStart('2026-11-22', CostInterval.Month)).toBe('2026-11-01');
    expect(bucketsOf('2026-10-25', '2026-11-23', CostInterval.Month)).toEqual(['2026-10-01', '2026-11-01']);
    expect(bucketsOf('2026-11-01', '2026-11-03', CostInterval.Day)).toEqual(['2026-11-01', '2026-11-02', '2026-11-03']);
  });
});
