import { ArrayMaxSize, MaxLength } from 'class-validator';
import { GraphQLLocalDate } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, registerEnumType } from 'type-graphql';
import { DecimalScalar } from '../../graphql/scalars';
import { CostCategory, CostProvider } from './cost-entry.entity';

export const MAX_BATCH = 1000;

/** Checked entry by entry in the service, so each problem comes back with its entry's index. */
@InputType({ description: 'One cost or usage line; the idempotency key makes retries safe' })
export class CostEntryInput {
  @Field({ description: 'Unique per tenant: the same key with the same content is a duplicate; with other content, an error' })
  idempotencyKey: string;
  @Field(() => ID, { nullable: true }) agentId?: string | null;
  @Field(() => String, { nullable: true, description: 'Free-text architecture name' }) architecture?: string | null;
  @Field(() => GraphQLLocalDate, { description: 'The day the cost was incurred (UTC); not in the future' }) date: string;
  @Field(() => DecimalScalar, { description: 'Zero or more' }) amount: string;
  @Field({ defaultValue: 'USD', description: 'ISO 4217 code, e.g. USD, EUR' }) currency: string;
  @Field(() => CostProvider) provider: CostProvider;
  @Field() service: string;
  @Field(() => String, { nullable: true }) region?: string | null;
  @Field(() => CostCategory) category: CostCategory;
  @Field(() => DecimalScalar, { defaultValue: '0', description: "With unit 'requests', added to the agent's request count" }) quantity: string;
  @Field(() => String, { nullable: true, description: "e.g. 'requests', 'tokens', 'GB-hours'" }) unit?: string | null;
  @Field(() => [String], { defaultValue: [] }) tags: string[];
}

@InputType()
export class CostEntriesRecordInput {
  @Field(() => [CostEntryInput], { description: `At most ${MAX_BATCH}; recorded all together or not at all` }) entries: CostEntryInput[];
}

export enum CostDimension { AGENT = 'AGENT', PROVIDER = 'PROVIDER', SERVICE = 'SERVICE', CATEGORY = 'CATEGORY', TAG = 'TAG', REGION = 'REGION', ARCHITECTURE = 'ARCHITECTURE' }
registerEnumType(CostDimension, {
  name: 'CostDimension',
  valuesConfig: { TAG: { description: 'An entry with several tags counts towards each of them' } },
});

export enum CostInterval { DAY = 'DAY', WEEK = 'WEEK', MONTH = 'MONTH' }
registerEnumType(CostInterval, { name: 'CostInterval', valuesConfig: { WEEK: { description: 'ISO weeks, starting on Monday' } } });

@InputType({ description: 'Which costs to count; every list matches any of its values. Amounts are never summed across currencies.' })
export class CostFilter {
  @Field({ defaultValue: 'USD' }) currency: string;
  @Field(() => [ID], { nullable: true }) @ArrayMaxSize(100) agentIds?: string[] | null;
  @Field(() => [CostProvider], { nullable: true }) providers?: CostProvider[] | null;
  @Field(() => [String], { nullable: true }) @ArrayMaxSize(50) @MaxLength(120, { each: true }) services?: string[] | null;
  @Field(() => [CostCategory], { nullable: true }) categories?: CostCategory[] | null;
  @Field(() => [String], { nullable: true }) @ArrayMaxSize(50) @MaxLength(60, { each: true }) tags?: string[] | null;
  @Field(() => [String], { nullable: true }) @ArrayMaxSize(50) @MaxLength(60, { each: true }) regions?: string[] | null;
  @Field(() => [String], { nullable: true }) @ArrayMaxSize(50) @MaxLength(120, { each: true }) architectures?: string[] | null;
  @Field(() => [String], { nullable: true }) @ArrayMaxSize(20) @MaxLength(40, { each: true }) units?: string[] | null;
}

@ArgsType()
export class CostRangeArgs {
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'First day, inclusive (default: 29 days before `to`)' }) from?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Last day, inclusive (default: today, UTC)' }) to?: string | null;
}

export const TOP_AGENTS_MAX = 100;
