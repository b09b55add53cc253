import DataLoader from 'dataloader';
import type { LoaderFactory } from '../graphql/loader';
import type { TenantScope } from '../scope';

/**
 * Reads of sensitive fields written to the audit log as read events, in the request's transaction: the field
 * resolvers of one page run in the same tick, so a page costs one audit entry naming every object and field
 * read, whatever its size. Load `${id}|${field}` before answering the field; the entry holds ids and field
 * names, never the values.
 */
export function readAudit(action: string, entityType: string, label: string): LoaderFactory<string, true> {
  return (ctx: TenantScope) =>
    new DataLoader<string, true>(async (keys) => {
      const fields = new Map<string, Set<string>>();
      for (const key of keys) {
        const [id, field] = key.split('|');
        const set = fields.get(id) ?? new Set<string>();
        set.add(field);
        fields.set(id, set);
      }
      const ids = [...fields.keys()];
      await ctx.audit.record({
        action,
        entityType,
        entityId: ids.length === 1 ? ids[0] : null,
        entityName: ids.length === 1 ? label : `${ids.length} ${label}s`,
        after: { read: ids.map((id) => ({ id, fields: [...fields.get(id)!].sort() })) },
      });
      return keys.map(() => true as const);
    });
}
