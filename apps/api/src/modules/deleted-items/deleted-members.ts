import { StewardError, UserInputProblem } from '../../graphql/errors';
import type { TenantScope } from '../../scope';
import { claimCapacity, PlanLimit } from '../tenants';

/**
 * Removed members. membershipRemove moves the membership, id and role included, to deleted_memberships, so that
 * everything reading memberships (each request's begin_user_request, lists, `node`, the member limit) stops
 * counting it at once; these move it back, or remove it for good. The caller turns on `app.include_deleted`
 * (withDeleted): the removed person's name shows only then.
 */

export interface RemovedMember {
  id: string;
  name: string;
  email: string;
  deleted_at: Date;
  deleted_by_id: string | null;
}

/**
 * Makes a removed member a member again with the role they had (a custom role deleted since falls back to viewer),
 * within the retention period; they claim a place under the plan's member limit again. Refused while the person is
 * a member again (invited anew) or their account was closed.
 */
export async function restoreMember(ctx: TenantScope, id: string, days: number): Promise<RemovedMember & { role: string }> {
  const m = ctx.tx.manager;
  const [row]: (RemovedMember & { member_again: boolean; closed: boolean })[] = await m.query(
    `SELECT d.id, coalesce(nullif(u.full_name, ''), u.email) AS name, u.email, d.deleted_at, d.deleted_by_id, u.deleted_at IS NOT NULL AS closed,
       EXISTS (SELECT 1 FROM memberships l WHERE l.tenant_id = d.tenant_id AND l.user_id = d.user_id) AS member_again
     FROM deleted_memberships d JOIN users u ON u.id = d.user_id
     WHERE d.id = $1 AND d.tenant_id = $2 AND d.deleted_at > now() - make_interval(days => $3)
     FOR UPDATE OF d`,
    [id, ctx.caller.tenantId, days],
  );
  if (!row) throw StewardError.notFound('Deleted Membership');
  if (row.member_again) throw new UserInputProblem('id', `${row.name} is a member again: change their role instead of restoring this membership`, 'CONFLICT');
  if (row.closed) throw new UserInputProblem('id', `${row.name}'s account is closed: they can be invited again with a new account`, 'CONFLICT');
  await claimCapacity(ctx, PlanLimit.MEMBERS);
  const [back]: { role: string | null; custom_role_id: string | null }[] = await m.query(
    `WITH back AS (DELETE FROM deleted_memberships WHERE id = $1 AND tenant_id = $2 RETURNING *)
     INSERT INTO memberships (id, tenant_id, user_id, role, custom_role_id, assigned_by_id, assigned_at, created_at, updated_at)
     SELECT id, tenant_id, user_id, CASE WHEN custom_role_id IS NULL THEN coalesce(role, 'viewer') END, custom_role_id, assigned_by_id, assigned_at, created_at, now()
     FROM back RETURNING role, custom_role_id`,
    [id, ctx.caller.tenantId],
  );
  return { ...row, role: back.role ?? 'custom' };
}

/** Removes for good the tenant's members removed before `cutoff`, returning them for the purge's audit entries. */
export async function purgeRemovedMembers(ctx: TenantScope, cutoff: Date): Promise<RemovedMember[]> {
  const rows: [RemovedMember[], number] | RemovedMember[] = await ctx.tx.manager.query(
    `DELETE FROM deleted_memberships d USING users u
     WHERE u.id = d.user_id AND d.tenant_id = $1 AND d.deleted_at < $2
     RETURNING d.id, coalesce(nullif(u.full_name, ''), u.email) AS name, u.email, d.deleted_at, d.deleted_by_id`,
    [ctx.caller.tenantId, cutoff],
  );
  return Array.isArray(rows[0]) ? (rows[0] as RemovedMember[]) : (rows as RemovedMember[]);
}
