import type { TenantScope } from '../../scope';
import { Connection, ConnectionArgs, OrderDirection } from '../../graphql/connection';
import { connectionOf, PARENT } from '../../graphql/connection-per-parent';
import { checkJsonSize } from '../../graphql/json-input';
import { writableAgent } from '../agents';
import { InputChecks, StewardError, UserInputProblem } from '../../graphql/errors';
import { loader } from '../../graphql/loader';
import { SkillInstallation } from './skill-installation.entity';
import { SkillStatus } from './skill.entity';
import { SkillInstallInput } from './skill.inputs';
import { installationById, skillById } from './skill.loaders';
import { checkPermissions, lockedSkill } from './skill.service';
import { installationReads } from './skill.reads';
import { byIds, readList, Selection } from '../../graphql/read-model';

/** A skill's installations, latest first; those of a whole page of skills are read together (see connectionOf). */
export function listInstallationsOfSkill(
  ctx: TenantScope,
  skillId: string,
  page: ConnectionArgs,
  selection: Selection,
): Promise<Connection<SkillInstallation>> {
  return connectionOf(ctx, skillId, page, {
    key: `skill.installations:${installationReads.plan(ctx.app.dataSource, 'r', selection).select}`,
    query: () =>
      ctx.tx.manager.createQueryBuilder(SkillInstallation, 'i').where(`i.tenant_id = :tenant AND i.skill_id = ${PARENT}`, { tenant: ctx.caller.tenantId }),
    sort: { column: 'i.installed_at', id: 'i.id', direction: OrderDirection.DESC, idOf: (i) => i.uuid, cast: 'timestamptz' },
    load: (ids) => readList(ctx, installationReads, selection, byIds(ctx, 'r', ids)),
  });
}

export async function installSkill(ctx: TenantScope, agentId: string, skillId: string, input: SkillInstallInput): Promise<SkillInstallation> {
  checkJsonSize('config', input.config);
  const granted = checkPermissions('grantedPermissions', input.grantedPermissions);
  const agent = await writableAgent(ctx, agentId, 'agentId');
  // Locking the skill serialises installs of it, so its install count stays exact.
  const skill = await lockedSkill(ctx, skillId);
  if (skill.status !== SkillStatus.PUBLISHED)
    throw new UserInputProblem('skillId', `${skill.name} is ${skill.status}; only published skills can be installed`, 'CONFLICT');
  const checks = new InputChecks();
  if (!skill.compatibleRoles.includes(agent.role)) {
    checks.add('agentId', `${skill.name} works with ${skill.compatibleRoles.join(' or ')} agents; ${agent.name} is a ${agent.role} agent`);
  }
  const missing = skill.permissions.filter((p) => !granted.includes(p));
  if (missing.length) checks.add('grantedPermissions', `${skill.name} needs every permission it asks for; not granted: ${missing.join(', ')}`);
  const extra = granted.filter((p) => !skill.permissions.includes(p));
  if (extra.length) checks.add('grantedPermissions', `${skill.name} does not ask for ${extra.join(', ')}; grant only what it asks for`);
  checks.refuseIfAny();
  const inserted: { id: string }[] = await ctx.tx.manager.query(
    `INSERT INTO skill_installations (tenant_id, agent_id, skill_id, config, granted_permissions, installed_by_id)
     VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (tenant_id, agent_id, skill_id) DO NOTHING RETURNING id`,
    [ctx.caller.tenantId, agent.id, skill.uuid, input.config ?? {}, skill.permissions, ctx.caller.userId],
  );
  if (!inserted.length) throw new UserInputProblem('skillId', `${skill.name} is already installed on ${agent.name}`, 'CONFLICT');
  await ctx.tx.manager.query(`UPDATE skills SET install_count = install_count + 1 WHERE id = $1`, [skill.uuid]);
  await ctx.audit.record({
    action: 'skill.install',
    entityType: 'Agent',
    entityId: agent.id,
    entityName: agent.name,
    after: { skill: skill.name, version: skill.version, grantedPermissions: skill.permissions, configKeys: Object.keys(input.config ?? {}) },
  });
  forget(ctx, agent.id, skill.uuid);
  return ctx.tx.manager.findOneByOrFail(SkillInstallation, { uuid: inserted[0].id });
}

export async function uninstallSkill(ctx: TenantScope, installationId: string): Promise<{ agentId: string; skillId: string }> {
  const installation = await loader(ctx, installationById).load(installationId);
  if (!installation) throw StewardError.notFound('Skill installation');
  const agent = await writableAgent(ctx, installation.agentId, 'installationId');
  const skill = await lockedSkill(ctx, installation.skillId);
  const [deleted]: [unknown[], number] = await ctx.tx.manager.query(`DELETE FROM skill_installations WHERE id = $1 RETURNING id`, [installation.uuid]);
  if (!deleted.length) throw StewardError.notFound('Skill installation');
  await ctx.tx.manager.query(`UPDATE skills SET install_count = install_count - 1 WHERE id = $1`, [skill.uuid]);
  await ctx.audit.record({
    action: 'skill.uninstall',
    entityType: 'Agent',
    entityId: agent.id,
    entityName: agent.name,
    before: { skill: skill.name, version: skill.version, grantedPermissions: installation.grantedPermissions },
  });
  forget(ctx, agent.id, skill.uuid);
  loader(ctx, installationById).clear(installation.uuid);
  return { agentId: agent.id, skillId: skill.uuid };
}

/** What this request's loaders knew before the change, so the payload reads it afresh. */
function forget(ctx: TenantScope, agentId: string, skillId: string): void {
  loader(ctx, skillById).clear(skillId);
}
