import { grantedPermissions, PERMISSION_DESCRIPTIONS, PERMISSION_NAMES, PermissionName, SYSTEM_ROLE_PERMISSIONS, withImplied } from '../../auth/permissions';
import { Role, ROLES } from '../../auth/roles';
import { StewardError, UserInputProblem } from '../../graphql/errors';
import type { TenantScope } from '../../scope';
import { CustomRole, PermissionInfo, SystemRole } from './role.entity';
import { CustomRoleCreateInput, CustomRoleUpdateInput } from './role.inputs';

const ROLE_DESCRIPTIONS: Record<Role, string> = {
  [Role.ADMIN]: 'Runs the tenant: members, API keys, roles, settings, and everything below',
  [Role.DEVELOPER]: 'Builds and operates agents, models and policies',
  [Role.COMPLIANCE_OFFICER]: 'Owns compliance frameworks, controls and evidence; reads policies and violations',
  [Role.ANALYST]: 'Reads inventory, costs and metrics for analysis',
  [Role.AUDITOR]: 'Reads the audit trail and compliance evidence; changes nothing',
  [Role.VIEWER]: 'Reads the inventory without its sensitive parts',
  [Role.HR_MANAGER]: 'Keeps HR records and reads their personal fields',
};

export function systemRoles(): SystemRole[] {
  return ROLES.map((role) => ({ role, description: ROLE_DESCRIPTIONS[role], permissions: [...SYSTEM_ROLE_PERMISSIONS[role]] }));
}

export function permissionInfos(): PermissionInfo[] {
  return PERMISSION_NAMES.map((name) => ({
    name,
    description: PERMISSION_DESCRIPTIONS[name],
    systemRoles: ROLES.filter((role) => SYSTEM_ROLE_PERMISSIONS[role].includes(name)),
    implies: PERMISSION_NAMES.filter((other) => other !== name && withImplied([name]).has(other)),
  }));
}

/** The permissions in a canonical order, without repeats. */
function canonical(permissions: readonly PermissionName[]): PermissionName[] {
  return PERMISSION_NAMES.filter((p) => permissions.includes(p));
}

/**
 * Nobody hands out more than they hold: a role given (or a custom role's permissions set) must be within the
 * caller's own permissions. Admins hold every permission, and may give reading HR personal fields, which they hold only when the tenant allows.
 */
export function refuseBeyondCaller(ctx: TenantScope, permissions: readonly string[], field: string): void {
  const held = new Set(grantedPermissions(ctx.caller) ?? []);
  // Admins appoint HR managers without reading HR personal fields themselves.
  if (held.has(PermissionName.TENANT_MANAGE)) held.add(PermissionName.HR_READ_PII);
  const beyond = permissions.filter((p) => !held.has(p));
  if (beyond.length) throw new UserInputProblem(field, `You cannot give permissions you do not hold yourself: ${beyond.join(', ')}`);
}

export async function listCustomRoles(ctx: TenantScope): Promise<CustomRole[]> {
  return ctx.tx.manager.find(CustomRole, { where: { tenantId: ctx.caller.tenantId! }, order: { name: 'ASC' } });
}

export async function findCustomRole(ctx: TenantScope, id: string, field = 'customRoleId'): Promise<CustomRole> {
  const role = await ctx.tx.manager.findOneBy(CustomRole, { uuid: id, tenantId: ctx.caller.tenantId! });
  if (!role) throw new UserInputProblem(field, 'No such custom role in this tenant', 'BAD_USER_INPUT');
  return role;
}

export interface RoleHolders {
  members: number;
  apiKeys: number;
  invitations: number;
}

/**
 * How many members, API keys (revoked ones too: they keep the role they had) and pending invitations (not yet
 * expired: accepting one gives the role) hold each role.
 */
export async function holderCounts(ctx: TenantScope, ids: readonly string[]): Promise<Map<string, RoleHolders>> {
  const rows: { id: string; members: number; api_keys: number; invitations: number }[] = await ctx.tx.manager.query(
    `SELECT r.id, (SELECT count(*) FROM memberships m WHERE m.custom_role_id = r.id)::int AS members,
            (SELECT count(*) FROM api_keys k WHERE k.custom_role_id = r.id)::int AS api_keys,
            (SELECT count(*) FROM invitations i WHERE i.custom_role_id = r.id AND i.status = 'pending' AND i.expires_at > now())::int AS invitations
     FROM roles r WHERE r.tenant_id = $1 AND r.id = ANY($2::uuid[])`,
    [ctx.caller.tenantId, [...ids]],
  );
  return new Map(rows.map((r) => [r.id, { members: r.members, apiKeys: r.api_keys, invitations: r.invitations }]));
}

const counted = (n: number, noun: string) => (n ? `${n} ${noun}${n === 1 ? '' : 's'}` : '');

export async function createCustomRole(ctx: TenantScope, input: CustomRoleCreateInput): Promise<CustomRole> {
  const permissions = canonical(input.permissions);
  refuseBeyondCaller(ctx, permissions, 'permissions');
  const inserted: { id: string }[] = await ctx.tx.manager.query(
    `INSERT INTO roles (tenant_id, name, description, permissions, created_by_id, updated_by_id) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`,
    [ctx.caller.tenantId, input.name.trim(), input.description.trim(), permissions, ctx.caller.userId],
  );
  const role = await ctx.tx.manager.findOneByOrFail(CustomRole, { uuid: inserted[0].id });
  await ctx.audit.record({
    action: 'customRole.create',
    entityType: 'CustomRole',
    entityId: role.uuid,
    entityName: role.name,
    after: { name: role.name, description: role.description, permissions },
  });
  return role;
}

export async function updateCustomRole(ctx: TenantScope, id: string, input: CustomRoleUpdateInput): Promise<CustomRole> {
  const role = await findCustomRole(ctx, id);
  const before = { name: role.name, description: role.description, permissions: role.permissions };
  const permissions = input.permissions ? canonical(input.permissions) : role.permissions;
  if (input.permissions) refuseBeyondCaller(ctx, permissions, 'permissions');
  const name = input.name?.trim() ?? role.name;
  const description = input.description?.trim() ?? role.description;
  await ctx.tx.manager.query(`UPDATE roles SET name = $2, description = $3, permissions = $4, updated_by_id = $5, updated_at = now() WHERE id = $1`, [
    role.uuid,
    name,
    description,
    permissions,
    ctx.caller.userId,
  ]);
  const updated = await ctx.tx.manager.findOneByOrFail(CustomRole, { uuid: role.uuid });
  await ctx.audit.record({
    action: 'customRole.update',
    entityType: 'CustomRole',
    entityId: role.uuid,
    entityName: updated.name,
    before,
    after: { name, description, permissions },
  });
  return updated;
}

export async function deleteCustomRole(ctx: TenantScope, id: string): Promise<string> {
  const role = await ctx.tx.manager.findOneBy(CustomRole, { uuid: id, tenantId: ctx.caller.tenantId! });
  if (!role) throw StewardError.notFound('Custom role');
  // Lock the role so that nobody is given it while it is being deleted.
  await ctx.tx.manager.query(`SELECT id FROM roles WHERE id = $1 FOR UPDATE`, [role.uuid]);
  const held = (await holderCounts(ctx, [role.uuid])).get(role.uuid) ?? { members: 0, apiKeys: 0, invitations: 0 };
  if (held.members + held.apiKeys + held.invitations > 0) {
    const who = [counted(held.members, 'member'), counted(held.apiKeys, 'API key'), counted(held.invitations, 'pending invitation')].filter(Boolean);
    const list = who.length > 1 ? `${who.slice(0, -1).join(', ')} and ${who[who.length - 1]}` : who[0];
    throw new UserInputProblem('customRoleId', `The role is held by ${list}: give them another role first`, 'CONFLICT');
  }
  // Finished invitations (accepted, revoked, expired) go with the role; the audit trail keeps what they were.
  await ctx.tx.manager.query(`DELETE FROM invitations WHERE custom_role_id = $1`, [role.uuid]);
  await ctx.tx.manager.query(`DELETE FROM roles WHERE id = $1`, [role.uuid]);
  await ctx.audit.record({
    action: 'customRole.delete',
    entityType: 'CustomRole',
    entityId: role.uuid,
    entityName: role.name,
    before: { name: role.name, description: role.description, permissions: role.permissions },
    after: null,
  });
  return role.uuid;
}

/** Checks a role to give: exactly one of a system role and a custom one, within the caller's own permissions. */
export async function roleToGive(
  ctx: TenantScope,
  role: Role | null,
  customRoleId: string | null,
): Promise<{ role: Role | null; customRole: CustomRole | null }> {
  if ((role === null) === (customRoleId === null)) throw new UserInputProblem('role', 'Give either a system role or a custom role, not both');
  const customRole = customRoleId ? await findCustomRole(ctx, customRoleId) : null;
  refuseBeyondCaller(ctx, customRole ? customRole.permissions : SYSTEM_ROLE_PERMISSIONS[role!], customRole ? 'customRoleId' : 'role');
  return { role, customRole };
}
