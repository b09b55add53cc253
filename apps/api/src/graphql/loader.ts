import DataLoader from 'dataloader';
import type { TenantScope } from '../scope';

export type LoaderFactory<K, V> = (ctx: TenantScope) => DataLoader<K, V>;

/** The request's loader built by `factory`, created on first use: one loader set per request. */
export function loader<K, V>(ctx: TenantScope, factory: LoaderFactory<K, V>): DataLoader<K, V> {
  let existing = ctx.loaders.get(factory) as DataLoader<K, V> | undefined;
  if (!existing) {
    existing = factory(ctx);
    ctx.loaders.set(factory, existing);
  }
  return existing;
}

/** Orders batch results by key, as DataLoader requires; a missing row becomes null. */
export function byKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map<K, V>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((key) => map.get(key) ?? null);
}

/** Groups batch results by key, in key order. */
export function groupedByKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  }
  return keys.map((key) => map.get(key) ?? []);
}
