import { PlanFeature, requireFeature } from '../tenants';
import { randomUUID } from 'node:crypto';
import type { TenantScope } from '../../scope';
import { grantedPermissions, holdersOf, PermissionName } from '../../auth/permissions';
import { Connection, ConnectionArgs, OrderDirection } from '../../graphql/connection';
import { InputChecks, StewardError, UserInputProblem, UserInputProblems } from '../../graphql/errors';
import { expectGlobalId } from '../../graphql/global-id';
import { loader } from '../../graphql/loader';
import { readPage, Selection, SqlParams } from '../../graphql/read-model';
import { likePattern } from '../../graphql/search';
import { decisionListeners, heldChangeHandler } from './approval-held';
import { requiredApprovals, tally } from './approval-modes';
import {
  ApprovalComment,
  ApprovalDecider,
  ApprovalDeciderKind,
  ApprovalDeciderResolver,
  ApprovalDecisionValue,
  ApprovalFormField,
  ApprovalFormFieldType,
  ApprovalMode,
  ApprovalRequest,
  ApprovalRequestStatus,
  ApprovalStep,
  ApprovalStepStatus,
  ApprovalSubjectKind,
  ApprovalTimeoutAction,
  HeldChangeStatus,
  StoredHeldChange,
} from './approval.entity';
import { ApprovalRequestCreateInput, ApprovalRequestFilter } from './approval.inputs';
import { approvalRequestById, approvalStepsByRequest } from './approval.loaders';
import { approvalReads } from './approval.reads';

export interface ApprovalStepSpec {
  name: string;
  mode: ApprovalMode;
  requiredApprovals?: number | null;
  deciders: ApprovalDecider[];
  timeoutSeconds?: number | null;
  onTimeout: ApprovalTimeoutAction;
}

export interface ApprovalRequestSpec {
  kind: ApprovalSubjectKind;
  title: string;
  summary: string;
  steps: ApprovalStepSpec[];
  formFields?: ApprovalFormField[];
  subjectId?: string | null;
  /** The input field a second held change of the same subject is refused at. */
  subjectField?: string;
  heldChange?: StoredHeldChange | null;
  findings?: Record<string, unknown>[];
  /** For the AGENT_OWNER_ADMINS resolver: who owns the agent. */
  agentOwnerId?: string | null;
  /** Who asks, when not the scope's caller (a workflow asks for the person who started it); never a decider. */
  requestedById?: string | null;
}

/** Compliance officers or admins, other than the one asking: the second person a held change needs. */
export const SECOND_PERSON_STEP: ApprovalStepSpec = {
  name: 'Compliance review',
  mode: ApprovalMode.SINGLE,
  deciders: [{ kind: ApprovalDeciderKind.RESOLVER, resolver: ApprovalDeciderResolver.COMPLIANCE_OFFICERS_OR_ADMINS }],
  timeoutSeconds: 7 * 24 * 3600,
  onTimeout: ApprovalTimeoutAction.EXPIRE,
};

async function lockedRequest(ctx: TenantScope, requestId: string): Promise<ApprovalRequest> {
  const request = await ctx.tx.manager
    .createQueryBuilder(ApprovalRequest, 'r')
    .setLock('pessimistic_write')
    .where('r.id = :requestId AND r.tenant_id = :tenant', { requestId, tenant: ctx.caller.tenantId })
    .getOne();
  if (!request) throw StewardError.notFound('Approval request');
  return request;
}

async function fresh(ctx: TenantScope, requestId: string): Promise<ApprovalRequest> {
  const request = await ctx.tx.manager.findOneByOrFail(ApprovalRequest, { uuid: requestId, tenantId: ctx.caller.tenantId! });
  loader(ctx, approvalRequestById).clear(requestId).prime(requestId, request);
  loader(ctx, approvalStepsByRequest).clear(requestId);
  return request;
}

/**
 * The members a step's deciders name, the requester left out (nobody approves their own request). A ROLE decider names a
 * system role; the resolvers go by permission, so custom roles count: compliance officers or admins are the members holding
 * compliance.manage, an agent owner's admins those holding tenant.manage.
 */
async function eligibleDeciders(ctx: TenantScope, deciders: ApprovalDecider[], requesterId: string | null, ownerId: string | null): Promise<string[]> {
  const users = deciders.filter((d) => d.kind === ApprovalDeciderKind.MEMBER && d.userId).map((d) => d.userId!);
  const roles: string[] = deciders.filter((d) => d.kind === ApprovalDeciderKind.ROLE && d.role).map((d) => d.role!);
  const resolvers = new Set(deciders.filter((d) => d.kind === ApprovalDeciderKind.RESOLVER).map((d) => d.resolver));
  const reviewers = holdersOf(PermissionName.COMPLIANCE_MANAGE);
  const admins = holdersOf(PermissionName.TENANT_MANAGE);
  const rows: { user_id: string }[] = await ctx.tx.manager.query(
    `SELECT m.user_id FROM memberships m LEFT JOIN roles cr ON cr.tenant_id = m.tenant_id AND cr.id = m.custom_role_id
     WHERE m.tenant_id = $1
       AND (m.user_id = ANY($2::uuid[]) OR m.role = ANY($3::text[])
         OR ($7 AND (m.role = ANY($8::text[]) OR cr.permissions && $9::text[]))
         OR ($4 AND (m.role = ANY($10::text[]) OR cr.permissions && $11::text[]) AND m.user_id IS DISTINCT FROM $5::uuid))
       AND m.user_id IS DISTINCT FROM $6::uuid
     ORDER BY m.user_id`,
    [
      ctx.caller.tenantId,
      users,
      roles,
      resolvers.has(ApprovalDeciderResolver.AGENT_OWNER_ADMINS),
      ownerId,
      requesterId,
      resolvers.has(ApprovalDeciderResolver.COMPLIANCE_OFFICERS_OR_ADMINS),
      reviewers.systemRoles,
      reviewers.customRolePermissions,
      admins.systemRoles,
      admins.customRolePermissions,
    ],
  );
  return rows.map((r) => r.user_id);
}

async function openStep(ctx: TenantScope, request: ApprovalRequest, step: ApprovalStep, now: Date, ownerId: string | null): Promise<void> {
  const eligible = await eligibleDeciders(ctx, step.deciders, request.requestedById, ownerId);
  if (!eligible.length) throw new UserInputProblem(null, `Nobody other than the requester can decide the step "${step.name}"`);
  const needed = requiredApprovals(step.mode, eligible.length, step.requiredCount);
  if (needed > eligible.length)
    throw new UserInputProblem(null, `The step "${step.name}" needs ${needed} approvals but only ${eligible.length} people can decide it`);
  const deadline = step.timeoutSeconds ? new Date(now.getTime() + step.timeoutSeconds * 1000) : null;
  await ctx.tx.manager.query(
    `UPDATE approval_steps SET status = 'pending', eligible_ids = $3, opened_at = $4, deadline = $5 WHERE tenant_id = $1 AND id = $2`,
    [ctx.caller.tenantId, step.uuid, eligible, now, deadline],
  );
  await ctx.tx.manager.query(`UPDATE approval_requests SET current_level = $3, deadline = $4, updated_at = $5 WHERE tenant_id = $1 AND id = $2`, [
    ctx.caller.tenantId,
    request.uuid,
    step.level,
    deadline,
    now,
  ]);
  if (deadline) await ctx.tx.manager.query(`SELECT steward.enqueue_approval_deadline($1, $2)`, [request.uuid, deadline]);
}

/** Opens a request and its first step; refuses one nobody could decide. `id` is for the demo seed. */
export async function openApprovalRequest(ctx: TenantScope, spec: ApprovalRequestSpec, id: string = randomUUID()): Promise<ApprovalRequest> {
  const now = new Date();
  if (spec.heldChange && spec.subjectId) {
    const [waiting]: { title: string }[] = await ctx.tx.manager.query(
      `SELECT title FROM approval_requests WHERE tenant_id = $1 AND subject_id = $2 AND change_status = 'held'`,
      [ctx.caller.tenantId, spec.subjectId],
    );
    if (waiting)
      throw new UserInputProblem(
        spec.subjectField ?? null,
        `A change already waits for approval ("${waiting.title}"); decide or withdraw it first`,
        'CONFLICT',
      );
  }
  await ctx.tx.manager.query(
    `INSERT INTO approval_requests (id, tenant_id, kind, title, summary, status, form_fields, subject_id, held_change, change_status, findings,
       requested_by_id, requested_by_api_key_id, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,'pending',$6,$7,$8,$9,$10,$11,$12,$13,$13)`,
    [
      id,
      ctx.caller.tenantId,
      spec.kind,
      spec.title.slice(0, 200),
      spec.summary.slice(0, 2000),
      JSON.stringify(spec.formFields ?? []),
      spec.subjectId ?? null,
      spec.heldChange ? JSON.stringify({ ...spec.heldChange, ownerId: spec.agentOwnerId ?? null }) : null,
      spec.heldChange ? HeldChangeStatus.HELD : null,
      JSON.stringify(spec.findings ?? []),
      spec.requestedById !== undefined ? spec.requestedById : ctx.caller.userId,
      ctx.caller.apiKeyId,
      now,
    ],
  );
  for (const [index, step] of spec.steps.entries()) {
    await ctx.tx.manager.query(
      `INSERT INTO approval_steps (tenant_id, request_id, level, name, mode, required_count, deciders, status, timeout_seconds, on_timeout)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
      [
        ctx.caller.tenantId,
        id,
        index + 1,
        step.name,
        step.mode,
        step.mode === ApprovalMode.ANY_N ? (step.requiredApprovals ?? 1) : null,
        JSON.stringify(step.deciders),
        ApprovalStepStatus.WAITING,
        step.timeoutSeconds ?? null,
        step.onTimeout,
      ],
    );
  }
  const request = await fresh(ctx, id);
  const [first] = await stepsOf(ctx, id);
  await openStep(ctx, request, first, now, spec.agentOwnerId ?? null);
  await ctx.audit.record({
    action: 'approval.request',
    entityType: 'ApprovalRequest',
    entityId: id,
    entityName: request.title,
    after: {
      kind: spec.kind,
      steps: spec.steps.map((s) => ({ name: s.name, mode: s.mode, timeoutSeconds: s.timeoutSeconds ?? null, onTimeout: s.onTimeout })),
    },
  });
  return fresh(ctx, id);
}

async function stepsOf(ctx: TenantScope, requestId: string): Promise<ApprovalStep[]> {
  return ctx.tx.manager.find(ApprovalStep, { where: { tenantId: ctx.caller.tenantId!, requestId }, order: { level: 'ASC' } });
}

function formProblems(fields: ApprovalFormField[], values: Record<string, unknown>, approving: boolean, checks: InputChecks): void {
  const known = new Set(fields.map((f) => f.key));
  for (const key of Object.keys(values)) if (!known.has(key)) checks.add(`formValues.${key}`, `The form has no field "${key}"`);
  for (const field of fields) {
    const value = values[field.key];
    const at = `formValues.${field.key}`;
    if (value === undefined || value === null || value === '') {
      if (field.required && approving) checks.add(at, `${field.label} is required to approve`);
      continue;
    }
    const ok = {
      [ApprovalFormFieldType.TEXT]: () => typeof value === 'string' && value.length <= 2000,
      [ApprovalFormFieldType.NUMBER]: () => typeof value === 'number' && Number.isFinite(value),
      [ApprovalFormFieldType.BOOLEAN]: () => typeof value === 'boolean',
      [ApprovalFormFieldType.SELECT]: () => typeof value === 'string' && field.options.includes(value),
      [ApprovalFormFieldType.DATE]: () => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)),
    }[field.type]();
    if (!ok)
      checks.add(
        at,
        field.type === ApprovalFormFieldType.SELECT ? `${field.label} must be one of ${field.options.join(', ')}` : `${field.label} must be a ${field.type}`,
      );
  }
}

/** Ends a request; a held change is applied (approved) or discarded (otherwise). */
async function finish(ctx: TenantScope, request: ApprovalRequest, status: ApprovalRequestStatus, now: Date): Promise<void> {
  await ctx.tx.manager.query(
    `UPDATE approval_requests SET status = $3, decided_at = $4, updated_at = $4, current_level = NULL, deadline = NULL WHERE tenant_id = $1 AND id = $2`,
    [ctx.caller.tenantId, request.uuid, status, now],
  );
  await ctx.tx.manager.query(`UPDATE approval_steps SET status = 'skipped', closed_at = $3 WHERE tenant_id = $1 AND request_id = $2 AND status = 'waiting'`, [
    ctx.caller.tenantId,
    request.uuid,
    now,
  ]);
  for (const listener of decisionListeners(request.kind)) await listener(ctx, { ...request, status } as ApprovalRequest);
  if (!request.heldChange || request.changeStatus !== HeldChangeStatus.HELD) return;
  if (status !== ApprovalRequestStatus.APPROVED) {
    await setChangeOutcome(ctx, request.uuid, HeldChangeStatus.DISCARDED, `Discarded: the request was ${status}`, null);
    return;
  }
  // The change is applied now, judged by the policies and state of now, in a savepoint: a refusal keeps the decision.
  const handler = heldChangeHandler(request.heldChange.handler);
  let outcome: { applied: boolean; message: string | null };
  if (!handler) outcome = { applied: false, message: `Nothing applies changes of kind ${request.heldChange.handler}` };
  else {
    try {
      outcome = await ctx.tx.isolated(() => handler(ctx, { ...request, status } as ApprovalRequest));
    } catch (error) {
      if (!(error instanceof UserInputProblem) && !(error instanceof UserInputProblems) && !(error instanceof StewardError)) throw error;
      outcome = { applied: false, message: error.message };
    }
  }
  await setChangeOutcome(
    ctx,
    request.uuid,
    outcome.applied ? HeldChangeStatus.APPLIED : HeldChangeStatus.REFUSED,
    outcome.message,
    outcome.applied ? now : null,
  );
}

async function setChangeOutcome(ctx: TenantScope, requestId: string, status: HeldChangeStatus, message: string | null, at: Date | null): Promise<void> {
  await ctx.tx.manager.query(`UPDATE approval_requests SET change_status = $3, change_message = $4, change_applied_at = $5 WHERE tenant_id = $1 AND id = $2`, [
    ctx.caller.tenantId,
    requestId,
    status,
    message?.slice(0, 2000) ?? null,
    at,
  ]);
  await ctx.audit.record({ action: `approval.change.${status}`, entityType: 'ApprovalRequest', entityId: requestId, after: { status, message } });
}

/** Closes the current step as `outcome` and moves the chain on: the next step opens, or the request ends. */
async function closeStep(ctx: TenantScope, request: ApprovalRequest, step: ApprovalStep, outcome: ApprovalStepStatus, now: Date): Promise<void> {
  await ctx.tx.manager.query(`UPDATE approval_steps SET status = $3, closed_at = $4 WHERE tenant_id = $1 AND id = $2`, [
    ctx.caller.tenantId,
    step.uuid,
    outcome,
    now,
  ]);
  const moveOn = outcome === ApprovalStepStatus.APPROVED || outcome === ApprovalStepStatus.ESCALATED;
  const next = moveOn ? (await stepsOf(ctx, request.uuid)).find((s) => s.level === step.level + 1) : undefined;
  if (next) {
    await openStep(ctx, request, next, now, request.heldChange?.ownerId ?? null);
    return;
  }
  const status = {
    [ApprovalStepStatus.APPROVED]: ApprovalRequestStatus.APPROVED,
    [ApprovalStepStatus.REJECTED]: ApprovalRequestStatus.REJECTED,
    [ApprovalStepStatus.ESCALATED]: ApprovalRequestStatus.EXPIRED,
    [ApprovalStepStatus.EXPIRED]: ApprovalRequestStatus.EXPIRED,
  }[outcome as ApprovalStepStatus.APPROVED];
  await finish(ctx, request, status, now);
}

async function recordDecision(
  ctx: TenantScope,
  request: ApprovalRequest,
  step: ApprovalStep,
  deciderId: string | null,
  value: ApprovalDecisionValue,
  comment: string,
  formValues: Record<string, unknown>,
  now: Date,
): Promise<void> {
  await ctx.tx.manager.query(
    `INSERT INTO approval_decisions (tenant_id, request_id, step_id, level, decider_id, value, comment, form_values, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
    [ctx.caller.tenantId, request.uuid, step.uuid, step.level, deciderId, value, comment, JSON.stringify(formValues), now],
  );
  const [counts]: { approvals: number; rejections: number }[] = await ctx.tx.manager.query(
    `SELECT count(*) FILTER (WHERE value = 'approve')::int AS approvals, count(*) FILTER (WHERE value = 'reject')::int AS rejections
     FROM approval_decisions WHERE tenant_id = $1 AND step_id = $2`,
    [ctx.caller.tenantId, step.uuid],
  );
  // A decision by the system (a timeout's default) decides the step whatever the mode.
  const result =
    deciderId === null
      ? value === ApprovalDecisionValue.APPROVE
        ? 'approved'
        : 'rejected'
      : tally(step.mode, step.eligibleIds.length, step.requiredCount, counts.approvals, counts.rejections);
  if (result === 'approved') await closeStep(ctx, request, step, ApprovalStepStatus.APPROVED, now);
  else if (result === 'rejected') await closeStep(ctx, request, step, ApprovalStepStatus.REJECTED, now);
}

async function currentStep(ctx: TenantScope, request: ApprovalRequest): Promise<ApprovalStep> {
  const step = (await stepsOf(ctx, request.uuid)).find((s) => s.level === request.currentLevel);
  if (!step) throw new Error(`approval request ${request.uuid} has no step ${request.currentLevel}`);
  return step;
}

/** A decision by the caller on the current step of a pending request. */
export async function decideApproval(
  ctx: TenantScope,
  requestId: string,
  value: ApprovalDecisionValue,
  comment: string,
  formValues: Record<string, unknown>,
): Promise<ApprovalRequest> {
  const request = await lockedRequest(ctx, requestId);
  if (request.status !== ApprovalRequestStatus.PENDING) throw new UserInputProblem('requestId', `The request is already ${request.status}`, 'CONFLICT');
  const me = ctx.caller.userId;
  if (!me) throw new UserInputProblem('requestId', 'Only a person can decide an approval request, not an API key');
  if (me === request.requestedById) throw new UserInputProblem('requestId', 'You asked for this; someone else must decide it');
  const step = await currentStep(ctx, request);
  if (!step.eligibleIds.includes(me)) throw new UserInputProblem('requestId', `You are not one of the deciders of "${step.name}"`);
  const [already] = await ctx.tx.manager.query(`SELECT 1 FROM approval_decisions WHERE tenant_id = $1 AND step_id = $2 AND decider_id = $3`, [
    ctx.caller.tenantId,
    step.uuid,
    me,
  ]);
  if (already) throw new UserInputProblem('requestId', `You already decided "${step.name}"; a decision is final`, 'CONFLICT');
  const checks = new InputChecks();
  formProblems(request.formFields, formValues, value === ApprovalDecisionValue.APPROVE, checks);
  checks.refuseIfAny();
  const now = new Date();
  await recordDecision(ctx, request, step, me, value, comment.trim(), formValues, now);
  await ctx.audit.record({
    action: `approval.${value}`,
    entityType: 'ApprovalRequest',
    entityId: request.uuid,
    entityName: request.title,
    after: { step: step.level, comment: comment.trim(), formValues },
  });
  return fresh(ctx, requestId);
}

/** What a step's deadline does, once it has passed (`now` is the job's clock; tests pass their own). */
export async function handleApprovalDeadline(ctx: TenantScope, requestId: string, now: Date = new Date()): Promise<ApprovalStepStatus | null> {
  const request = await lockedRequest(ctx, requestId);
  if (request.status !== ApprovalRequestStatus.PENDING) return null;
  const step = await currentStep(ctx, request);
  if (!step.deadline || step.deadline.getTime() > now.getTime()) return null;
  switch (step.onTimeout) {
    case ApprovalTimeoutAction.APPROVE:
    case ApprovalTimeoutAction.REJECT: {
      const value = step.onTimeout === ApprovalTimeoutAction.APPROVE ? ApprovalDecisionValue.APPROVE : ApprovalDecisionValue.REJECT;
      await recordDecision(ctx, request, step, null, value, `No decision by the deadline: ${value}d by default`, {}, now);
      break;
    }
    case ApprovalTimeoutAction.ESCALATE:
      await closeStep(ctx, request, step, ApprovalStepStatus.ESCALATED, now);
      break;
    case ApprovalTimeoutAction.EXPIRE:
      await closeStep(ctx, request, step, ApprovalStepStatus.EXPIRED, now);
      break;
  }
  const after = await fresh(ctx, requestId);
  await ctx.audit.record({
    action: 'approval.timeout',
    entityType: 'ApprovalRequest',
    entityId: requestId,
    entityName: request.title,
    before: { status: request.status, step: step.level },
    after: { onTimeout: step.onTimeout, status: after.status, step: after.currentLevel },
  });
  return ((await stepsOf(ctx, requestId)).find((s) => s.uuid === step.uuid)?.status ?? null) as ApprovalStepStatus | null;
}

export async function cancelApproval(ctx: TenantScope, requestId: string, reason: string): Promise<ApprovalRequest> {
  const request = await lockedRequest(ctx, requestId);
  if (request.status !== ApprovalRequestStatus.PENDING) throw new UserInputProblem('requestId', `The request is already ${request.status}`, 'CONFLICT');
  const mine = ctx.caller.userId !== null && ctx.caller.userId === request.requestedById;
  if (!mine && !grantedPermissions(ctx.caller)?.has(PermissionName.TENANT_MANAGE))
    throw new UserInputProblem('requestId', 'Only the requester or an admin can withdraw a request');
  await withdraw(ctx, request, reason);
  return fresh(ctx, requestId);
}

/** Withdraws the pending requests a cancelled workflow execution was waiting on: nobody needs to decide them any more. */
export async function withdrawApprovals(ctx: TenantScope, requestIds: string[], reason: string): Promise<void> {
  for (const requestId of requestIds) {
    const request = await lockedRequest(ctx, requestId);
    if (request.status === ApprovalRequestStatus.PENDING) await withdraw(ctx, request, reason);
  }
}

async function withdraw(ctx: TenantScope, request: ApprovalRequest, reason: string): Promise<void> {
  const now = new Date();
  await ctx.tx.manager.query(`UPDATE approval_steps SET status = 'skipped', closed_at = $3 WHERE tenant_id = $1 AND request_id = $2 AND status = 'pending'`, [
    ctx.caller.tenantId,
    request.uuid,
    now,
  ]);
  await finish(ctx, request, ApprovalRequestStatus.CANCELLED, now);
  await ctx.audit.record({ action: 'approval.cancel', entityType: 'ApprovalRequest', entityId: request.uuid, entityName: request.title, after: { reason } });
}

export async function commentOnApproval(ctx: TenantScope, requestId: string, body: string): Promise<ApprovalComment> {
  const request = await loader(ctx, approvalRequestById).load(requestId);
  if (!request) throw StewardError.notFound('Approval request');
  const [row]: { id: string }[] = await ctx.tx.manager.query(
    `INSERT INTO approval_comments (tenant_id, request_id, author_id, body) VALUES ($1,$2,$3,$4) RETURNING id`,
    [ctx.caller.tenantId, requestId, ctx.caller.userId, body.trim()],
  );
  await ctx.audit.record({
    action: 'approval.comment',
    entityType: 'ApprovalRequest',
    entityId: requestId,
    entityName: request.title,
    after: { body: body.trim() },
  });
  return ctx.tx.manager.findOneByOrFail(ApprovalComment, { uuid: row.id });
}

/** A request asked for directly: its deciders are checked before anything is written. */
export async function createApproval(ctx: TenantScope, input: ApprovalRequestCreateInput): Promise<ApprovalRequest> {
  await requireFeature(ctx, PlanFeature.APPROVALS);
  const checks = new InputChecks();
  const steps: ApprovalStepSpec[] = input.steps.map((step, i) => ({
    name: step.name.trim(),
    mode: step.mode,
    requiredApprovals: step.requiredApprovals ?? null,
    timeoutSeconds: step.timeoutSeconds ?? null,
    onTimeout: step.onTimeout,
    deciders: step.deciders.map((d, j) => {
      const at = `steps.${i}.deciders.${j}`;
      if (d.kind === ApprovalDeciderKind.MEMBER && !d.userId) checks.add(`${at}.userId`, 'A member decider names the member');
      if (d.kind === ApprovalDeciderKind.ROLE && !d.role) checks.add(`${at}.role`, 'A role decider names the role');
      if (d.kind === ApprovalDeciderKind.RESOLVER && !d.resolver) checks.add(`${at}.resolver`, 'A resolver decider names the rule');
      const userId = d.kind === ApprovalDeciderKind.MEMBER && d.userId ? checks.check(() => expectGlobalId(d.userId!, 'User', `input.${at}.userId`)) : null;
      return {
        kind: d.kind,
        userId: userId ?? null,
        role: d.kind === ApprovalDeciderKind.ROLE ? d.role : null,
        resolver: d.kind === ApprovalDeciderKind.RESOLVER ? d.resolver : null,
      };
    }),
  }));
  input.steps.forEach((step, i) => {
    if (step.mode === ApprovalMode.ANY_N && !step.requiredApprovals) checks.add(`steps.${i}.requiredApprovals`, 'ANY_N needs the number of approvals');
  });
  const keys = new Set<string>();
  input.formFields.forEach((f, i) => {
    if (keys.has(f.key)) checks.add(`formFields.${i}.key`, `Another field already has the key "${f.key}"`);
    keys.add(f.key);
    if (f.type === ApprovalFormFieldType.SELECT && !f.options.length) checks.add(`formFields.${i}.options`, 'A select field needs options');
  });
  checks.refuseIfAny();
  const request = await openApprovalRequest(ctx, {
    kind: ApprovalSubjectKind.MANUAL,
    title: input.title.trim(),
    summary: input.summary.trim(),
    steps,
    formFields: input.formFields.map((f) => ({ key: f.key, label: f.label.trim(), type: f.type, required: f.required, options: f.options })),
  });
  return request;
}

export function listApprovals(
  ctx: TenantScope,
  page: ConnectionArgs,
  filter: ApprovalRequestFilter | null,
  selection: Selection,
): Promise<Connection<ApprovalRequest>> {
  const params = new SqlParams();
  const where = [`r.tenant_id = ${params.add(ctx.caller.tenantId)}`];
  if (filter?.statuses?.length) where.push(`r.status = ANY(${params.add(filter.statuses)}::text[])`);
  if (filter?.kinds?.length) where.push(`r.kind = ANY(${params.add(filter.kinds)}::text[])`);
  if (filter?.search?.trim()) where.push(`r.title ILIKE ${params.add(likePattern(filter.search))}`);
  if (filter?.agentId) {
    where.push(`r.kind = 'agent_change' AND r.subject_id = ${params.add(expectGlobalId(filter.agentId, 'Agent', 'filter.agentId'))}::uuid`);
  }
  if (filter?.policyId) {
    where.push(`r.kind = 'policy_change' AND r.subject_id = ${params.add(expectGlobalId(filter.policyId, 'Policy', 'filter.policyId'))}::uuid`);
  }
  // Someone without a user id (an API key) asked for nothing.
  if (filter?.requestedByViewer) where.push(ctx.caller.userId ? `r.requested_by_id = ${params.add(ctx.caller.userId)}::uuid` : 'false');
  return readPage(ctx, approvalReads, selection, { alias: 'r', where, params }, page, {
    column: 'r.created_at',
    id: 'r.id',
    direction: OrderDirection.DESC,
    cast: 'timestamptz',
  });
}

/** Pending requests whose current step the caller may decide and has not decided: soonest deadline first, none last. */
export function approvalInbox(ctx: TenantScope, page: ConnectionArgs, selection: Selection): Promise<Connection<ApprovalRequest>> {
  const params = new SqlParams();
  const me = params.add(ctx.caller.userId);
  const where = [
    `r.tenant_id = ${params.add(ctx.caller.tenantId)}`,
    `r.status = 'pending'`,
    `EXISTS (SELECT 1 FROM approval_steps s WHERE s.tenant_id = r.tenant_id AND s.request_id = r.id AND s.level = r.current_level
       AND s.status = 'pending' AND ${me}::uuid = ANY(s.eligible_ids)
       AND NOT EXISTS (SELECT 1 FROM approval_decisions d WHERE d.tenant_id = s.tenant_id AND d.step_id = s.id AND d.decider_id = ${me}::uuid))`,
  ];
  return readPage(ctx, approvalReads, selection, { alias: 'r', where, params }, page, {
    column: `coalesce(r.deadline, 'infinity'::timestamptz)`,
    id: 'r.id',
    direction: OrderDirection.ASC,
    cast: 'timestamptz',
  });
}

export async function inboxCount(ctx: TenantScope): Promise<number> {
  if (!ctx.caller.userId) return 0;
  const [row]: { n: number }[] = await ctx.tx.manager.query(
    `SELECT count(*)::int AS n FROM approval_requests r JOIN approval_steps s ON s.tenant_id = r.tenant_id AND s.request_id = r.id AND s.level = r.current_level
     WHERE r.tenant_id = $1 AND r.status = 'pending' AND s.status = 'pending' AND $2::uuid = ANY(s.eligible_ids)
       AND NOT EXISTS (SELECT 1 FROM approval_decisions d WHERE d.tenant_id = s.tenant_id AND d.step_id = s.id AND d.decider_id = $2::uuid)`,
    [ctx.caller.tenantId, ctx.caller.userId],
  );
  return row.n;
}

export async function findApproval(ctx: TenantScope, requestId: string): Promise<ApprovalRequest> {
  const request = await loader(ctx, approvalRequestById).load(requestId);
  if (!request) throw StewardError.notFound('Approval request');
  return request;
}
