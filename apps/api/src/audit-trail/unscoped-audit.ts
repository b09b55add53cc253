import type { DataSource, EntityManager } from 'typeorm';
import type { AuditClient, AuditDraft } from './audit-draft';
import { insertAuditEntry } from './audit-insert';

/** For flows that run before there is a scope (sign-in, invitation acceptance, a bad credential): the owner connection, no RLS. */
export async function recordUnscopedAudit(
  manager: EntityManager | DataSource,
  draft: AuditDraft & { actorUserId?: string | null },
  request: AuditClient & { requestId: string },
): Promise<void> {
  await insertAuditEntry(manager, {
    tenantId: draft.tenantId ?? null,
    actor: { actorType: draft.actorUserId ? 'user' : 'anonymous', actorUserId: draft.actorUserId ?? null, actorApiKeyId: null, actorLabel: null },
    draft,
    client: { ip: request.ip, userAgent: request.userAgent },
    requestId: request.requestId,
  });
}
