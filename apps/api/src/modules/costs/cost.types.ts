import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { DecimalScalar } from '../../graphql/scalars';
import { Agent } from '../agents';

@ObjectType({ description: 'Costs of one period and one key of the grouping' })
export class CostBucket {
  @Field(() => GraphQLLocalDate, { description: "First day of the bucket (the filter's first day when there is no interval)" }) period: string;
  @Field(() => String, {
    nullable: true,
    description:
      'The group: an agent or architecture id, a provider or category as its enum value (e.g. ANTHROPIC, AI), a service, tag or region; null for entries without one',
  })
  key: string | null;
  @Field({ description: 'A readable name for the key' }) label: string;
  @Field(() => DecimalScalar, { description: "Total cost in the filter's currency" }) amount: string;
  @Field(() => DecimalScalar, { description: 'Sum of quantities: filter by unit for a meaningful figure' }) quantity: string;
  @Field(() => Int, { description: 'How many cost lines the bucket sums' }) entries: number;
}

@ObjectType({ description: "An agent's spend over a range" })
export class AgentSpend {
  @Field(() => Agent, { nullable: true, description: 'The agent; null if it no longer exists' }) agent: Agent | null;
  @Field(() => DecimalScalar, { description: "What the agent spent over the range, in the filter's currency" }) amount: string;
  @Field(() => Int, { description: 'How many cost lines the amount sums' }) entries: number;
}

@ObjectType({ description: 'A period against the one of the same length just before it' })
export class CostSummary {
  @Field(() => GraphQLLocalDate, { description: 'First day of the range, inclusive' }) from: string;
  @Field(() => GraphQLLocalDate, { description: 'Last day of the range, inclusive' }) to: string;
  @Field(() => GraphQLLocalDate, { description: 'First day of the comparison range just before, inclusive' }) previousFrom: string;
  @Field(() => GraphQLLocalDate, { description: 'Last day of the comparison range (the day before from)' }) previousTo: string;
  @Field({ description: 'ISO 4217 code all amounts are in' }) currency: string;
  @Field(() => DecimalScalar, { description: 'Total cost over the range' }) total: string;
  @Field(() => DecimalScalar, { description: 'Total cost over the comparison range' }) previousTotal: string;
  @Field(() => DecimalScalar, { description: 'total - previousTotal' }) change: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'Change in percent of the previous total, to 2 places; null when that was zero' })
  changePercent: string | null;
  @Field(() => Int, { description: 'How many cost lines the range total sums' }) entries: number;
}

@ObjectType({ description: 'Where the month is heading at its current run rate' })
export class CostForecast {
  @Field(() => GraphQLLocalDate, { description: 'First day of the month forecast' }) monthStart: string;
  @Field(() => GraphQLLocalDate, { description: 'The day the forecast is made from; counted as elapsed' }) asOf: string;
  @Field(() => Int, { description: 'Days from monthStart to asOf, both included' }) daysElapsed: number;
  @Field(() => Int, { description: 'Days in the month (28-31)' }) daysInMonth: number;
  @Field({ description: 'ISO 4217 code all amounts are in' }) currency: string;
  @Field(() => DecimalScalar, { description: 'Spent from monthStart to asOf, inclusive' }) monthToDate: string;
  @Field(() => DecimalScalar, { description: 'monthToDate / daysElapsed' }) dailyRunRate: string;
  @Field(() => DecimalScalar, { description: 'monthToDate + dailyRunRate × the days left' }) projectedMonthEnd: string;
}
