import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DecimalScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-error';
import { Budget } from './budget.entity';

@ObjectType()
export class BudgetPayload {
  @Field(() => Budget, { nullable: true }) budget: Budget | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@ObjectType()
export class BudgetDeletePayload {
  @Field(() => ID, { nullable: true }) deletedBudgetId: string | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@ObjectType({ description: 'One day of a budget period' })
export class BudgetBurndownDay {
  @Field(() => GraphQLLocalDate) date: string;
  @Field(() => DecimalScalar) amount: string;
  @Field(() => DecimalScalar, { description: 'Spent from the start of the period to the end of this day' }) cumulative: string;
}

@ObjectType()
export class BudgetThresholdLevel {
  @Field(() => Int) percent: number;
  @Field(() => DecimalScalar) amount: string;
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'The first day the cumulative spend reached it' }) reachedOn: string | null;
}

@ObjectType({ description: 'A budget period day by day, up to today or its end' })
export class BudgetBurndown {
  @Field(() => Budget) budget: Budget;
  @Field(() => GraphQLLocalDate) periodStart: string;
  @Field(() => GraphQLLocalDate) periodEnd: string;
  @Field(() => DecimalScalar) amount: string;
  @Field(() => DecimalScalar) spent: string;
  @Field(() => DecimalScalar, { description: 'amount - spent; negative once over budget' }) remaining: string;
  @Field(() => [BudgetBurndownDay]) days: BudgetBurndownDay[];
  @Field(() => [BudgetThresholdLevel]) thresholds: BudgetThresholdLevel[];
}
