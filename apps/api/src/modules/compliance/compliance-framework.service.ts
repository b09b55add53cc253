import { randomUUID } from 'node:crypto';
import type { TenantScope } from '../../scope';
import { Connection, ConnectionArgs, OrderDirection } from '../../graphql/connection';
import { InputChecks, StewardError, UserInputProblem } from '../../graphql/errors';
import { expectGlobalId } from '../../graphql/global-id';
import { loader } from '../../graphql/loader';
import { byIds, readOne, readPage, Selection, SqlParams } from '../../graphql/read-model';
import { userById } from '../users';
import { ComplianceFramework } from './compliance-framework.entity';
import { ComplianceRequirement } from './compliance-requirement.entity';
import {
  ComplianceFrameworkCreateFromTemplateInput,
  ComplianceFrameworkCreateInput,
  ComplianceFrameworkFilter,
  ComplianceFrameworkUpdateInput,
  ComplianceRequirementCreateInput,
  ComplianceRequirementUpdateInput,
} from './compliance.inputs';
import { frameworkById, readFrameworkPage, requirementById } from './compliance.loaders';
import { frameworkReads } from './compliance.reads';
import { refreshReadiness } from './compliance-readiness';
import { flatten, templateByKey } from './templates';

export function listFrameworks(ctx: TenantScope, page: ConnectionArgs, filter: ComplianceFrameworkFilter | null, selection: Selection) {
  const params = new SqlParams();
  const where = [`f.tenant_id = ${params.add(ctx.caller.tenantId)}`];
  if (filter?.enabled != null) where.push(`f.enabled = ${params.add(filter.enabled)}`);
  return readPage(ctx, frameworkReads, selection, { alias: 'f', where, params }, page, {
    column: 'lower(f.name)',
    id: 'f.id',
    direction: OrderDirection.ASC,
  }) as Promise<Connection<ComplianceFramework>>;
}

export async function findFramework(ctx: TenantScope, id: string): Promise<ComplianceFramework> {
  const framework = await loader(ctx, frameworkById).load(id);
  if (!framework) throw StewardError.notFound('ComplianceFramework');
  return framework;
}

/**
 * One framework as a query reads it (the read path: the selected columns, no entity), with its tree in the same
 * statement when the query selects it (readFrameworkPage), or NOT_FOUND.
 */
export async function readFramework(ctx: TenantScope, id: string, selection: Selection): Promise<ComplianceFramework> {
  const framework = await (readFrameworkPage(ctx, id, selection) ?? readOne(ctx, frameworkReads, selection, byIds(ctx, 'f', [id])));
  if (!framework) throw StewardError.notFound('ComplianceFramework');
  return framework;
}

export async function findRequirement(ctx: TenantScope, id: string): Promise<ComplianceRequirement> {
  const requirement = await loader(ctx, requirementById).load(id);
  if (!requirement) throw StewardError.notFound('ComplianceRequirement');
  return requirement;
}

function frameworkSnapshot(f: ComplianceFramework): Record<string, unknown> {
  return { name: f.name, version: f.version, enabled: f.enabled, certifiedOn: f.certifiedOn, expiresOn: f.expiresOn, auditor: f.auditor };
}

async function reload(ctx: TenantScope, id: string): Promise<ComplianceFramework> {
  const framework = await ctx.tx.manager.findOneByOrFail(ComplianceFramework, { uuid: id });
  loader(ctx, frameworkById).clear(id).prime(id, framework);
  return framework;
}

/** `idOf` names the new rows (the framework: null; a requirement: its code); random unless the demo seed wants stable ids. */
export async function createFrameworkFromTemplate(
  ctx: TenantScope,
  input: ComplianceFrameworkCreateFromTemplateInput,
  idOf: (code: string | null) => string = () => randomUUID(),
): Promise<ComplianceFramework> {
  const template = templateByKey(input.templateKey);
  if (!template) throw new UserInputProblem('templateKey', `No template "${input.templateKey}"; see complianceFrameworkTemplates`);
  const name = input.name?.trim() || template.name;
  const [row]: { id: string }[] = await ctx.tx.manager.query(
    `INSERT INTO compliance_frameworks (id, tenant_id, name, version, description, template_key, created_by_id) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [idOf(null), ctx.caller.tenantId, name, template.version, template.description, template.key, ctx.caller.userId],
  );
  const items = flatten(template.requirements);
  // One statement for the whole tree: ids are made in SQL, parents found by code in the same insert's rows.
  await ctx.tx.manager.query(
    `WITH items AS (
       SELECT t.* FROM unnest($3::text[], $4::text[], $5::text[], $6::int[], $7::int[], $8::text[], $9::uuid[]) WITH ORDINALITY
         AS t(code, title, parent_code, depth, position, path, id, ord))
     INSERT INTO compliance_requirements (id, tenant_id, framework_id, parent_id, code, title, depth, position, path)
     SELECT i.id, $1, $2, (SELECT q.id FROM items q WHERE q.code = i.parent_code), i.code, i.title, i.depth, i.position, i.path::int[] FROM items i ORDER BY i.ord`,
    [
      ctx.caller.tenantId,
      row.id,
      items.map((i) => i.code),
      items.map((i) => i.title),
      items.map((i) => i.parent),
      items.map((i) => i.depth),
      items.map((i) => i.position),
      items.map((i) => `{${i.path.join(',')}}`),
      items.map((i) => idOf(i.code)),
    ],
  );
  await refreshReadiness(ctx);
  const framework = await reload(ctx, row.id);
  await ctx.audit.record({
    action: 'compliance_framework.create',
    entityType: 'ComplianceFramework',
    entityId: framework.uuid,
    entityName: framework.name,
    after: { ...frameworkSnapshot(framework), templateKey: template.key, requirements: items.length },
  });
  return framework;
}

export async function createFramework(ctx: TenantScope, input: ComplianceFrameworkCreateInput): Promise<ComplianceFramework> {
  const [row]: { id: string }[] = await ctx.tx.manager.query(
    `INSERT INTO compliance_frameworks (tenant_id, name, version, description, created_by_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [ctx.caller.tenantId, input.name.trim(), input.version.trim(), input.description, ctx.caller.userId],
  );
  await refreshReadiness(ctx);
  const framework = await reload(ctx, row.id);
  await ctx.audit.record({
    action: 'compliance_framework.create',
    entityType: 'ComplianceFramework',
    entityId: framework.uuid,
    entityName: framework.name,
    after: frameworkSnapshot(framework),
  });
  return framework;
}

export async function updateFramework(ctx: TenantScope, id: string, input: ComplianceFrameworkUpdateInput): Promise<ComplianceFramework> {
  const current = await findFramework(ctx, id);
  const changes: Record<string, unknown> = {};
  if (input.name !== undefined) changes.name = input.name.trim();
  if (input.version !== undefined) changes.version = input.version.trim();
  if (input.description !== undefined) changes.description = input.description;
  for (const key of ['certifiedOn', 'expiresOn', 'auditor'] as const) if (input[key] !== undefined) changes[key] = input[key];
  const certified = (changes.certifiedOn ?? current.certifiedOn) as string | null;
  const expires = (changes.expiresOn ?? current.expiresOn) as string | null;
  if (certified && expires && expires < certified) throw new UserInputProblem('expiresOn', 'expiresOn must not be before certifiedOn');
  await ctx.tx.manager.update(ComplianceFramework, { uuid: id }, { ...changes, updatedAt: new Date() });
  // A new expiry date is announced again when it comes near (see alertExpiringCertifications).
  if (changes.expiresOn !== undefined && changes.expiresOn !== current.expiresOn)
    await ctx.tx.manager.query(`UPDATE compliance_frameworks SET expiry_alerted_at = NULL WHERE tenant_id = $1 AND id = $2`, [ctx.caller.tenantId, id]);
  const framework = await reload(ctx, id);
  await ctx.audit.record({
    action: 'compliance_framework.update',
    entityType: 'ComplianceFramework',
    entityId: id,
    entityName: framework.name,
    before: frameworkSnapshot(current),
    after: frameworkSnapshot(framework),
  });
  return framework;
}

export async function setFrameworkEnabled(ctx: TenantScope, id: string, enabled: boolean): Promise<ComplianceFramework> {
  const current = await findFramework(ctx, id);
  if (current.enabled === enabled) throw new UserInputProblem('frameworkId', `The framework is already ${enabled ? 'enabled' : 'disabled'}`, 'CONFLICT');
  await ctx.tx.manager.update(ComplianceFramework, { uuid: id }, { enabled, updatedAt: new Date() });
  const framework = await reload(ctx, id);
  await ctx.audit.record({
    action: enabled ? 'compliance_framework.enable' : 'compliance_framework.disable',
    entityType: 'ComplianceFramework',
    entityId: id,
    entityName: framework.name,
    before: { enabled: current.enabled },
    after: { enabled },
  });
  return framework;
}

export async function deleteFramework(ctx: TenantScope, id: string): Promise<string> {
  const current = await findFramework(ctx, id);
  await ctx.tx.manager.query(`DELETE FROM compliance_frameworks WHERE id = $1 AND tenant_id = $2`, [id, ctx.caller.tenantId]);
  await refreshReadiness(ctx);
  await ctx.audit.record({
    action: 'compliance_framework.delete',
    entityType: 'ComplianceFramework',
    entityId: id,
    entityName: current.name,
    before: frameworkSnapshot(current),
  });
  return current.id;
}

function checkWeight(checks: InputChecks, weight: number | undefined): void {
  if (weight !== undefined && !(weight > 0 && weight <= 1000)) checks.add('weight', 'weight must be more than 0 and at most 1000');
}

async function memberId(ctx: TenantScope, checks: InputChecks, field: string, globalId: string | null | undefined): Promise<string | null | undefined> {
  if (globalId === undefined) return undefined;
  if (globalId === null) return null;
  const id = expectGlobalId(globalId, 'User', `input.${field}`);
  const [member] = await ctx.tx.manager.query(`SELECT 1 FROM memberships WHERE tenant_id = $1 AND user_id = $2`, [ctx.caller.tenantId, id]);
  if (!member) checks.add(field, 'No such member in this tenant');
  return id;
}

export async function createRequirement(ctx: TenantScope, input: ComplianceRequirementCreateInput): Promise<ComplianceRequirement> {
  const checks = new InputChecks();
  checkWeight(checks, input.weight);
  const framework = await findFramework(ctx, expectGlobalId(input.frameworkId, 'ComplianceFramework', 'input.frameworkId'));
  let parent: ComplianceRequirement | null = null;
  if (input.parentId) {
    parent = await loader(ctx, requirementById).load(expectGlobalId(input.parentId, 'ComplianceRequirement', 'input.parentId'));
    if (!parent || parent.frameworkId !== framework.uuid) checks.add('parentId', 'No such requirement in this framework');
    else if (parent.depth >= 5) checks.add('parentId', 'Requirements nest at most six levels deep');
  }
  checks.refuseIfAny();
  const [row]: { id: string }[] = await ctx.tx.manager.query(
    `INSERT INTO compliance_requirements (tenant_id, framework_id, parent_id, code, title, description, weight, evidence_required, depth, position, path)
     SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, n.position, $10::int[] || n.position
     FROM (SELECT coalesce(max(position) + 1, 0) AS position FROM compliance_requirements WHERE framework_id = $2 AND parent_id IS NOT DISTINCT FROM $3) n
     RETURNING id`,
    [
      ctx.caller.tenantId,
      framework.uuid,
      parent?.uuid ?? null,
      input.code.trim(),
      input.title.trim(),
      input.description,
      input.weight,
      input.evidenceRequired,
      parent ? parent.depth + 1 : 0,
      parent ? await pathOf(ctx, parent.uuid) : [],
    ],
  );
  await refreshReadiness(ctx);
  const requirement = await ctx.tx.manager.findOneByOrFail(ComplianceRequirement, { uuid: row.id });
  await ctx.audit.record({
    action: 'compliance_requirement.create',
    entityType: 'ComplianceRequirement',
    entityId: requirement.uuid,
    entityName: `${framework.name} ${requirement.code}`,
    after: { code: requirement.code, title: requirement.title, weight: requirement.weight, parentId: requirement.parentId },
  });
  return requirement;
}

async function pathOf(ctx: TenantScope, requirementId: string): Promise<number[]> {
  const [row]: { path: number[] }[] = await ctx.tx.manager.query(`SELECT path FROM compliance_requirements WHERE id = $1`, [requirementId]);
  return row.path;
}

async function reloadRequirement(ctx: TenantScope, id: string): Promise<ComplianceRequirement> {
  const requirement = await ctx.tx.manager.findOneByOrFail(ComplianceRequirement, { uuid: id });
  loader(ctx, requirementById).clear(id).prime(id, requirement);
  return requirement;
}

function requirementSnapshot(r: ComplianceRequirement): Record<string, unknown> {
  return {
    code: r.code,
    title: r.title,
    weight: r.weight,
    evidenceRequired: r.evidenceRequired,
    applicable: r.applicable,
    notApplicableReason: r.notApplicableReason,
    responsibleId: r.responsibleId,
    status: r.status,
  };
}

async function changeRequirement(ctx: TenantScope, action: string, current: ComplianceRequirement, changes: Record<string, unknown>) {
  await ctx.tx.manager.update(ComplianceRequirement, { uuid: current.uuid }, changes);
  await refreshReadiness(ctx);
  const requirement = await reloadRequirement(ctx, current.uuid);
  await ctx.audit.record({
    action,
    entityType: 'ComplianceRequirement',
    entityId: current.uuid,
    entityName: requirement.code,
    before: requirementSnapshot(current),
    after: requirementSnapshot(requirement),
  });
  return requirement;
}

export async function updateRequirement(ctx: TenantScope, id: string, input: ComplianceRequirementUpdateInput): Promise<ComplianceRequirement> {
  const current = await findRequirement(ctx, id);
  const checks = new InputChecks();
  checkWeight(checks, input.weight);
  const responsibleId = await memberId(ctx, checks, 'responsibleId', input.responsibleId);
  checks.refuseIfAny();
  const changes: Record<string, unknown> = {};
  if (input.code !== undefined) changes.code = input.code.trim();
  if (input.title !== undefined) changes.title = input.title.trim();
  if (input.description !== undefined) changes.description = input.description;
  if (input.weight !== undefined) changes.storedWeight = String(input.weight);
  if (input.evidenceRequired !== undefined) changes.evidenceRequired = input.evidenceRequired;
  if (responsibleId !== undefined) changes.responsibleId = responsibleId;
  return changeRequirement(ctx, 'compliance_requirement.update', current, changes);
}

export async function setRequirementApplicable(ctx: TenantScope, id: string, reason: string | null): Promise<ComplianceRequirement> {
  const current = await findRequirement(ctx, id);
  const applicable = reason === null;
  if (applicable && current.applicable) throw new UserInputProblem('requirementId', 'The requirement is already applicable', 'CONFLICT');
  return changeRequirement(ctx, applicable ? 'compliance_requirement.mark_applicable' : 'compliance_requirement.mark_not_applicable', current, {
    applicable,
    notApplicableReason: reason?.trim() ?? null,
  });
}

/**
 * Rewrites depth and path of a framework's whole tree from parent and position, in one statement:
 * after a move or a delete the tree order (ORDER BY path) follows the new positions.
 */
async function rewritePaths(ctx: TenantScope, frameworkId: string): Promise<void> {
  await ctx.tx.manager.query(
    `WITH RECURSIVE t AS (
       SELECT r.id, 0 AS depth, ARRAY[r.position] AS path FROM compliance_requirements r WHERE r.framework_id = $1 AND r.parent_id IS NULL
       UNION ALL
       SELECT r.id, t.depth + 1, t.path || r.position FROM compliance_requirements r JOIN t ON r.parent_id = t.id)
     UPDATE compliance_requirements r SET depth = t.depth, path = t.path FROM t WHERE r.id = t.id AND (r.depth <> t.depth OR r.path <> t.path)`,
    [frameworkId],
  );
}

/** Puts a requirement at another place among its siblings (0 = first); the siblings close up around it. */
export async function moveRequirement(ctx: TenantScope, id: string, position: number): Promise<ComplianceRequirement> {
  const current = await findRequirement(ctx, id);
  const siblings: { id: string }[] = await ctx.tx.manager.query(
    `SELECT id FROM compliance_requirements WHERE framework_id = $1 AND parent_id IS NOT DISTINCT FROM $2 ORDER BY position, code`,
    [current.frameworkId, current.parentId],
  );
  const order = siblings.map((s) => s.id).filter((s) => s !== id);
  const to = Math.min(position, order.length);
  order.splice(to, 0, id);
  await ctx.tx.manager.query(
    `UPDATE compliance_requirements r SET position = o.position - 1 FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, position)
     WHERE r.id = o.id AND r.position <> o.position - 1`,
    [order],
  );
  await rewritePaths(ctx, current.frameworkId);
  const requirement = await reloadRequirement(ctx, id);
  await ctx.audit.record({
    action: 'compliance_requirement.move',
    entityType: 'ComplianceRequirement',
    entityId: id,
    entityName: requirement.code,
    before: { position: current.position },
    after: { position: requirement.position },
  });
  return requirement;
}

/** Deletes a requirement with its subtree (mappings and exceptions on them go too); the framework's score follows. */
export async function deleteRequirement(ctx: TenantScope, id: string): Promise<string> {
  const current = await findRequirement(ctx, id);
  const [, removed]: [unknown, number] = await ctx.tx.manager.query(
    `WITH RECURSIVE sub AS (SELECT id FROM compliance_requirements WHERE id = $1
                            UNION ALL SELECT r.id FROM compliance_requirements r JOIN sub ON r.parent_id = sub.id)
     DELETE FROM compliance_requirements WHERE id IN (SELECT id FROM sub) AND tenant_id = $2`,
    [id, ctx.caller.tenantId],
  );
  // Close the gap among the siblings left behind.
  await ctx.tx.manager.query(
    `UPDATE compliance_requirements r SET position = s.position - 1 FROM (
       SELECT id, row_number() OVER (ORDER BY position, code) AS position FROM compliance_requirements WHERE framework_id = $1 AND parent_id IS NOT DISTINCT FROM $2) s
     WHERE r.id = s.id AND r.position <> s.position - 1`,
    [current.frameworkId, current.parentId],
  );
  await rewritePaths(ctx, current.frameworkId);
  await refreshReadiness(ctx);
  loader(ctx, requirementById).clear(id);
  await ctx.audit.record({
    action: 'compliance_requirement.delete',
    entityType: 'ComplianceRequirement',
    entityId: id,
    entityName: current.code,
    before: { ...requirementSnapshot(current), subtreeSize: removed },
  });
  return current.id;
}

export function loadUser(ctx: TenantScope, id: string | null) {
  return id ? loader(ctx, userById).load(id) : null;
}

/** How far ahead a certification's expiry is announced: the overview lists those expiring within the same window. */
export const CERTIFICATION_WARNING_DAYS = 90;

/**
 * One alert per enabled framework whose certification expires within CERTIFICATION_WARNING_DAYS of `today` (or has
 * expired), the first time the sweep sees it; a new expiry date clears the mark (updateFramework).
 */
export async function alertExpiringCertifications(ctx: TenantScope, today: string): Promise<number> {
  const alerted: { id: string }[] = await ctx.tx.manager.query(
    `WITH due AS (
       UPDATE compliance_frameworks SET expiry_alerted_at = now()
       WHERE tenant_id = $1 AND enabled AND expiry_alerted_at IS NULL AND expires_on <= $2::date + $3::int
       RETURNING id, name, version, expires_on, auditor),
     alerted AS (
       INSERT INTO alerts (tenant_id, source, severity, message)
       SELECT $1, 'compliance', CASE WHEN expires_on < $2::date THEN 'critical' ELSE 'warning' END,
              left(format('The %s certification of "%s"%s %s %s; plan the renewal audit',
                          version, name, CASE WHEN auditor IS NULL OR auditor = '' THEN '' ELSE format(' (auditor %s)', auditor) END,
                          CASE WHEN expires_on < $2::date THEN 'expired on' ELSE 'expires on' END, to_char(expires_on, 'FMDD FMMonth YYYY')), 500)
       FROM due
       RETURNING id)
     SELECT id FROM due`,
    [ctx.caller.tenantId, today, CERTIFICATION_WARNING_DAYS],
  );
  return alerted.length;
}
