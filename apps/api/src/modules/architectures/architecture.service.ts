import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { TenantScope } from '../../scope';
import { Connection, ConnectionArgs, OrderDirection } from '../../graphql/connection';
import { InputChecks, StewardError, UserInputProblem } from '../../graphql/errors';
import { loader } from '../../graphql/loader';
import { readPage, Selection, SqlParams } from '../../graphql/read-model';
import { likePattern } from '../../graphql/search';
import { UserErrorCode } from '../../graphql/user-error';
import { ApprovalSubjectKind, openApprovalRequest, registerHeldChangeHandler, SECOND_PERSON_STEP } from '../approvals';
import { ArchitectureChange, evaluateArchitectureChange, PolicyEnforcement, recordArchitectureEvaluation, registerDesignLoader } from '../policies';
import { Architecture, ArchitectureDesign, ArchitectureStatus, ArchitectureVersion } from './architecture.entity';
import { applyToggles, architectureSnapshot, checkRegion, cleanServices, componentsOf, DesignDiff, diffDesigns } from './architecture.design';
import { estimate } from './architecture.estimate';
import { ArchitectureCreateInput, ArchitectureFilter, ArchitectureUpdateInput } from './architecture.inputs';
import { ArchitectureAction, nextArchitectureStatus } from './architecture.lifecycle';
import { architectureById } from './architecture.loaders';
import { ArchitecturePayload } from './architecture.payloads';
import { architectureReads } from './architecture.reads';

export function listArchitectures(
  ctx: TenantScope,
  page: ConnectionArgs,
  filter: ArchitectureFilter | null,
  selection: Selection,
): Promise<Connection<Architecture>> {
  const params = new SqlParams();
  const where = [`r.tenant_id = ${params.add(ctx.caller.tenantId)}`];
  if (filter?.statuses?.length) where.push(`r.status = ANY(${params.add(filter.statuses)}::text[])`);
  if (filter?.cloudProviders?.length) where.push(`r.cloud_provider = ANY(${params.add(filter.cloudProviders)}::text[])`);
  if (filter?.environments?.length) where.push(`r.environment = ANY(${params.add(filter.environments)}::text[])`);
  if (filter?.search?.trim()) where.push(`r.name ILIKE ${params.add(likePattern(filter.search))}`);
  return readPage(ctx, architectureReads, selection, { alias: 'r', where, params }, page, {
    column: 'r.created_at',
    id: 'r.id',
    direction: OrderDirection.DESC,
    cast: 'timestamptz',
  });
}

export async function findArchitecture(ctx: TenantScope, id: string): Promise<Architecture> {
  const architecture = await loader(ctx, architectureById).load(id);
  if (!architecture) throw StewardError.notFound('Architecture');
  return architecture;
}

async function lockedArchitecture(ctx: TenantScope, id: string): Promise<Architecture> {
  const found = await ctx.tx.manager
    .createQueryBuilder(Architecture, 'r')
    .setLock('pessimistic_write')
    .where('r.id = :id AND r.tenant_id = :tenant', { id, tenant: ctx.caller.tenantId })
    .getOne();
  if (!found) throw StewardError.notFound('Architecture');
  return found;
}

export function designOf(a: Pick<Architecture, keyof ArchitectureDesign>): ArchitectureDesign {
  return {
    name: a.name,
    description: a.description,
    cloudProvider: a.cloudProvider,
    region: a.region,
    environment: a.environment,
    tags: a.tags,
    components: a.components,
    services: a.services,
  };
}

const snapshotOf = (a: Architecture) => architectureSnapshot({ ...designOf(a), status: a.status, estimatedCost: a.estimatedCost });

function cleanTags(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
}

async function addVersion(ctx: TenantScope, a: Architecture, reason: 'create' | 'save' | 'activate'): Promise<void> {
  await ctx.tx.manager.query(
    `INSERT INTO architecture_versions (tenant_id, architecture_id, version, reason, design, estimated_cost, created_by_id) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
    [ctx.caller.tenantId, a.uuid, a.version, reason, JSON.stringify(designOf(a)), a.estimatedCost, ctx.caller.userId],
  );
}

/** How to make a held change again once it is approved: the same service call, marked approved. */
type ArchitectureReplay =
  | { op: 'create'; architectureId: string; input: ArchitectureCreateInput; createdById: string | null }
  | { op: 'update'; architectureId: string; input: ArchitectureUpdateInput }
  | { op: 'lifecycle'; architectureId: string; action: ArchitectureAction };

/** The approval request a change is applied on, if any. */
interface ApprovedBy {
  requestId: string;
}

const VERBS: Record<ArchitectureChange['action'], string> = { create: 'Create', update: 'Save', activate: 'Activate', archive: 'Archive' };

/**
 * Every change to an architecture passes the tenant's architecture policies in the request's
 * transaction: a block refuses it (recording the violations and a denied audit entry), a
 * require-approval rule holds it unapplied on an approval request (unless this is that request's
 * approval applying it), a warn applies it and reports.
 */
async function governed(
  ctx: TenantScope,
  change: ArchitectureChange,
  name: string,
  replay: ArchitectureReplay,
  approvedBy: ApprovedBy | undefined,
  apply: () => Promise<void>,
  heldRequestId?: string,
): Promise<ArchitecturePayload> {
  const evaluation = await evaluateArchitectureChange(ctx, change, approvedBy !== undefined);
  const action = `architecture.${change.action}`;
  const warnings = evaluation.findings.filter((f) => f.enforcement === PolicyEnforcement.WARN);
  if (evaluation.blocked) {
    const violations = evaluation.findings.filter((f) => f.enforcement === PolicyEnforcement.BLOCK);
    await recordArchitectureEvaluation(ctx, evaluation, false);
    await ctx.audit.record({
      action,
      entityType: 'Architecture',
      entityId: change.before ? change.architectureId : null,
      entityName: name,
      outcome: 'denied',
      errorCode: 'POLICY_VIOLATION',
      before: change.before,
      after: { ...change.after, refusedBy: violations.map((v) => `${v.policyName} / ${v.ruleName}`) },
    });
    return {
      architecture: null,
      heldForApproval: null,
      policyHolds: [],
      policyWarnings: [],
      policyViolations: violations,
      userErrors: violations.map((v) => ({ field: null, message: `${v.policyName}: ${v.message}`, code: UserErrorCode.POLICY_VIOLATION })),
    };
  }
  if (evaluation.held) {
    const holds = evaluation.findings.filter((f) => f.enforcement === PolicyEnforcement.REQUIRE_APPROVAL);
    await recordArchitectureEvaluation(ctx, evaluation, false);
    const request = await openApprovalRequest(
      ctx,
      {
        kind: ApprovalSubjectKind.ARCHITECTURE_CHANGE,
        title: `${VERBS[change.action]} architecture ${name}`,
        summary: holds.map((h) => `${h.policyName}: ${h.message}`).join('\n'),
        steps: [{ ...SECOND_PERSON_STEP, name: 'Governance approval' }],
        subjectId: change.architectureId,
        subjectField: change.action === 'create' ? 'name' : 'architectureId',
        heldChange: {
          handler: 'architecture',
          action: change.action,
          before: change.before,
          after: change.after,
          replay: replay as unknown as Record<string, unknown>,
        },
        findings: holds as unknown as Record<string, unknown>[],
      },
      heldRequestId,
    );
    await ctx.audit.record({
      action: `${action}.held`,
      entityType: 'Architecture',
      entityId: change.before ? change.architectureId : null,
      entityName: name,
      before: change.before,
      after: { ...change.after, heldBy: holds.map((v) => `${v.policyName} / ${v.ruleName}`), approvalRequestId: request.uuid },
    });
    return { architecture: null, heldForApproval: request, policyHolds: holds, policyWarnings: warnings, policyViolations: [], userErrors: [] };
  }
  await apply();
  await recordArchitectureEvaluation(ctx, evaluation, true);
  await ctx.audit.record({
    action,
    entityType: 'Architecture',
    entityId: change.architectureId,
    entityName: name,
    before: change.before,
    after: approvedBy ? { ...change.after, approvalRequestId: approvedBy.requestId } : change.after,
  });
  const fresh = await ctx.tx.manager.findOneByOrFail(Architecture, { uuid: change.architectureId });
  loader(ctx, architectureById).clear(fresh.uuid).prime(fresh.uuid, fresh);
  return { architecture: fresh, heldForApproval: null, policyHolds: [], policyWarnings: warnings, policyViolations: [], userErrors: [] };
}

/** `id` is for the demo seed, whose ids stay the same on every run; requests get a fresh one. */
export async function createArchitecture(
  ctx: TenantScope,
  input: ArchitectureCreateInput,
  id: string = randomUUID(),
  approvedBy?: ApprovedBy & { createdById: string | null },
): Promise<ArchitecturePayload> {
  const checks = new InputChecks();
  checkRegion(checks, input.cloudProvider, input.region);
  const services = applyToggles(cleanServices(checks, input.cloudProvider, input.services), input.components, input.cloudProvider, input.region);
  checks.refuseIfAny();
  const priced = estimate(services, input.region);
  const now = new Date();
  const a = Object.assign(new Architecture(), {
    uuid: id,
    tenantId: ctx.caller.tenantId!,
    name: input.name.trim(),
    description: input.description.trim(),
    cloudProvider: input.cloudProvider,
    region: input.region,
    environment: input.environment,
    status: ArchitectureStatus.DRAFT,
    components: componentsOf(services),
    services,
    tags: cleanTags(input.tags),
    estimatedCost: priced.total,
    estimate: priced.lines,
    terraformGenerated: false,
    lastTerraformGen: null,
    version: 1,
    activatedAt: null,
    createdById: approvedBy ? approvedBy.createdById : ctx.caller.userId,
    createdAt: now,
    updatedAt: now,
  });
  const replay: ArchitectureReplay = { op: 'create', architectureId: id, input, createdById: ctx.caller.userId };
  const change: ArchitectureChange = { action: 'create', architectureId: id, version: 1, before: null, after: snapshotOf(a) };
  return governed(ctx, change, a.name, replay, approvedBy, async () => {
    await ctx.tx.manager.insert(Architecture, a as QueryDeepPartialEntity<Architecture>);
    await addVersion(ctx, a, 'create');
  });
}

/** Saves a design. A draft changes in place; an active design gets a new version. Archived designs are read-only. */
export async function updateArchitecture(ctx: TenantScope, id: string, input: ArchitectureUpdateInput, approvedBy?: ApprovedBy): Promise<ArchitecturePayload> {
  const current = await lockedArchitecture(ctx, id);
  if (current.status === ArchitectureStatus.ARCHIVED) throw new UserInputProblem('architectureId', 'The architecture is archived and read-only', 'CONFLICT');
  const checks = new InputChecks();
  const cloudProvider = input.cloudProvider ?? current.cloudProvider;
  const region = input.region ?? current.region;
  if (input.region !== undefined || input.cloudProvider !== undefined) checkRegion(checks, cloudProvider, region);
  const given = input.services ? cleanServices(checks, cloudProvider, input.services) : current.services;
  if (!input.services && input.cloudProvider !== undefined) {
    const foreign = current.services.filter((s) => cloudProvider !== 'multi-cloud' && !s.type.startsWith(`${cloudProvider}.`));
    if (foreign.length) checks.add('cloudProvider', `A ${cloudProvider} design cannot keep ${foreign.map((s) => s.name).join(', ')}`);
  }
  const services = applyToggles(given, input.components, cloudProvider, region);
  checks.refuseIfAny();
  const priced = estimate(services, region);
  const next = Object.assign(Object.create(Architecture.prototype) as Architecture, current, {
    name: input.name?.trim() ?? current.name,
    description: input.description?.trim() ?? current.description,
    cloudProvider,
    region,
    environment: input.environment ?? current.environment,
    tags: input.tags ? cleanTags(input.tags) : current.tags,
    services,
    components: componentsOf(services),
    estimatedCost: priced.total,
    estimate: priced.lines,
    updatedAt: new Date(),
  });
  const versioned = current.status === ArchitectureStatus.ACTIVE;
  if (versioned) next.version = current.version + 1;
  const change: ArchitectureChange = { action: 'update', architectureId: id, version: next.version, before: snapshotOf(current), after: snapshotOf(next) };
  return governed(ctx, change, next.name, { op: 'update', architectureId: id, input }, approvedBy, async () => {
    await ctx.tx.manager.update(
      Architecture,
      { uuid: id },
      {
        name: next.name,
        description: next.description,
        cloudProvider: next.cloudProvider,
        region: next.region,
        environment: next.environment,
        tags: next.tags,
        services: next.services as never,
        components: next.components as never,
        estimatedCost: next.estimatedCost,
        estimate: next.estimate as never,
        version: next.version,
        updatedAt: next.updatedAt,
      },
    );
    if (versioned) await addVersion(ctx, next, 'save');
  });
}

export async function changeArchitectureLifecycle(
  ctx: TenantScope,
  id: string,
  action: ArchitectureAction,
  approvedBy?: ApprovedBy,
  /** For the demo seed: the id a held change's approval request gets, the same on every run. */
  heldRequestId?: string,
): Promise<ArchitecturePayload> {
  const current = await lockedArchitecture(ctx, id);
  const outcome = nextArchitectureStatus(current.status, action);
  if ('refusal' in outcome) throw new UserInputProblem('architectureId', outcome.refusal, 'CONFLICT');
  const now = new Date();
  const next = Object.assign(Object.create(Architecture.prototype) as Architecture, current, { status: outcome.status, updatedAt: now });
  if (action === 'activate') {
    next.activatedAt = now;
    next.version = current.version + 1;
  }
  const change: ArchitectureChange = { action, architectureId: id, version: next.version, before: snapshotOf(current), after: snapshotOf(next) };
  return governed(
    ctx,
    change,
    current.name,
    { op: 'lifecycle', architectureId: id, action },
    approvedBy,
    async () => {
      await ctx.tx.manager.update(Architecture, { uuid: id }, { status: next.status, updatedAt: now, activatedAt: next.activatedAt, version: next.version });
      if (action === 'activate') await addVersion(ctx, next, 'activate');
    },
    heldRequestId,
  );
}

/** What changed from version `from` to version `to`, or to the design as it is now when `to` is null. */
export async function architectureDiff(
  ctx: TenantScope,
  id: string,
  from: number,
  to: number | null,
): Promise<DesignDiff & { fromVersion: number; toVersion: number | null }> {
  const current = await findArchitecture(ctx, id);
  const wanted = to === null ? [from] : [from, to];
  const versions = await ctx.tx.manager.find(ArchitectureVersion, {
    where: wanted.map((version) => ({ tenantId: ctx.caller.tenantId!, architectureId: id, version })),
  });
  const at = (n: number) => {
    const v = versions.find((x) => x.version === n);
    if (!v) throw StewardError.badInput(n === from ? 'fromVersion' : 'toVersion', `The architecture has no version ${n}`);
    return v.design;
  };
  return { fromVersion: from, toVersion: to, ...diffDesigns(at(from), to === null ? designOf(current) : at(to)) };
}

/** An architecture change held for approval is made again, as things stand now, once its request is approved. */
registerHeldChangeHandler('architecture', async (ctx, request) => {
  const replay = request.heldChange!.replay as unknown as ArchitectureReplay;
  const approvedBy = { requestId: request.uuid };
  let payload: ArchitecturePayload;
  if (replay.op === 'lifecycle') payload = await changeArchitectureLifecycle(ctx, replay.architectureId, replay.action, approvedBy);
  else if (replay.op === 'update') payload = await updateArchitecture(ctx, replay.architectureId, replay.input, approvedBy);
  else payload = await createArchitecture(ctx, replay.input, replay.architectureId, { ...approvedBy, createdById: replay.createdById });
  if (payload.userErrors.length) return { applied: false, message: payload.userErrors.map((e) => e.message).join('; ') };
  return { applied: true, message: null };
});

/** Re-evaluations of architecture policies judge designs as they stand. */
registerDesignLoader(async (ctx, ids) => {
  const found = await ctx.tx.manager.findBy(Architecture, { tenantId: ctx.caller.tenantId!, uuid: In(ids) });
  return found.map((a) => ({ id: a.uuid, name: a.name, version: a.version, snapshot: snapshotOf(a) }));
});
