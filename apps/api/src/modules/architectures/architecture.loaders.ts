import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { TenantScope } from '../../scope';
import { byKey, groupedByKey } from '../../graphql/loader';
import { PolicyViolation } from '../policies';
import { Architecture, ArchitectureVersion } from './architecture.entity';

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

/** The saved versions of each architecture, newest first (at most 100 each), for a page of architectures in one statement. */
export const architectureVersionsOf = (ctx: TenantScope) =>
  new DataLoader<string, ArchitectureVersion[]>(async (ids) => {
    const rows: ArchitectureVersion[] = await ctx.tx.manager
      .createQueryBuilder(ArchitectureVersion, 'v')
      .where(`v.tenant_id = :tenant AND v.architecture_id = ANY(:ids::uuid[])`, { tenant: ctx.caller.tenantId, ids: [...ids] })
      .andWhere(
        `v.version > (SELECT max(w.version) FROM architecture_versions w WHERE w.tenant_id = v.tenant_id AND w.architecture_id = v.architecture_id) - 100`,
      )
      .orderBy('v.version', 'DESC')
      .getMany();
    return groupedByKey(ids, rows, (v) => v.architectureId);
  });

/** Violations that still matter (open, blocked attempts, waivers) of each architecture, newest first, at most 50 each, in one statement. */
export const architectureViolationsOf = (ctx: TenantScope) =>
  new DataLoader<string, PolicyViolation[]>(async (ids) => {
    const rows: PolicyViolation[] = await ctx.tx.manager
      .createQueryBuilder(PolicyViolation, 'v')
      .where(`v.tenant_id = :tenant AND v.architecture_id = ANY(:ids::uuid[]) AND v.status IN ('open','blocked','waived')`, {
        tenant: ctx.caller.tenantId,
        ids: [...ids],
      })
      .orderBy('v.detected_at', 'DESC')
      .addOrderBy('v.id', 'DESC')
      .getMany();
    return groupedByKey(ids, rows, (v) => v.architectureId!).map((list) => list.slice(0, 50));
  });
