import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { In } from 'typeorm';
import type { TenantScope } from '../../scope';
import { byKey, groupedByKey } from '../../graphql/loader';
import { readLoaderKey, readRows, Selection } from '../../graphql/read-model';
import { ComplianceControl } from './compliance-control.entity';
import { ComplianceEvidence, ComplianceEvidenceEvent } from './compliance-evidence.entity';
import { ComplianceException } from './compliance-exception.entity';
import { ComplianceFramework } from './compliance-framework.entity';
import { ComplianceRequirement } from './compliance-requirement.entity';
import { controlReads, frameworkReads, requirementReads } from './compliance.reads';

const tenant = (ctx: TenantScope) => ctx.caller.tenantId!;

export const frameworkById = (ctx: TenantScope) =>
  new DataLoader<string, ComplianceFramework | null>(async (ids) =>
    byKey(ids, await ctx.tx.manager.findBy(ComplianceFramework, { uuid: In([...ids]), tenantId: tenant(ctx) }), (f) => f.uuid),
  );

export const requirementById = (ctx: TenantScope) =>
  new DataLoader<string, ComplianceRequirement | null>(async (ids) =>
    byKey(ids, await ctx.tx.manager.findBy(ComplianceRequirement, { uuid: In([...ids]), tenantId: tenant(ctx) }), (r) => r.uuid),
  );

export const controlById = (ctx: TenantScope) =>
  new DataLoader<string, ComplianceControl | null>(async (ids) =>
    byKey(ids, await ctx.tx.manager.findBy(ComplianceControl, { uuid: In([...ids]), tenantId: tenant(ctx) }), (c) => c.uuid),
  );

export const exceptionById = (ctx: TenantScope) =>
  new DataLoader<string, ComplianceException | null>(async (ids) =>
    byKey(ids, await ctx.tx.manager.findBy(ComplianceException, { uuid: In([...ids]), tenantId: tenant(ctx) }), (x) => x.uuid),
  );

export const evidenceById = (ctx: TenantScope) =>
  new DataLoader<string, ComplianceEvidence | null>(async (ids) =>
    byKey(ids, await ctx.tx.manager.findBy(ComplianceEvidence, { uuid: In([...ids]), tenantId: tenant(ctx) }), (e) => e.uuid),
  );

/** The statement reading the controls mapped to a set of requirements, by name, with what `selection` selects of them. */
function controlsOfRequirementsRead(ctx: TenantScope, selection: Selection) {
  const plan = controlReads.plan(ctx.app.dataSource, 'r', selection);
  const sql = `SELECT ${plan.select}, m.requirement_id::text AS parent_key
    FROM compliance_control_requirements m JOIN compliance_controls r ON r.id = m.control_id${plan.joins}
    WHERE m.requirement_id = ANY($1::uuid[]) ORDER BY lower(r.name), r.id`;
  return async (ids: readonly string[]): Promise<Map<string, ComplianceControl[]>> => {
    const groups = new Map<string, ComplianceControl[]>(ids.map((id) => [id, []]));
    for (const row of await readRows(ctx, sql, [ids])) groups.get(row.parent_key as string)?.push(plan.map(row));
    return groups;
  };
}

/**
 * The controls mapped to each of `ids` (a tree's requirements), by name, each read with what `selection` selects (the
 * read path, no entity hydration): one statement. The framework page reads them with the tree and hands each
 * requirement its list, so `controls` is answered without a promise per requirement.
 */
export function controlsOfRequirements(ctx: TenantScope, selection: Selection, ids: readonly string[]): Promise<Map<string, ComplianceControl[]>> {
  return controlsOfRequirementsRead(ctx, selection)(ids);
}

/** Controls a framework's tree read for each of its requirements (see {@link requirementTreeFor}), kept on the requirement object. */
const TREE_CONTROLS = Symbol('compliance tree controls');
type WithControls = ComplianceRequirement & { [TREE_CONTROLS]?: ComplianceControl[] };

/** The controls the tree's statement read for `requirement`, or undefined when it was read otherwise. */
export function treeControlsOf(requirement: ComplianceRequirement): ComplianceControl[] | undefined {
  return (requirement as WithControls)[TREE_CONTROLS];
}

/**
 * Each framework's whole requirement tree in tree order, for every framework asked for in the same tick,
 * with what the field's selection reads: the selected columns, each parent joined in, and, when `controls` is
 * selected, each requirement's controls by name as a JSON list in the same statement (one statement for the
 * framework page, no row per mapping). When the controls' selection reads a column JSON would not carry
 * exactly, they are a second statement for the whole tree instead. Either way each requirement is handed its
 * controls, so `controls` costs no promise per requirement.
 */
export function requirementTreeFor(ctx: TenantScope, info: GraphQLResolveInfo): DataLoader<string, ComplianceRequirement[]> {
  let perField = ctx.loaders.get(REQUIREMENT_TREES) as WeakMap<object, DataLoader<string, ComplianceRequirement[]>> | undefined;
  if (!perField) ctx.loaders.set(REQUIREMENT_TREES, (perField = new WeakMap()));
  let found = perField.get(info.fieldNodes);
  if (found) return found;
  const selection = Selection.of(info);
  const plan = requirementReads.plan(ctx.app.dataSource, 'r', selection);
  const withControls = selection.has('controls');
  const inline = withControls ? controlReads.jsonPlan(ctx.app.dataSource, 'k', selection.child('controls')) : null;
  const controlsColumn = inline
    ? `, (SELECT json_agg(${inline.array} ORDER BY lower(k.name), k.id)
         FROM compliance_control_requirements m JOIN compliance_controls k ON k.id = m.control_id${inline.joins} WHERE m.requirement_id = r.id) AS tree_controls`
    : '';
  const sql = `SELECT ${plan.select}, r.framework_id::text AS parent_key${controlsColumn}
    FROM compliance_requirements r${plan.joins} WHERE r.framework_id = ANY($1::uuid[]) ORDER BY r.path`;
  found = new DataLoader<string, ComplianceRequirement[]>(async (ids) => {
    const groups = new Map<string, ComplianceRequirement[]>(ids.map((id) => [id, []]));
    const all: WithControls[] = [];
    for (const row of await readRows(ctx, sql, [ids])) {
      const requirement = plan.map(row) as WithControls;
      if (inline) requirement[TREE_CONTROLS] = ((row.tree_controls as unknown[][] | null) ?? []).map(inline.map);
      groups.get(row.parent_key as string)?.push(requirement);
      all.push(requirement);
    }
    if (withControls && !inline && all.length) {
      const controls = await controlsOfRequirements(
        ctx,
        selection.child('controls'),
        all.map((r) => r.uuid),
      );
      for (const r of all) r[TREE_CONTROLS] = controls.get(r.uuid) ?? [];
    }
    return ids.map((id) => groups.get(id)!);
  });
  perField.set(info.fieldNodes, found);
  return found;
}
const REQUIREMENT_TREES = readLoaderKey('compliance:requirement-trees');

/** A framework's tree read with the framework itself (see {@link readFrameworkPage}), kept on the framework object. */
const PAGE_TREE = Symbol('compliance framework page tree');
type WithTree = ComplianceFramework & { [PAGE_TREE]?: ComplianceRequirement[] };

/** The tree read with `framework` by {@link readFrameworkPage}, or undefined when it was read alone. */
export function pageTreeOf(framework: ComplianceFramework): ComplianceRequirement[] | undefined {
  return (framework as WithTree)[PAGE_TREE];
}

/**
 * The framework page in one statement: the framework's selected columns and, when `requirements` is selected, its
 * whole tree in tree order as one JSON value built by PostgreSQL (each requirement's selected columns, its parent
 * and its controls by name as nested lists), parsed by one JSON.parse and mapped onto the GraphQL classes, as the
 * read path does for rows. Undefined when the tree's selection reads a column JSON would not carry exactly (the
 * caller then reads the framework and its tree the usual way); null when there is no such framework.
 */
export function readFrameworkPage(ctx: TenantScope, id: string, selection: Selection): Promise<ComplianceFramework | null> | undefined {
  if (!selection.has('requirements')) return undefined;
  const dataSource = ctx.app.dataSource;
  const treeSelection = selection.child('requirements');
  const tree = requirementReads.jsonPlan(dataSource, 'r', treeSelection);
  const controls = treeSelection.has('controls') ? controlReads.jsonPlan(dataSource, 'k', treeSelection.child('controls')) : undefined;
  if (!tree || controls === null) return undefined;
  const plan = frameworkReads.plan(dataSource, 'f', selection);
  const controlsOfEach = controls
    ? `, (SELECT coalesce(json_agg(${controls.array} ORDER BY lower(k.name), k.id), '[]')
          FROM compliance_control_requirements m JOIN compliance_controls k ON k.id = m.control_id${controls.joins} WHERE m.requirement_id = r.id)`
    : '';
  const sql = `SELECT ${plan.select}, (SELECT json_agg(json_build_array(${tree.array}${controlsOfEach}) ORDER BY r.path)
      FROM compliance_requirements r${tree.joins} WHERE r.framework_id = f.id) AS page_tree
    FROM compliance_frameworks f${plan.joins} WHERE f.tenant_id = $1 AND f.id = $2`;
  return readRows(ctx, sql, [tenant(ctx), id]).then(([row]) => {
    if (!row) return null;
    const framework = plan.map(row) as WithTree;
    framework[PAGE_TREE] = ((row.page_tree as [unknown[], unknown[][]][] | null) ?? []).map(([values, mapped]) => {
      const requirement = tree.map(values) as WithControls;
      if (controls) requirement[TREE_CONTROLS] = mapped.map(controls.map);
      return requirement;
    });
    return framework;
  });
}

/** The same per requirement, for requirements read one by one (a control's or an exception's): one statement per field of the query. */
export function controlsByRequirementFor(ctx: TenantScope, info: GraphQLResolveInfo): DataLoader<string, ComplianceControl[]> {
  let perField = ctx.loaders.get(CONTROLS_OF_REQUIREMENTS) as WeakMap<object, DataLoader<string, ComplianceControl[]>> | undefined;
  if (!perField) ctx.loaders.set(CONTROLS_OF_REQUIREMENTS, (perField = new WeakMap()));
  let found = perField.get(info.fieldNodes);
  if (!found) {
    const read = controlsOfRequirementsRead(ctx, Selection.of(info));
    found = new DataLoader<string, ComplianceControl[]>(async (ids) => {
      const groups = await read(ids);
      return ids.map((id) => groups.get(id)!);
    });
    perField.set(info.fieldNodes, found);
  }
  return found;
}
const CONTROLS_OF_REQUIREMENTS = 'compliance:controls-of-requirements';

/** Requirements each control is mapped to, in framework and tree order. */
export const requirementsByControl = (ctx: TenantScope) =>
  new DataLoader<string, ComplianceRequirement[]>(async (ids) => {
    const rows: { control_id: string; id: string }[] = await ctx.tx.manager.query(
      `SELECT m.control_id, r.id FROM compliance_control_requirements m JOIN compliance_requirements r ON r.id = m.requirement_id
       JOIN compliance_frameworks f ON f.id = r.framework_id
       WHERE m.tenant_id = $1 AND m.control_id = ANY($2::uuid[]) ORDER BY lower(f.name), r.path`,
      [tenant(ctx), [...ids]],
    );
    const requirements = await ctx.tx.manager.findBy(ComplianceRequirement, { uuid: In([...new Set(rows.map((r) => r.id))]), tenantId: tenant(ctx) });
    const byId = new Map(requirements.map((r) => [r.uuid, r]));
    return groupedByKey(ids, rows, (r) => r.control_id).map((list) => list.map((r) => byId.get(r.id)!).filter(Boolean));
  });

/** Policies linked to each control (their ids; the policies come from the policies module's loader). */
export const policyIdsByControl = (ctx: TenantScope) =>
  new DataLoader<string, string[]>(async (ids) => {
    const rows: { control_id: string; policy_id: string }[] = await ctx.tx.manager.query(
      `SELECT cp.control_id, cp.policy_id FROM compliance_control_policies cp JOIN policies p ON p.id = cp.policy_id
       WHERE cp.tenant_id = $1 AND cp.control_id = ANY($2::uuid[]) ORDER BY lower(p.name)`,
      [tenant(ctx), [...ids]],
    );
    return groupedByKey(ids, rows, (r) => r.control_id).map((list) => list.map((r) => r.policy_id));
  });

/** Each control's evidence, newest first. */
export const evidenceByControl = (ctx: TenantScope) =>
  new DataLoader<string, ComplianceEvidence[]>(async (ids) => {
    const rows = await ctx.tx.manager.find(ComplianceEvidence, {
      where: { tenantId: tenant(ctx), controlId: In([...ids]) },
      order: { createdAt: 'DESC' },
    });
    return groupedByKey(ids, rows, (e) => e.controlId);
  });

/** The active exception of each control or requirement (keys are ids of either), if any. */
export const activeExceptionBySubject = (ctx: TenantScope) =>
  new DataLoader<string, ComplianceException | null>(async (ids) => {
    const rows = await ctx.tx.manager
      .createQueryBuilder(ComplianceException, 'x')
      .where('x.tenant_id = :tenant AND x.revoked_at IS NULL AND x.expires_at > now()', { tenant: tenant(ctx) })
      .andWhere('(x.control_id IN (:...ids) OR x.requirement_id IN (:...ids))', { ids: [...ids] })
      .orderBy('x.expires_at', 'DESC')
      .getMany();
    return ids.map((id) => rows.find((x) => x.controlId === id || x.requirementId === id) ?? null);
  });

export const evidenceTrail = (ctx: TenantScope) =>
  new DataLoader<string, ComplianceEvidenceEvent[]>(async (ids) => {
    const rows: (ComplianceEvidenceEvent & { evidence_id: string })[] = await ctx.tx.manager.query(
      `SELECT evidence_id, action, actor_user_id AS "actorUserId", at, comment FROM compliance_evidence_events
       WHERE tenant_id = $1 AND evidence_id = ANY($2::uuid[]) ORDER BY at, id`,
      [tenant(ctx), [...ids]],
    );
    return groupedByKey(ids, rows, (r) => r.evidence_id);
  });

/** Score history per framework for the last `days` days, oldest first. Key: `${frameworkId}:${days}`. */
export const scoreHistory = (ctx: TenantScope) =>
  new DataLoader<string, { day: string; score: number | null; metRequirementCount: number; applicableRequirementCount: number }[]>(async (keys) => {
    const parsed = keys.map((k) => k.split(':'));
    const rows: { framework_id: string; day: string; score: string | null; met_count: number; applicable_count: number }[] = await ctx.tx.manager.query(
      `SELECT framework_id, day::text, score, met_count, applicable_count FROM compliance_score_snapshots
       WHERE tenant_id = $1 AND framework_id = ANY($2::uuid[]) AND day > current_date - $3::int ORDER BY day`,
      [tenant(ctx), parsed.map(([id]) => id), Math.max(...parsed.map(([, d]) => Number(d)))],
    );
    return parsed.map(([id, days]) =>
      rows
        .filter((r) => r.framework_id === id && r.day > new Date(Date.now() - Number(days) * 86400000).toISOString().slice(0, 10))
        .map((r) => ({
          day: r.day,
          score: r.score == null ? null : Number(r.score),
          metRequirementCount: r.met_count,
          applicableRequirementCount: r.applicable_count,
        })),
    );
  });

/**
 * Which controls cover agents the caller created: a control linked to a policy that has decided on such an
 * agent. The compliance rules let developers read those controls (and only those) with it.
 */
export const controlCoversCallerAgents = (ctx: TenantScope) =>
  new DataLoader<string, boolean>(async (ids) => {
    if (!ctx.caller.userId) return ids.map(() => false);
    const rows: { control_id: string }[] = await ctx.tx.manager.query(
      `SELECT DISTINCT cp.control_id FROM compliance_control_policies cp
       JOIN policy_decisions d ON d.tenant_id = cp.tenant_id AND d.policy_id = cp.policy_id
       JOIN agents a ON a.id = d.agent_id
       WHERE cp.tenant_id = $1 AND cp.control_id = ANY($2::uuid[]) AND a.created_by_id = $3`,
      [tenant(ctx), [...ids], ctx.caller.userId],
    );
    const covered = new Set(rows.map((r) => r.control_id));
    return ids.map((id) => covered.has(id));
  });
