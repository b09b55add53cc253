import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { TenantScope } from '../../scope';
import { byKey } from '../../graphql/loader';
import { Architecture } from './architecture.entity';

export const architectureById = (ctx: TenantScope) =>
  new DataLoader<string, Architecture | null>(async (ids) =>
    byKey(ids, await ctx.tx.manager.findBy(Architecture, { uuid: In([...ids]), tenantId: ctx.caller.tenantId! }), (a) => a.uuid),
  );

export interface SpendRow {
  amount: string;
  entries: number;
}

/**
 * Actual spend per architecture for a month, for a page of architectures in one statement: cost
 * entries that name the architecture, and those of agents running on it, each entry counted once.
 */
export const architectureSpend = (ctx: TenantScope) =>
  new DataLoader<[string, string], SpendRow, string>(
    async (keys) => {
      const found = new Map<string, SpendRow>();
      for (const month of new Set(keys.map(([, m]) => m))) {
        const ids = keys.filter(([, m]) => m === month).map(([id]) => id);
        const rows: { id: string; amount: string; entries: number }[] = await ctx.tx.manager.query(
          `SELECT r.id, coalesce(sum(e.amount), 0)::numeric(18,2)::text AS amount, count(e.id)::int AS entries
           FROM architectures r
           LEFT JOIN cost_entries e ON e.tenant_id = r.tenant_id AND e.currency = 'USD'
             AND e.incurred_on >= date_trunc('month', $3::date) AND e.incurred_on < date_trunc('month', $3::date) + interval '1 month'
             AND (e.architecture_id = r.id
                  OR (e.architecture_id IS NULL AND e.agent_id IN (SELECT a.id FROM agents a WHERE a.tenant_id = r.tenant_id AND a.architecture_id = r.id)))
           WHERE r.tenant_id = $1 AND r.id = ANY($2::uuid[])
           GROUP BY r.id`,
          [ctx.caller.tenantId, ids, month],
        );
        for (const r of rows) found.set(`${r.id}|${month}`, { amount: r.amount, entries: r.entries });
      }
      return keys.map((k) => found.get(k.join('|')) ?? { amount: '0.00', entries: 0 });
    },
    { cacheKeyFn: (k) => k.join('|') },
  );
