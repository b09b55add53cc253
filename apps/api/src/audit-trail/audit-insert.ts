import type { DataSource, EntityManager } from 'typeorm';
import type { AuditActor, AuditClient, AuditDraft } from './audit-draft';

const INSERT = `INSERT INTO audit_entries (tenant_id, actor_type, actor_user_id, actor_api_key_id, actor_label, action,
  entity_type, entity_id, entity_name, before, after, outcome, error_code, ip, user_agent, request_id, prev_hash, hash)
  VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,'','')`;

/** One entry; the database links it into its tenant's hash chain (steward.audit_chain_append). */
export async function insertAuditEntry(
  manager: EntityManager | DataSource,
  entry: { tenantId: string | null; actor: AuditActor; draft: AuditDraft; client: AuditClient; requestId: string | null },
): Promise<void> {
  const { actor, draft, client } = entry;
  await manager.query(INSERT, [
    entry.tenantId,
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
    entry.requestId,
  ]);
}
