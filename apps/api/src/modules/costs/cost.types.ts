import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { DecimalScalar } from '../../graphql/scalars';
import { Agent } from '../agents';

@ObjectType({ description: 'Costs of one period and one key of the grouping' })
export class CostBucket {
  @Field(() => GraphQLLocalDate, { description: 'First day of the bucket (the filter\'s first day when there is no interval)' }) period: string;
  @Field(() => String, { nullable: true, description: 'The group: an agent id, a provider or category as its enum value (e.g. ANTHROPIC, AI), a service, tag, region or architecture; null for entries without one' })
  key: string | null;
  @Field({ description: 'A readable name for the key' }) label: string;
  @Field(() => DecimalScalar) amount: string;
  @Field(() => DecimalScalar, { description: 'Sum of quantities: filter by unit for a meaningful figure' }) quantity: string;
  @Field(() => Int) entries: number;
}

@ObjectType({ description: "An agent's spend over a range" })
export class AgentSpend {
  @Field(() => Agent, { nullable: true }) agent: Agent | null;
  @Field(() => DecimalScalar) amount: string;
  @Field(() => Int) entries: number;
}

@ObjectType({ description: 'A period against the one of the same length just before it' })
export class CostSummary {
  @Field(() => GraphQLLocalDate) from: string;
  @Field(() => GraphQLLocalDate) to: string;
  @Field(() => GraphQLLocalDate) previousFrom: string;
  @Field(() => GraphQLLocalDate) previousTo: string;
  @Field() currency: string;
  @Field(() => DecimalScalar) total: string;
  @Field(() => DecimalScalar) previousTotal: string;
  @Field(() => DecimalScalar, { description: 'total - previousTotal' }) change: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'Change in percent of the previous total, to 2 places; null when that was zero' })
  changePercent: string | null;
  @Field(() => Int) entries: number;
}

@ObjectType({ description: 'Where the month is heading at its current run rate' })
export class CostForecast {
  @Field(() => GraphQLLocalDate) monthStart: string;
  @Field(() => GraphQLLocalDate) asOf: string;
  @Field(() => Int) daysElapsed: number;
  @Field(() => Int) daysInMonth: number;
  @Field() currency: string;
  @Field(() => DecimalScalar) monthToDate: string;
  @Field(() => DecimalScalar, { description: 'monthToDate / daysElapsed' }) dailyRunRate: string;
  @Field(() => DecimalScalar, { description: 'monthToDate + dailyRunRate × the days left' }) projectedMonthEnd: string;
}
