import { createHash } from 'node:crypto';
import type { PoolClient, QueryConfig } from 'pg';

const PREPARED = Symbol('steward.preparedStatements');
/** Distinct statements one connection keeps prepared; past this, statements are planned each time. */
const MAX_PER_CONNECTION = 400;

type Preparing = PoolClient & { [PREPARED]?: Set<string> };

/** Statement text -> its name, shared by all connections: hashing the text on every run showed in profiles. */
const names = new Map<string, string>();
const MAX_NAMES = 2000;

function nameOf(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `s_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
    if (names.size >= MAX_NAMES) names.clear();
    names.set(text, name);
  }
  return name;
}

/**
 * Makes a pooled connection prepare each parameterised statement once, by name, and reuse it:
 * PostgreSQL then skips parsing and, after a few runs, planning — which cost more than executing
 * the short indexed queries Steward sends. Plans stay correct across tenants and roles: the tenant
 * travels in settings read by STABLE functions, and PostgreSQL replans a cached plan that depends
 * on row-level security when the role changes.
 */
export function prepareStatements(client: PoolClient): void {
  const target = client as Preparing;
  if (target[PREPARED]) return;
  const prepared = (target[PREPARED] = new Set<string>());
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (text: unknown, values?: unknown, callback?: unknown) => {
    if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0) return query(text, values, callback);
    const name = nameOf(text);
    if (!prepared.has(name)) {
      if (prepared.size >= MAX_PER_CONNECTION) return query(text, values, callback);
      prepared.add(name);
    }
    const config: QueryConfig = { name, text, values };
    return query(config, callback);
  };
}
