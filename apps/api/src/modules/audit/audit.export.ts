import type { TenantScope } from '../../scope';
import { csvDocument } from '../../graphql/csv';
import { toGlobalId } from '../../graphql/global-id';
import { AuditEntry } from './audit-entry.entity';
import { auditConditions } from './audit.filter';
import { NamedParams } from '../../graphql/read-model';
import type { AuditEntryFilter } from './audit.inputs';

/** An export is one statement; past this many rows the caller narrows the filter. */
export const AUDIT_CSV_MAX_ROWS = 10_000;

const HEADER = ['seq', 'created_at', 'actor_type', 'actor', 'action', 'entity_type', 'entity_id', 'entity_name', 'outcome', 'error_code', 'request_id'];

interface ExportRow {
  seq: string;
  created_at: Date;
  actor_type: string;
  actor: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  entity_name: string | null;
  outcome: string;
  error_code: string | null;
  request_id: string | null;
}

/**
 * The filtered log as CSV, newest first, at most AUDIT_CSV_MAX_ROWS rows. Taking the log out of the
 * product is itself a sensitive read, so the export leaves an entry saying who took what.
 */
export async function auditEntriesCsv(ctx: TenantScope, filter: AuditEntryFilter | null): Promise<string> {
  const params = new NamedParams();
  const qb = ctx.tx.manager
    .createQueryBuilder(AuditEntry, 'a')
    .where(auditConditions(ctx.caller.tenantId, filter, params).join(' AND '), params.values)
    .leftJoin('users', 'u', 'u.id = a.actor_user_id')
    .select([
      'a.seq AS seq',
      'a.created_at AS created_at',
      'a.actor_type AS actor_type',
      'coalesce(u.email, a.actor_label) AS actor',
      'a.action AS action',
      'a.entity_type AS entity_type',
      'a.entity_id AS entity_id',
      'a.entity_name AS entity_name',
      'a.outcome AS outcome',
      'a.error_code AS error_code',
      'a.request_id AS request_id',
    ])
    .orderBy('a.seq', 'DESC')
    .limit(AUDIT_CSV_MAX_ROWS);
  const rows: ExportRow[] = await qb.getRawMany();
  await ctx.audit.record({ action: 'audit.export', entityType: null, after: { filter: describeFilter(filter), rows: rows.length } });
  return csvDocument(
    HEADER,
    rows.map((r) => [
      r.seq,
      r.created_at.toISOString(),
      r.actor_type,
      r.actor,
      r.action,
      r.entity_type,
      r.entity_type && r.entity_id ? toGlobalId(r.entity_type, r.entity_id) : null,
      r.entity_name,
      r.outcome,
      r.error_code,
      r.request_id,
    ]),
  );
}

function describeFilter(filter: AuditEntryFilter | null): Record<string, unknown> {
  const described: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter ?? {})) if (value != null) described[key] = value instanceof Date ? value.toISOString() : value;
  return described;
}
