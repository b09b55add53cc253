import { ArrayMaxSize, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DecimalScalar } from '../../graphql/scalars';
import { CostCategory } from '../costs';
import { BudgetEnforcement, BudgetPeriod, BudgetScope } from './budget.entity';

@InputType({ description: 'agentId, tag or category go with the scope of the same name, and only with it' })
export class BudgetCreateInput {
  @Field() @Length(1, 120) name: string;
  @Field(() => BudgetScope) scope: BudgetScope;
  @Field(() => ID, { nullable: true }) agentId?: string | null;
  @Field(() => String, { nullable: true }) @MaxLength(60) tag?: string | null;
  @Field(() => CostCategory, { nullable: true }) category?: CostCategory | null;
  @Field(() => BudgetPeriod) period: BudgetPeriod;
  @Field(() => DecimalScalar, { description: 'More than zero' }) amount: string;
  @Field({ defaultValue: 'USD' }) currency: string;
  @Field(() => [Int], { defaultValue: [50, 80, 100], description: 'Percentages between 1 and 1000' }) @ArrayMaxSize(10) thresholds: number[];
  @Field(() => BudgetEnforcement, { defaultValue: BudgetEnforcement.NOTIFY }) enforcement: BudgetEnforcement;
}

@InputType({ description: 'Only the fields given change; the scope of a budget is fixed' })
export class BudgetUpdateInput {
  @Field(() => ID) budgetId: string;
  @Field({ nullable: true }) @Length(1, 120) name?: string;
  @Field(() => BudgetPeriod, { nullable: true }) period?: BudgetPeriod;
  @Field(() => DecimalScalar, { nullable: true }) amount?: string;
  @Field({ nullable: true }) currency?: string;
  @Field(() => [Int], { nullable: true }) @ArrayMaxSize(10) thresholds?: number[];
  @Field(() => BudgetEnforcement, { nullable: true }) enforcement?: BudgetEnforcement;
}

@InputType()
export class BudgetDeleteInput {
  @Field(() => ID) budgetId: string;
}

@InputType()
export class BudgetFilter {
  @Field(() => [BudgetScope], { nullable: true }) scopes?: BudgetScope[];
  @Field(() => ID, { nullable: true, description: "The agent's own budgets" }) agentId?: string;
}
