import { createHash } from 'node:crypto';
import { Client, type QueryConfig } from 'pg';

/** Distinct statements one connection keeps prepared; past this, statements are planned each time. */
const MAX_PER_CONNECTION = 400;

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
 * pg's Client, for the API's pool (pg-pool's `Client` option): each parameterised statement is
 * prepared once per connection, by name, and reused. PostgreSQL then skips parsing and, after a few
 * runs, planning — which cost more than executing the short indexed queries Steward sends. Plans
 * stay correct across tenants and roles: the tenant travels in settings read by STABLE functions,
 * and PostgreSQL replans a cached plan that depends on row-level security when the role changes.
 */
/** What would drop every statement a connection keeps prepared, behind the back of pg's own record of them. */
const DROPS_ALL = /^\s*(DEALLOCATE\s+(PREPARE\s+)?ALL|DISCARD\s+(ALL|PLANS))\b/i;

export class PreparingClient extends Client {
  private readonly prepared = new Set<string>();

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one override for every overload of pg's query, passed through as they come
  override query(text: any, values?: any, callback?: any): any {
    if (typeof text === 'string' && DROPS_ALL.test(text)) {
      const refused = new Error(`"${text.trim()}" would drop the statements this connection keeps prepared; deallocate your own statement by name`);
      const done = typeof values === 'function' ? values : callback;
      if (typeof done === 'function') return void done(refused);
      return Promise.reject(refused);
    }
    if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0) return super.query(text, values, callback);
    const name = nameOf(text);
    if (!this.prepared.has(name)) {
      if (this.prepared.size >= MAX_PER_CONNECTION) return super.query(text, values, callback);
      this.prepared.add(name);
    }
    const config: QueryConfig = { name, text, values };
    return super.query(config, callback);
  }
}
