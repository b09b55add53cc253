import type { GraphQLResolveInfo } from 'graphql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { StewardContext } from '../../context';
import { Selection, readByIdFor } from '../../graphql/read-model';
import { Connection, ConnectionArgs, connectionType } from '../../graphql/connection';
import { expectGlobalId } from '../../graphql/global-id';
import { loader } from '../../graphql/loader';
import { mutate } from '../../graphql/mutation';
import { DecimalScalar } from '../../graphql/scalars';
import { Agent, agentReads } from '../agents';
import { todayUtc } from '../costs';
import { User, userReads } from '../users';
import { Budget } from './budget.entity';
import { BudgetCreateInput, BudgetDeleteInput, BudgetFilter, BudgetUpdateInput } from './budget.inputs';
import { budgetCurrentSpend } from './budget.loaders';
import { BudgetBurndown, BudgetDeletePayload, BudgetPayload } from './budget.payloads';
import { BudgetPeriodRange, periodOf } from './budget-period';
import { budgetBurndown } from './budget-burndown.service';
import { createBudget, deleteBudget, findBudget, listBudgets, updateBudget } from './budget.service';

export const BudgetConnection = connectionType(Budget, 'Budget');

@Resolver(() => Budget)
export class BudgetResolver {
  @Query(() => BudgetConnection, { nullable: true, description: "The tenant's budgets, newest first" })
  budgets(
    @Args() page: ConnectionArgs,
    @Arg('filter', () => BudgetFilter, { nullable: true, description: 'Only budgets matching these conditions; all budgets when null' })
    filter: BudgetFilter | null,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<Budget>> {
    return listBudgets(ctx, page, filter, Selection.of(info, true));
  }

  @Query(() => Budget, { nullable: true, description: 'One budget by id' })
  budget(@Arg('id', () => ID, { description: 'Global id of the budget' }) id: string, @Ctx() ctx: StewardContext): Promise<Budget> {
    return findBudget(ctx, expectGlobalId(id, 'Budget', 'id'));
  }

  @Query(() => BudgetBurndown, { nullable: true, description: 'The current period of a budget day by day, or the period holding `period`' })
  budgetBurndown(
    @Arg('id', () => ID, { description: 'Global id of the budget' }) id: string,
    @Arg('period', () => GraphQLLocalDate, { nullable: true, description: 'Any day of the period to show' }) period: string | null,
    @Ctx() ctx: StewardContext,
  ): Promise<BudgetBurndown> {
    return budgetBurndown(ctx, expectGlobalId(id, 'Budget', 'id'), period);
  }

  @FieldResolver(() => Agent, { nullable: true, description: 'The agent whose costs count, for agent budgets; null for other scopes' })
  agent(@Root() budget: Budget, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<Agent | null> | null {
    return budget.agentId ? readByIdFor(ctx, agentReads, info).load(budget.agentId) : null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who created the budget; null for partner apps or when the user is gone' })
  createdBy(@Root() budget: Budget, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<User | null> | null {
    return budget.createdById ? readByIdFor(ctx, userReads, info).load(budget.createdById) : null;
  }

  @FieldResolver(() => BudgetPeriodRange, { description: 'The period today (UTC) falls in' })
  currentPeriod(@Root() budget: Budget): BudgetPeriodRange {
    return periodOf(budget.period, todayUtc());
  }

  @FieldResolver(() => DecimalScalar, { nullable: true, description: 'Spent in the current period; for admins, developers and analysts' })
  currentSpend(@Root() budget: Budget, @Ctx() ctx: StewardContext): Promise<string> {
    return loader(ctx, budgetCurrentSpend).load(budget.uuid);
  }

  @Mutation(() => BudgetPayload, { nullable: true, description: 'Creates a budget; spend crossing its thresholds raises alerts (admins only)' })
  budgetCreate(@Arg('input', { description: 'The budget to create' }) input: BudgetCreateInput, @Ctx() ctx: StewardContext): Promise<BudgetPayload> {
    return mutate(
      ctx,
      { action: 'budget.create', entityType: 'Budget' },
      async () => ({ budget: await createBudget(ctx, input), userErrors: [] }),
      () => ({ budget: null }),
    );
  }

  @Mutation(() => BudgetPayload, { nullable: true, description: 'Changes a budget; alerts already raised stay' })
  budgetUpdate(
    @Arg('input', { description: 'The budget and the fields to change' }) input: BudgetUpdateInput,
    @Ctx() ctx: StewardContext,
  ): Promise<BudgetPayload> {
    const id = expectGlobalId(input.budgetId, 'Budget', 'input.budgetId');
    return mutate(
      ctx,
      { action: 'budget.update', entityType: 'Budget', entityId: id },
      async () => ({ budget: await updateBudget(ctx, id, input), userErrors: [] }),
      () => ({ budget: null }),
    );
  }

  @Mutation(() => BudgetDeletePayload, {
    nullable: true,
    description: 'Deletes a budget (its alerts stay, without it); restorable with restore until the plan’s retention period ends',
  })
  budgetDelete(@Arg('input', { description: 'The budget to delete' }) input: BudgetDeleteInput, @Ctx() ctx: StewardContext): Promise<BudgetDeletePayload> {
    const id = expectGlobalId(input.budgetId, 'Budget', 'input.budgetId');
    return mutate(
      ctx,
      { action: 'budget.delete', entityType: 'Budget', entityId: id },
      async () => {
        const deleted = await deleteBudget(ctx, id);
        return { deletedBudgetId: deleted.id, deleted, userErrors: [] };
      },
      () => ({ deletedBudgetId: null, deleted: null }),
    );
  }
}
