import { DeletedItem, DeletedItemKind, softDelete } from '../deleted-items';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { TenantScope } from '../../scope';
import { Connection, ConnectionArgs, OrderDirection } from '../../graphql/connection';
import { InputChecks, StewardError } from '../../graphql/errors';
import { expectGlobalId } from '../../graphql/global-id';
import { loader } from '../../graphql/loader';
import { readPage, Selection, SqlParams } from '../../graphql/read-model';
import { agentById } from '../agents';
import { Budget, BudgetEnforcement, BudgetScope } from './budget.entity';
import { BudgetCreateInput, BudgetFilter, BudgetUpdateInput } from './budget.inputs';
import { budgetById } from './budget.loaders';
import { budgetReads } from './budget.reads';

const CURRENCY = /^[A-Z]{3}$/;

export function listBudgets(ctx: TenantScope, page: ConnectionArgs, filter: BudgetFilter | null, selection: Selection): Promise<Connection<Budget>> {
  const params = new SqlParams();
  const where = [`b.tenant_id = ${params.add(ctx.caller.tenantId)}`];
  if (filter?.scopes?.length) where.push(`b.scope = ANY(${params.add(filter.scopes)}::text[])`);
  if (filter?.agentId) where.push(`b.agent_id = ${params.add(expectGlobalId(filter.agentId, 'Agent', 'filter.agentId'))}`);
  return readPage(ctx, budgetReads, selection, { alias: 'b', where, params }, page, {
    column: 'b.created_at',
    id: 'b.id',
    direction: OrderDirection.DESC,
    cast: 'timestamptz',
  });
}

export async function findBudget(ctx: TenantScope, budgetId: string): Promise<Budget> {
  const budget = await loader(ctx, budgetById).load(budgetId);
  if (!budget) throw StewardError.notFound('Budget');
  return budget;
}

function snapshot(b: Budget): Record<string, unknown> {
  return {
    name: b.name,
    scope: b.scope,
    agentId: b.agentId,
    tag: b.tag,
    category: b.category,
    period: b.period,
    amount: b.amount,
    currency: b.currency,
    thresholds: b.thresholds,
    enforcement: b.enforcement,
  };
}

function checkTerms(checks: InputChecks, terms: { amount?: string; currency?: string; thresholds?: number[] }): void {
  if (terms.amount !== undefined && (terms.amount.startsWith('-') || !/[1-9]/.test(terms.amount))) checks.add('amount', 'amount must be more than zero');
  if (terms.currency !== undefined && !CURRENCY.test(terms.currency)) checks.add('currency', 'currency must be an ISO 4217 code such as USD');
  const t = terms.thresholds;
  if (t !== undefined && (!t.length || t.some((p) => p < 1 || p > 1000) || new Set(t).size !== t.length)) {
    checks.add('thresholds', 'thresholds must be 1 to 10 different percentages between 1 and 1000');
  }
}

/** The scope's own target, and none of the others'. */
async function scopeTarget(ctx: TenantScope, checks: InputChecks, input: BudgetCreateInput): Promise<Pick<Budget, 'agentId' | 'tag' | 'category'>> {
  const given = { agent: input.agentId != null, tag: input.tag != null, category: input.category != null };
  for (const [scope, present] of Object.entries(given)) {
    const field = scope === 'agent' ? 'agentId' : scope;
    if (present && input.scope !== scope) checks.add(field, `${field} is only for ${scope} budgets`);
    if (!present && input.scope === scope) checks.add(field, `${scope === 'agent' ? 'An' : 'A'} ${scope} budget needs ${field}`);
  }
  if (input.enforcement === BudgetEnforcement.BLOCK && input.scope !== BudgetScope.AGENT) checks.add('enforcement', 'Only agent budgets can block');
  let agentId: string | null = null;
  if (input.agentId && input.scope === BudgetScope.AGENT) {
    agentId = expectGlobalId(input.agentId, 'Agent', 'input.agentId');
    if (!(await loader(ctx, agentById).load(agentId))) checks.add('agentId', 'No such agent in this tenant');
  }
  const tag = input.tag?.trim() || null;
  if (input.scope === BudgetScope.TAG && input.tag != null && !tag) checks.add('tag', 'A tag budget needs a tag');
  return { agentId, tag, category: input.category ?? null };
}

export async function createBudget(ctx: TenantScope, input: BudgetCreateInput): Promise<Budget> {
  const name = input.name.trim();
  const checks = new InputChecks();
  checkTerms(checks, input);
  const target = await scopeTarget(ctx, checks, input);
  checks.refuseIfAny();
  const [row]: { id: string }[] = await ctx.tx.manager.query(
    `INSERT INTO budgets (tenant_id, name, scope, agent_id, tag, category, period, amount, currency, thresholds, enforcement, created_by_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [
      ctx.caller.tenantId,
      name,
      input.scope,
      target.agentId,
      target.tag,
      target.category,
      input.period,
      input.amount,
      input.currency,
      [...input.thresholds].sort((a, b) => a - b),
      input.enforcement,
      ctx.caller.userId,
    ],
  );
  const budget = await ctx.tx.manager.findOneByOrFail(Budget, { uuid: row.id });
  await ctx.audit.record({ action: 'budget.create', entityType: 'Budget', entityId: budget.uuid, entityName: budget.name, after: snapshot(budget) });
  return budget;
}

export async function updateBudget(ctx: TenantScope, budgetId: string, input: BudgetUpdateInput): Promise<Budget> {
  const current = await findBudget(ctx, budgetId);
  const checks = new InputChecks();
  checkTerms(checks, input);
  const changes: Partial<Budget> = {};
  if (input.name !== undefined && input.name.trim() !== current.name) {
    changes.name = input.name.trim();
  }
  for (const key of ['period', 'amount', 'currency', 'enforcement'] as const) if (input[key] != null) (changes as Record<string, unknown>)[key] = input[key];
  if (input.thresholds) changes.thresholds = [...input.thresholds].sort((a, b) => a - b);
  if (changes.enforcement === BudgetEnforcement.BLOCK && current.scope !== BudgetScope.AGENT) checks.add('enforcement', 'Only agent budgets can block');
  checks.refuseIfAny();
  await ctx.tx.manager.update(Budget, { uuid: current.uuid }, { ...changes, updatedAt: new Date() } as QueryDeepPartialEntity<Budget>);
  const budget = await ctx.tx.manager.findOneByOrFail(Budget, { uuid: current.uuid });
  loader(ctx, budgetById).clear(budget.uuid).prime(budget.uuid, budget);
  await ctx.audit.record({
    action: 'budget.update',
    entityType: 'Budget',
    entityId: budget.uuid,
    entityName: budget.name,
    before: snapshot(current),
    after: snapshot(budget),
  });
  return budget;
}

/** Deletes a budget; its alerts stay, as history, without it. */
/** Deletes softly (restorable for the plan's retention period); the delete and its audit entry are the deleted-items module's. */
export async function deleteBudget(ctx: TenantScope, budgetId: string): Promise<DeletedItem> {
  const current = await findBudget(ctx, budgetId);
  return softDelete(ctx, DeletedItemKind.BUDGET, current.uuid);
}
