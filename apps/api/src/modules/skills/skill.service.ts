import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { TenantScope } from '../../scope';
import { Connection, ConnectionArgs, OrderDirection } from '../../graphql/connection';
import { InputChecks, StewardError, UserInputProblem } from '../../graphql/errors';
import { readPage, Selection, SqlParams } from '../../graphql/read-model';
import { loader } from '../../graphql/loader';
import { likePattern } from '../../graphql/search';
import { AgentRole } from '../agents';
import { Skill, SkillStatus } from './skill.entity';
import { SkillCreateInput, SkillFilter, SkillOrder, SkillOrderField, SkillUpdateInput } from './skill.inputs';
import { SkillLifecycleAction, nextSkillStatus } from './skill.lifecycle';
import { skillById } from './skill.loaders';
import { skillReads } from './skill.reads';

const PERMISSION = /^[a-z][a-z_]*:[a-z0-9][a-z0-9_.-]*$/;

const ORDER: Record<SkillOrderField, { column: string; cast: string }> = {
  [SkillOrderField.NAME]: { column: 'lower(s.name)', cast: 'text' },
  [SkillOrderField.RATING]: { column: 's.rating', cast: 'numeric' },
  [SkillOrderField.INSTALL_COUNT]: { column: 's.install_count', cast: 'integer' },
  [SkillOrderField.CREATED_AT]: { column: 's.created_at', cast: 'timestamptz' },
};

export function listSkills(
  ctx: TenantScope,
  page: ConnectionArgs,
  filter: SkillFilter | null,
  order: SkillOrder | null,
  selection: Selection,
): Promise<Connection<Skill>> {
  const params = new SqlParams();
  const where = [`s.tenant_id = ${params.add(ctx.caller.tenantId)}`];
  if (filter?.search?.trim()) {
    const pattern = params.add(likePattern(filter.search));
    where.push(`(s.name ILIKE ${pattern} OR s.description ILIKE ${pattern})`);
  }
  if (filter?.categories?.length) where.push(`s.category = ANY(${params.add(filter.categories)}::text[])`);
  if (filter?.statuses?.length) where.push(`s.status = ANY(${params.add(filter.statuses)}::text[])`);
  else where.push(`s.status <> 'removed'`);
  if (filter?.compatibleWith) where.push(`${params.add(filter.compatibleWith)}::text = ANY(s.compatible_roles)`);
  const { column, cast } = ORDER[order?.field ?? SkillOrderField.CREATED_AT];
  return readPage(ctx, skillReads, selection, { alias: 's', where, params }, page, {
    column,
    cast,
    id: 's.id',
    direction: order?.direction ?? OrderDirection.DESC,
  });
}

export async function findSkill(ctx: TenantScope, skillId: string): Promise<Skill> {
  const skill = await loader(ctx, skillById).load(skillId);
  if (!skill) throw StewardError.notFound('Skill');
  return skill;
}

export function skillSnapshot(s: Skill): Record<string, unknown> {
  return { name: s.name, category: s.category, version: s.version, compatibleRoles: s.compatibleRoles, permissions: s.permissions, status: s.status };
}

function checkRoles(roles: AgentRole[]): AgentRole[] {
  if (!roles.length) throw new UserInputProblem('compatibleRoles', 'Name at least one agent role the skill works with');
  return [...new Set(roles)];
}

/** Permissions, trimmed and de-duplicated, each shaped like "read:repo". */
export function checkPermissions(field: string, permissions: string[]): string[] {
  const cleaned = [...new Set(permissions.map((p) => p.trim()))];
  const malformed = cleaned.filter((p) => !PERMISSION.test(p));
  if (malformed.length)
    throw new UserInputProblem(field, `${field} must look like "read:repo" (action:resource, lower case); not ${malformed.map((p) => `"${p}"`).join(', ')}`);
  return cleaned;
}

/** The tenant's skill, its row locked against concurrent changes (and installs) until the request ends. */
export async function lockedSkill(ctx: TenantScope, skillId: string): Promise<Skill> {
  const skill = await ctx.tx.manager
    .createQueryBuilder(Skill, 's')
    .where('s.id = :id AND s.tenant_id = :tenant', { id: skillId, tenant: ctx.caller.tenantId })
    .setLock('for_no_key_update')
    .getOne();
  if (!skill) throw StewardError.notFound('Skill');
  return skill;
}

async function saved(ctx: TenantScope, skillId: string): Promise<Skill> {
  const fresh = await ctx.tx.manager.findOneByOrFail(Skill, { uuid: skillId });
  loader(ctx, skillById).clear(skillId).prime(skillId, fresh);
  return fresh;
}

export async function createSkill(ctx: TenantScope, input: SkillCreateInput): Promise<Skill> {
  const name = input.name.trim();
  const checks = new InputChecks();
  const compatibleRoles = checks.check(() => checkRoles(input.compatibleRoles));
  const permissions = checks.check(() => checkPermissions('permissions', input.permissions));
  checks.refuseIfAny();
  const [{ id }] = await ctx.tx.manager.query(
    `INSERT INTO skills (tenant_id, name, description, category, version, compatible_roles, permissions, created_by_id)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
    [ctx.caller.tenantId, name, input.description.trim(), input.category, input.version.trim(), compatibleRoles, permissions, ctx.caller.userId],
  );
  const skill = await saved(ctx, id);
  await ctx.audit.record({ action: 'skill.create', entityType: 'Skill', entityId: skill.uuid, entityName: skill.name, after: skillSnapshot(skill) });
  return skill;
}

export async function updateSkill(ctx: TenantScope, skillId: string, input: SkillUpdateInput): Promise<Skill> {
  const current = await lockedSkill(ctx, skillId);
  if (current.status === SkillStatus.REMOVED) throw new UserInputProblem('skillId', 'The skill was removed from the marketplace and is read-only', 'CONFLICT');
  const changes: Partial<Skill> = {};
  if (input.name != null && input.name.trim() !== current.name) {
    changes.name = input.name.trim();
  }
  if (input.description != null) changes.description = input.description.trim();
  if (input.category != null) changes.category = input.category;
  if (input.version != null) changes.version = input.version.trim();
  if (input.compatibleRoles != null || input.permissions != null) {
    // Installations were consented to against these: a published skill keeps them, a new skill changes them.
    if (current.status !== SkillStatus.DRAFT) {
      throw new UserInputProblem(
        input.permissions != null ? 'permissions' : 'compatibleRoles',
        `A ${current.status} skill keeps its compatible roles and permissions; create a new skill to change them`,
        'CONFLICT',
      );
    }
    const checks = new InputChecks();
    if (input.compatibleRoles != null) changes.compatibleRoles = checks.check(() => checkRoles(input.compatibleRoles!));
    if (input.permissions != null) changes.permissions = checks.check(() => checkPermissions('permissions', input.permissions!));
    checks.refuseIfAny();
  }
  await ctx.tx.manager.update(Skill, { uuid: current.uuid }, { ...changes, updatedAt: new Date() } as QueryDeepPartialEntity<Skill>);
  const skill = await saved(ctx, current.uuid);
  await ctx.audit.record({
    action: 'skill.update',
    entityType: 'Skill',
    entityId: skill.uuid,
    entityName: skill.name,
    before: skillSnapshot(current),
    after: skillSnapshot(skill),
  });
  return skill;
}

export async function changeSkillLifecycle(ctx: TenantScope, skillId: string, action: SkillLifecycleAction, reason: string | undefined): Promise<Skill> {
  const current = await lockedSkill(ctx, skillId);
  const outcome = nextSkillStatus(current.status, action);
  if ('refusal' in outcome) throw new UserInputProblem('skillId', outcome.refusal, 'CONFLICT');
  await ctx.tx.manager.update(Skill, { uuid: current.uuid }, { status: outcome.status, updatedAt: new Date() });
  const skill = await saved(ctx, current.uuid);
  await ctx.audit.record({
    action: `skill.${action}`,
    entityType: 'Skill',
    entityId: skill.uuid,
    entityName: skill.name,
    before: { status: current.status },
    after: { status: skill.status, ...(reason ? { reason } : {}) },
  });
  return skill;
}
