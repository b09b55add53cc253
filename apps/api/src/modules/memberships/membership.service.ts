import type { StewardContext } from '../../context';
import { Role } from '../../auth/roles';
import { Connection, ConnectionArgs, OrderDirection, paginate } from '../../graphql/connection';
import { StewardError, UserInputProblem } from '../../graphql/errors';
import { loader } from '../../graphql/loader';
import { likePattern } from '../../graphql/search';
import { recordAudit } from '../audit';
import { User, userById } from '../users';
import { Membership } from './membership.entity';
import { MembershipFilter, MembershipOrder, MembershipOrderField } from './membership.inputs';

export async function listMembers(
  ctx: StewardContext,
  page: ConnectionArgs,
  filter: MembershipFilter | null,
  order: MembershipOrder | null,
): Promise<Connection<Membership>> {
  const qb = ctx.tx.manager
    .createQueryBuilder(Membership, 'm')
    .innerJoinAndMapOne('m.user', User, 'u', 'u.id = m.user_id')
    .where('m.tenant_id = :tenant', { tenant: ctx.caller.tenantId });
  if (filter?.roles?.length) qb.andWhere('m.role IN (:...roles)', { roles: filter.roles });
  if (filter?.search?.trim()) {
    const pattern = likePattern(filter.search);
    const byEmail = ctx.caller.role === Role.admin ? ' OR u.email ILIKE :pattern' : '';
    qb.andWhere(`(u.full_name ILIKE :pattern${byEmail})`, { pattern });
  }
  const byName = order?.field === MembershipOrderField.FULL_NAME;
  const connection = await paginate(ctx.tx.manager, qb, page, {
    column: byName ? 'u.full_name' : 'm.created_at',
    id: 'm.id',
    direction: order?.direction ?? OrderDirection.DESC,
    idOf: (m) => m.uuid,
    cast: byName ? 'text' : 'timestamptz',
  });
  const users = loader(ctx, userById);
  for (const m of connection.nodes) if (m.user) users.prime(m.user.uuid, m.user);
  return connection;
}

async function findInTenant(ctx: StewardContext, membershipId: string): Promise<Membership> {
  const membership = await ctx.tx.manager.findOneBy(Membership, { uuid: membershipId, tenantId: ctx.caller.tenantId! });
  if (!membership) throw StewardError.notFound('Membership');
  return membership;
}

async function ensureAnotherAdmin(ctx: StewardContext, membership: Membership): Promise<void> {
  if (membership.role !== Role.admin) return;
  // Lock the tenant's admin rows so two concurrent demotions cannot both pass this check.
  const admins: { id: string }[] = await ctx.tx.manager.query(
    `SELECT id FROM memberships WHERE tenant_id = $1 AND role = 'admin' FOR UPDATE`, [membership.tenantId]);
  if (admins.length <= 1) throw new UserInputProblem('membershipId', 'A tenant must keep at least one admin', 'CONFLICT');
}

export async function changeRole(ctx: StewardContext, membershipId: string, role: Role): Promise<Membership> {
  const membership = await findInTenant(ctx, membershipId);
  if (membership.role === role) return membership;
  if (role !== Role.admin) await ensureAnotherAdmin(ctx, membership);
  const before = { role: membership.role };
  membership.role = role;
  membership.updatedAt = new Date();
  await ctx.tx.manager.update(Membership, { uuid: membership.uuid }, { role, updatedAt: membership.updatedAt });
  const user = await loader(ctx, userById).load(membership.userId);
  await recordAudit(ctx, { action: 'membership.roleChange', entityType: 'Membership', entityId: membership.uuid, entityName: user?.email, before, after: { role } });
  return membership;
}

export async function removeMember(ctx: StewardContext, membershipId: string): Promise<Membership> {
  const membership = await findInTenant(ctx, membershipId);
  await ensureAnotherAdmin(ctx, membership);
  const user = await loader(ctx, userById).load(membership.userId);
  await ctx.tx.manager.delete(Membership, { uuid: membership.uuid });
  await recordAudit(ctx, {
    action: 'membership.remove', entityType: 'Membership', entityId: membership.uuid, entityName: user?.email,
    before: { role: membership.role, userId: membership.userId }, after: null,
  });
  return membership;
}
