import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { addDays, todayUtc } from '../../format/days';
import { CostCategory, type CostFilter, CostInterval, CostProvider } from '../../gql/graphql';

/**
 * What the dashboard shows, kept in the URL so a reload or a shared link opens the same view. Days are
 * UTC calendar days ("YYYY-MM-DD"), as the API counts costs; defaults stay out of the URL.
 */
export interface CostView {
  from: string;
  to: string;
  interval: CostInterval;
  providers: CostProvider[];
  categories: CostCategory[];
  agentIds: string[];
  tags: string[];
  /** The budget whose burn-down the dashboard shows; null for the first tenant-wide one. */
  budgetId: string | null;
}

export const DEFAULT_DAYS = 30;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function validDay(value: string | null): string | null {
  return value && DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? value : null;
}

function oneOf<T extends string>(values: readonly string[], allowed: Record<string, T>): T[] {
  const known = Object.values(allowed) as string[];
  return [...new Set(values.map((v) => v.toUpperCase()).filter((v) => known.includes(v)))] as T[];
}

const INTERVAL_PARAM: Record<string, CostInterval> = { day: CostInterval.Day, week: CostInterval.Week, month: CostInterval.Month };

export function defaultView(today = todayUtc()): CostView {
  return {
    from: addDays(today, 1 - DEFAULT_DAYS),
    to: today,
    interval: CostInterval.Day,
    providers: [],
    categories: [],
    agentIds: [],
    tags: [],
    budgetId: null,
  };
}

/** Reads a view from the URL; whatever is missing or malformed falls back to the default. */
export function viewFromParams(params: URLSearchParams, today = todayUtc()): CostView {
  const fallback = defaultView(today);
  let to = validDay(params.get('to')) ?? fallback.to;
  let from = validDay(params.get('from')) ?? addDays(to, 1 - DEFAULT_DAYS);
  if (from > to) [from, to] = [to, from];
  return {
    from,
    to,
    interval: INTERVAL_PARAM[params.get('interval') ?? ''] ?? fallback.interval,
    providers: oneOf(params.getAll('provider'), CostProvider),
    categories: oneOf(params.getAll('category'), CostCategory),
    agentIds: [...new Set(params.getAll('agent').filter(Boolean))],
    tags: [
      ...new Set(
        params
          .getAll('tag')
          .map((t) => t.trim())
          .filter(Boolean),
      ),
    ],
    budgetId: params.get('budget') || null,
  };
}

/** Writes a view into URL parameters, leaving out what equals the default; other parameters stay. */
export function viewToParams(view: CostView, base = new URLSearchParams(), today = todayUtc()): URLSearchParams {
  const params = new URLSearchParams(base);
  for (const key of ['from', 'to', 'interval', 'provider', 'category', 'agent', 'tag', 'budget']) params.delete(key);
  const fallback = defaultView(today);
  if (view.from !== fallback.from || view.to !== fallback.to) {
    params.set('from', view.from);
    params.set('to', view.to);
  }
  if (view.interval !== fallback.interval) params.set('interval', view.interval.toLowerCase());
  for (const p of view.providers) params.append('provider', p.toLowerCase());
  for (const c of view.categories) params.append('category', c.toLowerCase());
  for (const a of view.agentIds) params.append('agent', a);
  for (const t of view.tags) params.append('tag', t);
  if (view.budgetId) params.set('budget', view.budgetId);
  return params;
}

/** The API's filter for a view: empty lists mean "any". */
export function costFilterOf(view: CostView): CostFilter {
  return {
    currency: 'USD',
    providers: view.providers.length ? view.providers : null,
    categories: view.categories.length ? view.categories : null,
    agentIds: view.agentIds.length ? view.agentIds : null,
    tags: view.tags.length ? view.tags : null,
  };
}

export function isFiltered(view: CostView): boolean {
  return view.providers.length + view.categories.length + view.agentIds.length + view.tags.length > 0;
}

/** The view in the URL, and a setter that writes a change back (a new history entry, so Back undoes it). */
export function useCostView(): [CostView, (patch: Partial<CostView>) => void] {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => viewFromParams(params), [params]);
  const update = useCallback(
    (patch: Partial<CostView>) => setParams((current) => viewToParams({ ...viewFromParams(current), ...patch }, current)),
    [setParams],
  );
  return [view, update];
}
