import type { DataSource, EntityManager } from 'typeorm';
import type { AuditActor, AuditClient, AuditDraft } from './audit-draft';

const COLUMNS = `tenant_id, actor_type, actor_user_id, actor_api_key_id, actor_label, action,
  entity_type, entity_id, entity_name, before, after, outcome, error_code, ip, user_agent, request_id, prev_hash, hash`;
const INSERT = `INSERT INTO audit_entries (${COLUMNS}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,'','')`;
/** The columns' types, for values selected rather than listed in VALUES (where the target types them). */
const TYPES = ['uuid', 'text', 'uuid', 'uuid', 'text', 'text', 'text', 'uuid', 'text', 'jsonb', 'jsonb', 'text', 'text', 'text', 'text', 'text'];

type AuditEntry = { tenantId: string | null; actor: AuditActor; draft: AuditDraft; client: AuditClient; requestId: string | null };

function valuesOf({ tenantId, actor, draft, client, requestId }: AuditEntry): unknown[] {
  return [
    tenantId,
    actor.actorType,
    actor.actorUserId,
    actor.actorApiKeyId,
    draft.actorLabel ?? actor.actorLabel,
    draft.action,
    draft.entityType ?? null,
    draft.entityId ?? null,
    draft.entityName ?? null,
    draft.before ?? null,
    draft.after ?? null,
    draft.outcome ?? 'success',
    draft.errorCode ?? null,
    client.ip,
    client.userAgent,
    requestId,
  ];
}

/** One entry; the database links it into its tenant's hash chain (steward.audit_chain_append). */
export async function insertAuditEntry(manager: EntityManager | DataSource, entry: AuditEntry): Promise<void> {
  await manager.query(INSERT, valuesOf(entry));
}

/**
 * The same entry as a piece of a larger statement (a data-modifying CTE): `INSERT … SELECT <values> WHERE <when>`
 * with its parameters numbered from `first`. The chain's head is locked when the row is inserted, so `when` should
 * read what the statement must finish first (e.g. the rows it inserts), and the lock is taken after them.
 */
export function auditEntryStatement(entry: AuditEntry, first: number, when: string): { sql: string; params: unknown[] } {
  const values = TYPES.map((type, i) => `$${first + i}::${type}`).join(', ');
  return { sql: `INSERT INTO audit_entries (${COLUMNS}) SELECT ${values}, '', '' WHERE ${when}`, params: valuesOf(entry) };
}
