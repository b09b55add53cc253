import type { TenantScope } from '../../scope';
import { Role } from '../../auth/roles';
import { Connection, ConnectionArgs, OrderDirection } from '../../graphql/connection';
import { readPage, Selection, SqlParams } from '../../graphql/read-model';
import { tenantReads } from './tenant.reads';
import { StewardError } from '../../graphql/errors';
import { createInvitation } from '../invitations';
import { Tenant, TenantPlan, TenantStatus } from './tenant.entity';
import { TenantCreateInput, TenantLifecycleInput, TenantPlanChangeInput, TenantTrialExtendInput, TenantUpdateInput } from './tenant.inputs';
import type { AuditDraft } from '../../audit-trail/audit-draft';
import { loader } from '../../graphql/loader';
import { UserInputProblem } from '../../graphql/errors';
import { currentSubscription, lockedSubscription, setBillingCycle, subscriptionHistory } from './plan.service';

/** A platform admin's action on a tenant: in the tenant's own trail and in the platform's (entries without a tenant). */
async function recordConsoleAction(ctx: TenantScope, draft: AuditDraft & { tenantId: string }): Promise<void> {
  await ctx.audit.record(draft);
  await ctx.audit.record({ ...draft, tenantId: null });
}

function snapshot(t: Tenant) {
  return { name: t.name, slug: t.slug, plan: t.plan, status: t.status, resourceLimits: t.resourceLimits, readOnlySince: t.readOnlySince };
}

/** Ends the read-only state a run-out trial left. */
async function writable(ctx: TenantScope, tenant: Tenant): Promise<void> {
  tenant.readOnlySince = null;
  await ctx.tx.manager.query(`UPDATE tenants SET read_only_since = NULL WHERE id = $1`, [tenant.uuid]);
}

/** Every tenant row security shows the caller (all of them to platform admins), newest first. */
export function listTenants(ctx: TenantScope, page: ConnectionArgs, selection: Selection): Promise<Connection<Tenant>> {
  return readPage(ctx, tenantReads, selection, { alias: 't', where: [], params: new SqlParams() }, page, {
    column: 't.created_at',
    id: 't.id',
    direction: OrderDirection.DESC,
    cast: 'timestamptz',
  });
}

export async function createTenant(ctx: TenantScope, input: TenantCreateInput) {
  const manager = ctx.tx.manager;
  const inserted: { id: string }[] = await manager.query(
    `INSERT INTO tenants (name, slug, plan, status, resource_limits) VALUES ($1, $2, $3, 'active', $4) RETURNING id`,
    [input.name.trim(), input.slug, input.plan, input.resourceLimits ?? {}],
  );
  const tenant = await manager.findOneByOrFail(Tenant, { uuid: inserted[0].id });
  await recordConsoleAction(ctx, {
    tenantId: tenant.uuid,
    action: 'tenant.create',
    entityType: 'Tenant',
    entityId: tenant.uuid,
    entityName: tenant.name,
    after: snapshot(tenant),
  });
  let invitation = null;
  if (input.adminEmail) invitation = await createInvitation(ctx, tenant.uuid, input.adminEmail, { role: Role.ADMIN, customRole: null });
  return { tenant, adminInvitation: invitation?.invitation ?? null, adminInvitationToken: invitation?.token ?? null };
}

async function findTenant(ctx: TenantScope, tenantId: string): Promise<Tenant> {
  const tenant = await ctx.tx.manager.findOneBy(Tenant, { uuid: tenantId });
  if (!tenant) throw StewardError.notFound('Tenant');
  return tenant;
}

export async function updateTenant(ctx: TenantScope, tenantId: string, input: TenantUpdateInput): Promise<Tenant> {
  const tenant = await findTenant(ctx, tenantId);
  const before = snapshot(tenant);
  if (input.name !== undefined) tenant.name = input.name.trim();
  if (input.plan != null) tenant.plan = input.plan;
  if (input.resourceLimits) tenant.resourceLimits = { ...tenant.resourceLimits, ...input.resourceLimits };
  tenant.updatedAt = new Date();
  await ctx.tx.manager.update(
    Tenant,
    { uuid: tenant.uuid },
    { name: tenant.name, plan: tenant.plan, resourceLimits: tenant.resourceLimits, updatedAt: tenant.updatedAt },
  );
  if (tenant.plan !== TenantPlan.TRIAL && tenant.readOnlySince) await writable(ctx, tenant);
  await recordConsoleAction(ctx, {
    tenantId: tenant.uuid,
    action: 'tenant.update',
    entityType: 'Tenant',
    entityId: tenant.uuid,
    entityName: tenant.name,
    before,
    after: snapshot(tenant),
  });
  return tenant;
}

export async function moveTenant(ctx: TenantScope, tenantId: string, status: TenantStatus, action: string, input: TenantLifecycleInput): Promise<Tenant> {
  const tenant = await findTenant(ctx, tenantId);
  if (tenant.status === status) return tenant;
  const before = snapshot(tenant);
  tenant.status = status;
  tenant.updatedAt = new Date();
  await ctx.tx.manager.update(Tenant, { uuid: tenant.uuid }, { status: tenant.status, updatedAt: tenant.updatedAt });
  await recordConsoleAction(ctx, {
    tenantId: tenant.uuid,
    action,
    entityType: 'Tenant',
    entityId: tenant.uuid,
    entityName: tenant.name,
    before,
    after: { ...snapshot(tenant), reason: input.reason ?? null },
  });
  return tenant;
}

export async function changePlan(ctx: TenantScope, tenantId: string, input: TenantPlanChangeInput): Promise<Tenant> {
  const tenant = await findTenant(ctx, tenantId);
  const before = { ...snapshot(tenant), billingCycle: (await lockedSubscription(ctx, tenant.uuid)).billing_cycle };
  if (tenant.plan !== input.plan) {
    tenant.plan = input.plan;
    tenant.updatedAt = new Date();
    await ctx.tx.manager.update(Tenant, { uuid: tenant.uuid }, { plan: tenant.plan, updatedAt: tenant.updatedAt });
  }
  if (input.billingCycle) await setBillingCycle(ctx, tenant.uuid, input.billingCycle);
  // A paid plan ends what a run-out trial left: the tenant can change things again.
  if (tenant.plan !== TenantPlan.TRIAL && tenant.readOnlySince) await writable(ctx, tenant);
  const after = { ...snapshot(tenant), billingCycle: input.billingCycle ?? before.billingCycle, reason: input.reason ?? null };
  await recordConsoleAction(ctx, {
    tenantId: tenant.uuid,
    action: 'tenant.plan.change',
    entityType: 'Tenant',
    entityId: tenant.uuid,
    entityName: tenant.name,
    before,
    after,
  });
  loader(ctx, currentSubscription).clear(tenant.uuid);
  loader(ctx, subscriptionHistory).clear(tenant.uuid);
  return tenant;
}

export async function extendTrial(ctx: TenantScope, tenantId: string, input: TenantTrialExtendInput): Promise<Tenant> {
  const tenant = await findTenant(ctx, tenantId);
  const current = await lockedSubscription(ctx, tenant.uuid);
  if (current.plan !== 'trial') throw new UserInputProblem('tenantId', `${tenant.name} is not on a trial`, 'CONFLICT');
  const [row]: { trial_ends_at: Date }[] = await ctx.tx.manager.query(
    `UPDATE subscriptions SET trial_ends_at = greatest(coalesce(trial_ends_at, now()), now()) + make_interval(days => $2), trial_warned_at = NULL
     WHERE id = $1 RETURNING trial_ends_at`,
    [current.id, input.days],
  );
  const wasReadOnly = tenant.readOnlySince;
  if (wasReadOnly) await writable(ctx, tenant);
  await recordConsoleAction(ctx, {
    tenantId: tenant.uuid,
    action: 'tenant.trial.extend',
    entityType: 'Tenant',
    entityId: tenant.uuid,
    entityName: tenant.name,
    before: { trialEndsAt: current.trial_ends_at, readOnlySince: wasReadOnly },
    after: { trialEndsAt: row.trial_ends_at, days: input.days, readOnlySince: null, reason: input.reason ?? null },
  });
  loader(ctx, currentSubscription).clear(tenant.uuid);
  loader(ctx, subscriptionHistory).clear(tenant.uuid);
  return tenant;
}
