import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DecimalScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-error';
import { DeletedItem } from '../deleted-items';
import { Budget } from './budget.entity';

@ObjectType({ description: 'The budget after the change, or why it was refused' })
export class BudgetPayload {
  @Field(() => Budget, { nullable: true, description: 'The budget as it is now; null when the change was refused' }) budget: Budget | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}

@ObjectType({ description: 'Which budget was deleted, or why it was refused' })
export class BudgetDeletePayload {
  @Field(() => ID, { nullable: true, description: 'Global id of the deleted budget, to drop it from caches; null when refused' }) deletedBudgetId:
    string | null;
  @Field(() => DeletedItem, { nullable: true, description: 'The deleted budget and until when it can be restored; null when refused' })
  deleted: DeletedItem | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}

@ObjectType({ description: 'One day of a budget period' })
export class BudgetBurndownDay {
  @Field(() => GraphQLLocalDate, { description: 'The day (UTC calendar date)' }) date: string;
  @Field(() => DecimalScalar, { description: "Spent on this day, in the budget's currency" }) amount: string;
  @Field(() => DecimalScalar, { description: 'Spent from the start of the period to the end of this day' }) cumulative: string;
}

@ObjectType({ description: "One of a budget's alert thresholds, in money, and when spend reached it" })
export class BudgetThresholdLevel {
  @Field(() => Int, { description: 'The threshold, in percent of the budget amount' }) percent: number;
  @Field(() => DecimalScalar, { description: "The spend that reaches the threshold, in the budget's currency" }) amount: string;
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'The first day the cumulative spend reached it' }) reachedOn: string | null;
}

@ObjectType({ description: 'A budget period day by day, up to today or its end' })
export class BudgetBurndown {
  @Field(() => Budget, { description: 'The budget shown' }) budget: Budget;
  @Field(() => GraphQLLocalDate, { description: 'First day of the period shown' }) periodStart: string;
  @Field(() => GraphQLLocalDate, { description: 'Last day of the period shown, inclusive' }) periodEnd: string;
  @Field(() => DecimalScalar, { description: "The budget's limit for the period" }) amount: string;
  @Field(() => DecimalScalar, { description: 'Spent in the period so far' }) spent: string;
  @Field(() => DecimalScalar, { description: 'amount - spent; negative once over budget' }) remaining: string;
  @Field(() => [BudgetBurndownDay], {
    description: 'Every day from the period start to today or the period end, oldest first (days without costs have amount 0)',
  })
  days: BudgetBurndownDay[];
  @Field(() => [BudgetThresholdLevel], { description: "The budget's alert thresholds, ascending" }) thresholds: BudgetThresholdLevel[];
}
