import type { TenantScope } from '../../scope';
import { Role } from '../../auth/roles';
import { Connection, ConnectionArgs, OrderDirection } from '../../graphql/connection';
import { StewardError, UserInputProblem } from '../../graphql/errors';
import { loader } from '../../graphql/loader';
import { readPage, Selection, SqlParams } from '../../graphql/read-model';
import { likePattern } from '../../graphql/search';
import { inRoleGroup } from '../../auth/role-groups';
import { customRoleById, roleToGive } from '../roles';
import { userById } from '../users';
import { Membership } from './membership.entity';
import { membershipReads } from './membership.reads';
import { MembershipFilter, MembershipOrder, MembershipOrderField } from './membership.inputs';

/** A page of the tenant's members, each with its user (always joined: filters and orders read it), as `selection` asks. */
export function listMembers(
  ctx: TenantScope,
  page: ConnectionArgs,
  filter: MembershipFilter | null,
  order: MembershipOrder | null,
  selection: Selection,
): Promise<Connection<Membership>> {
  const params = new SqlParams();
  const where = [`m.tenant_id = ${params.add(ctx.caller.tenantId)}`];
  if (filter?.roles?.length) where.push(`m.role = ANY(${params.add(filter.roles)}::text[])`);
  if (filter?.search?.trim()) {
    const pattern = params.add(likePattern(filter.search));
    const byEmail = inRoleGroup('memberManagers', ctx.caller) ? ` OR u.email ILIKE ${pattern}` : '';
    where.push(`(u.full_name ILIKE ${pattern}${byEmail})`);
  }
  const byName = order?.field === MembershipOrderField.FULL_NAME;
  return readPage(
    ctx,
    membershipReads,
    selection,
    { alias: 'm', from: 'memberships m JOIN users u ON u.id = m.user_id', present: { user: 'u' }, where, params },
    page,
    {
      column: byName ? 'u.full_name' : 'm.created_at',
      id: 'm.id',
      direction: order?.direction ?? OrderDirection.DESC,
      cast: byName ? 'text' : 'timestamptz',
    },
  );
}

async function findInTenant(ctx: TenantScope, membershipId: string): Promise<Membership> {
  const membership = await ctx.tx.manager.findOneBy(Membership, { uuid: membershipId, tenantId: ctx.caller.tenantId! });
  if (!membership) throw StewardError.notFound('Membership');
  return membership;
}

async function ensureAnotherAdmin(ctx: TenantScope, membership: Membership): Promise<void> {
  if (membership.role !== Role.ADMIN) return;
  // Lock the tenant's admin rows so two concurrent demotions cannot both pass this check.
  const admins: { id: string }[] = await ctx.tx.manager.query(`SELECT id FROM memberships WHERE tenant_id = $1 AND role = 'admin' FOR UPDATE`, [
    membership.tenantId,
  ]);
  if (admins.length <= 1) throw new UserInputProblem('membershipId', 'A tenant must keep at least one admin', 'CONFLICT');
}

function roleAudit(m: { role: Role | null; customRoleId: string | null }, customRoleName?: string): Record<string, unknown> {
  return m.customRoleId ? { customRole: customRoleName ?? m.customRoleId } : { role: m.role };
}

export async function changeRole(ctx: TenantScope, membershipId: string, newRole: Role | null, customRoleId: string | null): Promise<Membership> {
  const membership = await findInTenant(ctx, membershipId);
  const { role, customRole } = await roleToGive(ctx, newRole, customRoleId);
  if (membership.role === role && membership.customRoleId === (customRole?.uuid ?? null)) return membership;
  if (role !== Role.ADMIN) await ensureAnotherAdmin(ctx, membership);
  const previous = membership.customRoleId ? await loader(ctx, customRoleById).load(membership.customRoleId) : null;
  const before = roleAudit(membership, previous?.name);
  const changes = { role, customRoleId: customRole?.uuid ?? null, assignedById: ctx.caller.userId, assignedAt: new Date(), updatedAt: new Date() };
  Object.assign(membership, changes);
  await ctx.tx.manager.update(Membership, { uuid: membership.uuid }, changes);
  const user = await loader(ctx, userById).load(membership.userId);
  await ctx.audit.record({
    action: 'membership.roleChange',
    entityType: 'Membership',
    entityId: membership.uuid,
    entityName: user?.email,
    before,
    after: roleAudit(membership, customRole?.name),
  });
  return membership;
}

/**
 * Removes a member softly: the membership moves, role and all, to deleted_memberships (the person can no longer
 * act in the tenant from their very next request, and counts nothing toward the member limit) and can be restored
 * from Recently deleted until the plan's retention period ends, when the purge job removes it for good.
 */
export async function removeMember(ctx: TenantScope, membershipId: string): Promise<Membership> {
  const membership = await findInTenant(ctx, membershipId);
  await ensureAnotherAdmin(ctx, membership);
  const user = await loader(ctx, userById).load(membership.userId);
  const [removed]: { deleted_at: Date; restorable_until: Date }[] = await ctx.tx.manager.query(
    `WITH gone AS (DELETE FROM memberships WHERE id = $1 AND tenant_id = $2 RETURNING *)
     INSERT INTO deleted_memberships AS d (id, tenant_id, user_id, role, custom_role_id, assigned_by_id, assigned_at, created_at, deleted_by_id)
     SELECT id, tenant_id, user_id, role, custom_role_id, assigned_by_id, assigned_at, created_at, $3 FROM gone
     ON CONFLICT (tenant_id, user_id) DO UPDATE SET id = EXCLUDED.id, role = EXCLUDED.role, custom_role_id = EXCLUDED.custom_role_id,
       assigned_by_id = EXCLUDED.assigned_by_id, assigned_at = EXCLUDED.assigned_at, created_at = EXCLUDED.created_at,
       deleted_at = now(), deleted_by_id = EXCLUDED.deleted_by_id
     RETURNING d.deleted_at,
       d.deleted_at + make_interval(days => (SELECT p.deleted_retention_days FROM tenants t JOIN plans p ON p.code = t.plan WHERE t.id = d.tenant_id)) AS restorable_until`,
    [membership.uuid, membership.tenantId, ctx.caller.userId],
  );
  await ctx.audit.record({
    action: 'membership.remove',
    entityType: 'Membership',
    entityId: membership.uuid,
    entityName: user?.email,
    before: { role: membership.role, userId: membership.userId },
    after: { deletedAt: new Date(removed.deleted_at).toISOString(), restorableUntil: new Date(removed.restorable_until).toISOString() },
  });
  return membership;
}
