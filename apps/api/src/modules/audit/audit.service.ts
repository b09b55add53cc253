import type { DataSource, EntityManager } from 'typeorm';
import type { StewardContext } from '../../context';
import { AuditActorType, AuditChainVerification, AuditEntry, AuditOutcome } from './audit-entry.entity';

export interface AuditDraft {
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  entityName?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  outcome?: `${AuditOutcome}`;
  errorCode?: string | null;
  /** Defaults to the request's tenant. */
  tenantId?: string | null;
  /** Names an anonymous actor, e.g. the email a failed sign-in gave. */
  actorLabel?: string | null;
}

interface Actor {
  actorType: AuditActorType;
  actorUserId: string | null;
  actorApiKeyId: string | null;
  actorLabel: string | null;
}

function actorOf(ctx: StewardContext): Actor {
  const { caller } = ctx;
  if (caller.apiKeyId) return { actorType: AuditActorType.api_key, actorUserId: null, actorApiKeyId: caller.apiKeyId, actorLabel: caller.apiKeyName };
  if (caller.userId) return { actorType: AuditActorType.user, actorUserId: caller.userId, actorApiKeyId: null, actorLabel: null };
  if (caller.system) return { actorType: AuditActorType.system, actorUserId: null, actorApiKeyId: null, actorLabel: caller.system };
  return { actorType: AuditActorType.anonymous, actorUserId: null, actorApiKeyId: null, actorLabel: null };
}

function row(ctx: StewardContext | null, draft: AuditDraft, actor: Actor, tenantId: string | null) {
  return {
    tenantId,
    ...actor,
    action: draft.action,
    entityType: draft.entityType ?? null,
    entityId: draft.entityId ?? null,
    entityName: draft.entityName ?? null,
    before: draft.before ?? null,
    after: draft.after ?? null,
    outcome: draft.outcome ?? 'success',
    errorCode: draft.errorCode ?? null,
    ip: ctx?.ip ?? null,
    userAgent: ctx?.userAgent ?? null,
    requestId: ctx?.requestId ?? null,
  };
}

const INSERT = `INSERT INTO audit_entries (tenant_id, actor_type, actor_user_id, actor_api_key_id, actor_label, action,
  entity_type, entity_id, entity_name, before, after, outcome, error_code, ip, user_agent, request_id, prev_hash, hash)
  VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,'','')`;

async function insert(manager: EntityManager | DataSource, r: ReturnType<typeof row>): Promise<void> {
  await manager.query(INSERT, [
    r.tenantId, r.actorType, r.actorUserId, r.actorApiKeyId, r.actorLabel, r.action, r.entityType, r.entityId,
    r.entityName, r.before, r.after, r.outcome, r.errorCode, r.ip, r.userAgent, r.requestId,
  ]);
}

/** Records what a mutation did, in the request's own transaction: it commits or rolls back with the change. */
export async function recordAudit(ctx: StewardContext, draft: AuditDraft): Promise<void> {
  const tenantId = draft.tenantId !== undefined ? draft.tenantId : ctx.caller.tenantId;
  await insert(ctx.tx.manager, row(ctx, draft, actorOf(ctx), tenantId));
}

/**
 * Writes entries for what failed or was denied, after the request's transaction has ended, in a
 * transaction of their own, so a rollback never loses them.
 */
export async function recordFailures(ctx: StewardContext): Promise<void> {
  if (!ctx.failedAudits.length) return;
  const actor = actorOf(ctx);
  const drafts = ctx.failedAudits.splice(0);
  await ctx.app.dataSource.transaction(async (manager) => {
    for (const draft of drafts) {
      const labelled = { ...actor, actorLabel: draft.actorLabel ?? actor.actorLabel };
      await insert(manager, row(ctx, { outcome: 'failure', ...draft }, labelled, draft.tenantId !== undefined ? draft.tenantId : ctx.caller.tenantId));
    }
  });
}

/** For flows that run before there is a caller (sign-in, invitation acceptance): the owner connection, no RLS. */
export async function recordSystemAudit(
  manager: EntityManager | DataSource,
  draft: AuditDraft & { actorLabel?: string | null; actorUserId?: string | null },
  request: { ip: string | null; userAgent: string | null; requestId: string },
): Promise<void> {
  const actor: Actor = {
    actorType: draft.actorUserId ? AuditActorType.user : AuditActorType.anonymous,
    actorUserId: draft.actorUserId ?? null,
    actorApiKeyId: null,
    actorLabel: draft.actorLabel ?? null,
  };
  await insert(manager, {
    ...row(null, draft, actor, draft.tenantId ?? null),
    ip: request.ip,
    userAgent: request.userAgent,
    requestId: request.requestId,
  });
}

/**
 * Recomputes the caller's tenant chain in one statement: each entry's hash over its predecessor's
 * hash and its own content, its link to the previous entry, and gap-free positions; then checks
 * that the chain ends at the head the database keeps, so a deleted tail is caught too.
 */
export async function verifyChain(ctx: StewardContext): Promise<AuditChainVerification> {
  const tenantId = ctx.caller.tenantId;
  const manager = ctx.tx.manager;
  const broken: { id: string; checked: string; problem: string | null }[] = await manager.query(
    `WITH chain AS (
       SELECT a.id, a.seq, a.hash, a.prev_hash,
              steward.audit_entry_hash(a) AS recomputed,
              lag(a.hash, 1, '') OVER w AS expected_prev,
              lag(a.seq, 1, 0::bigint) OVER w AS previous_seq
       FROM audit_entries a WHERE a.tenant_id = $1 WINDOW w AS (ORDER BY a.seq))
     SELECT id, (SELECT count(*) FROM chain) AS checked,
            CASE WHEN recomputed <> hash THEN 'content does not match its hash'
                 WHEN prev_hash <> expected_prev THEN 'link to the previous entry is broken'
                 ELSE 'entries are missing before this one' END AS problem
     FROM chain WHERE recomputed <> hash OR prev_hash <> expected_prev OR seq <> previous_seq + 1
     ORDER BY seq LIMIT 1`,
    [tenantId],
  );
  const summary: { checked: string; last_hash: string | null; last_seq: string | null; head_hash: string | null; head_seq: string | null }[] =
    await manager.query(
      `SELECT (SELECT count(*) FROM audit_entries WHERE tenant_id = $1) AS checked,
              (SELECT hash FROM audit_entries WHERE tenant_id = $1 ORDER BY seq DESC LIMIT 1) AS last_hash,
              (SELECT seq FROM audit_entries WHERE tenant_id = $1 ORDER BY seq DESC LIMIT 1) AS last_seq,
              h.hash AS head_hash, h.seq AS head_seq
       FROM (SELECT 1) one LEFT JOIN steward.audit_chain_head($1) h ON true`,
      [tenantId],
    );
  const s = summary[0];
  const result = new AuditChainVerification();
  result.checkedCount = Number(s.checked);
  result.verifiedAt = new Date();
  result.firstBrokenEntry = null;
  result.problem = null;
  if (broken.length) {
    result.firstBrokenEntry = await manager.findOneBy(AuditEntry, { uuid: broken[0].id });
    result.problem = broken[0].problem;
  } else if ((s.head_hash ?? '') !== (s.last_hash ?? '') || (s.head_seq ?? '0') !== (s.last_seq ?? '0')) {
    result.problem = 'the newest entries are missing: the chain ends before its recorded head';
  }
  result.valid = result.problem === null;
  return result;
}
