import type { TenantScope } from '../../scope';
import { AuditChainVerification, AuditEntry } from './audit-entry.entity';

/**
 * Recomputes the caller's tenant chain in one statement: each entry's hash over its predecessor's
 * hash and its own content (personal fields through their digest, which must match unless the entry was erased), its link to the previous entry, and gap-free positions; then checks
 * that the chain ends at the head the database keeps, so a deleted tail is caught too.
 */
export async function verifyChain(ctx: TenantScope): Promise<AuditChainVerification> {
  const tenantId = ctx.caller.tenantId;
  const manager = ctx.tx.manager;
  const broken: { id: string; checked: string; problem: string | null }[] = await manager.query(
    `WITH chain AS (
       SELECT a.id, a.seq, a.hash, a.prev_hash,
              steward.audit_entry_hash(a) AS recomputed,
              a.erased_at IS NULL AND a.personal_digest <> steward.audit_entry_personal_digest(a) AS personal_changed,
              a.erased_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM audit_entries x WHERE x.tenant_id = a.tenant_id
                AND x.action = 'audit.personal_erased' AND x.after -> 'entries' ? a.id::text) AS erased_unrecorded,
              lag(a.hash, 1, '') OVER w AS expected_prev,
              lag(a.seq, 1, 0::bigint) OVER w AS previous_seq
       FROM audit_entries a WHERE a.tenant_id = $1 WINDOW w AS (ORDER BY a.seq))
     SELECT id, (SELECT count(*) FROM chain) AS checked,
            CASE WHEN recomputed <> hash THEN 'content does not match its hash'
                 WHEN personal_changed THEN 'personal content does not match its digest'
                 WHEN erased_unrecorded THEN 'marked erased, but no erasure in the chain names it'
                 WHEN prev_hash <> expected_prev THEN 'link to the previous entry is broken'
                 ELSE 'entries are missing before this one' END AS problem
     FROM chain WHERE recomputed <> hash OR personal_changed OR erased_unrecorded OR prev_hash <> expected_prev OR seq <> previous_seq + 1
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
