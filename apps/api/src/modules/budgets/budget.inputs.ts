import { ArrayMaxSize, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DecimalScalar } from '../../graphql/scalars';
import { CostCategory } from '../costs';
import { BudgetEnforcement, BudgetPeriod, BudgetScope } from './budget.entity';

@InputType({ description: 'agentId, tag or category go with the scope of the same name, and only with it' })
export class BudgetCreateInput {
  @Field({ description: 'Display name (1-120 characters)' }) @Length(1, 120) name: string;
  @Field(() => BudgetScope, { description: 'Which costs the budget counts; cannot be changed later' }) scope: BudgetScope;
  @Field(() => ID, { nullable: true, description: 'The agent whose costs count; required for agent scope, refused otherwise' }) agentId?: string | null;
  @Field(() => String, { nullable: true, description: 'The tag whose costs count (at most 60 characters); required for tag scope, refused otherwise' })
  @MaxLength(60)
  tag?: string | null;
  @Field(() => CostCategory, { nullable: true, description: 'The category that counts; required for category scope, refused otherwise' })
  category?: CostCategory | null;
  @Field(() => BudgetPeriod, { description: 'How long each period runs' }) period: BudgetPeriod;
  @Field(() => DecimalScalar, { description: 'The limit per period, a decimal string in the currency; more than zero' }) amount: string;
  @Field({ defaultValue: 'USD', description: 'ISO 4217 currency code of the amount; USD unless given' }) currency: string;
  @Field(() => [Int], { defaultValue: [50, 80, 100], description: 'Percentages between 1 and 1000' }) @ArrayMaxSize(10) thresholds: number[];
  @Field(() => BudgetEnforcement, {
    defaultValue: BudgetEnforcement.NOTIFY,
    description: 'What happens at 100%; notify unless given (block is for agent budgets only)',
  })
  enforcement: BudgetEnforcement;
}

@InputType({ description: 'Only the fields given change; the scope of a budget is fixed' })
export class BudgetUpdateInput {
  @Field(() => ID, { description: 'The budget to change' }) budgetId: string;
  @Field({ nullable: true, description: 'New display name (1-120 characters)' }) @Length(1, 120) name?: string;
  @Field(() => BudgetPeriod, { nullable: true, description: 'New period length' }) period?: BudgetPeriod;
  @Field(() => DecimalScalar, { nullable: true, description: 'New limit per period, a decimal string; more than zero' }) amount?: string;
  @Field({ nullable: true, description: 'New ISO 4217 currency code' }) currency?: string;
  @Field(() => [Int], { nullable: true, description: 'Replaces the alert thresholds: percentages between 1 and 1000, at most 10' })
  @ArrayMaxSize(10)
  thresholds?: number[];
  @Field(() => BudgetEnforcement, { nullable: true, description: 'New enforcement (block is for agent budgets only)' }) enforcement?: BudgetEnforcement;
}

@InputType({ description: 'The budget to delete' })
export class BudgetDeleteInput {
  @Field(() => ID, { description: 'The budget to delete' }) budgetId: string;
}

@InputType({ description: 'Narrows a list of budgets; conditions combine with AND' })
export class BudgetFilter {
  @Field(() => [BudgetScope], { nullable: true, description: 'Budgets of any of these scopes' }) scopes?: BudgetScope[];
  @Field(() => ID, { nullable: true, description: "The agent's own budgets" }) agentId?: string;
}
