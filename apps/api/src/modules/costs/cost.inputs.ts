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
  @Field(() => ID, { nullable: true, description: 'The agent the cost belongs to; null for costs not tied to an agent' }) agentId?: string | null;
  @Field(() => ID, {
    nullable: true,
    description: "The tenant's architecture the cost belongs to (global id); spend by architecture counts it exactly. Another tenant's id is refused",
  })
  architectureId?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Architecture name as the reporter knows it; linked to the architecture of that name when there is one and no architectureId is given',
  })
  architecture?: string | null;
  @Field(() => GraphQLLocalDate, { description: 'The day the cost was incurred (UTC); not in the future' }) date: string;
  @Field(() => DecimalScalar, { description: 'Zero or more' }) amount: string;
  @Field({ defaultValue: 'USD', description: 'ISO 4217 code, e.g. USD, EUR' }) currency: string;
  @Field(() => CostProvider, { description: 'Who billed the cost' }) provider: CostProvider;
  @Field({ description: "The provider's service, e.g. EC2 or a model's name" }) service: string;
  @Field(() => String, { nullable: true, description: "The provider's region, e.g. eu-west-1" }) region?: string | null;
  @Field(() => CostCategory, { description: 'What the cost was for' }) category: CostCategory;
  @Field(() => DecimalScalar, { defaultValue: '0', description: "With unit 'requests', added to the agent's request count" }) quantity: string;
  @Field(() => String, { nullable: true, description: "e.g. 'requests', 'tokens', 'GB-hours'" }) unit?: string | null;
  @Field(() => [String], { defaultValue: [], description: 'Allocation tags, e.g. a team or project; budgets of tag scope count the line for each' })
  tags: string[];
}

@InputType({ description: 'A batch of cost and usage lines to record' })
export class CostEntriesRecordInput {
  @Field(() => [CostEntryInput], { description: `At most ${MAX_BATCH}; recorded all together or not at all` }) entries: CostEntryInput[];
}

export enum CostDimension {
  AGENT = 'AGENT',
  PROVIDER = 'PROVIDER',
  SERVICE = 'SERVICE',
  CATEGORY = 'CATEGORY',
  TAG = 'TAG',
  REGION = 'REGION',
  ARCHITECTURE = 'ARCHITECTURE',
}
registerEnumType(CostDimension, {
  name: 'CostDimension',
  description: 'What to group costs by in a rollup: agent, provider, service, category, tag, region or architecture',
  valuesConfig: {
    AGENT: { description: 'Per agent (key: its global id)' },
    PROVIDER: { description: 'Per provider' },
    SERVICE: { description: "Per provider's service" },
    CATEGORY: { description: 'Per category' },
    REGION: { description: 'Per region' },
    ARCHITECTURE: { description: 'Per architecture' },
    TAG: { description: 'An entry with several tags counts towards each of them' },
  },
});

export enum CostInterval {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}
registerEnumType(CostInterval, {
  name: 'CostInterval',
  description: 'The length of the periods a rollup splits its range into (UTC calendar days, weeks or months)',
  valuesConfig: {
    DAY: { description: 'UTC calendar days' },
    MONTH: { description: 'UTC calendar months' },
    WEEK: { description: 'ISO weeks, starting on Monday' },
  },
});

@InputType({ description: 'Which costs to count; every list matches any of its values. Amounts are never summed across currencies.' })
export class CostFilter {
  @Field({ defaultValue: 'USD', description: 'ISO 4217 code: only costs in this currency count; USD unless given' }) currency: string;
  @Field(() => [ID], { nullable: true, description: 'Costs of any of these agents (at most 100)' }) @ArrayMaxSize(100) agentIds?: string[] | null;
  @Field(() => [CostProvider], { nullable: true, description: 'Costs billed by any of these providers' }) providers?: CostProvider[] | null;
  @Field(() => [String], { nullable: true, description: 'Costs of any of these services (at most 50)' })
  @ArrayMaxSize(50)
  @MaxLength(120, { each: true })
  services?: string[] | null;
  @Field(() => [CostCategory], { nullable: true, description: 'Costs in any of these categories' }) categories?: CostCategory[] | null;
  @Field(() => [String], { nullable: true, description: 'Costs carrying any of these tags (at most 50)' })
  @ArrayMaxSize(50)
  @MaxLength(60, { each: true })
  tags?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Costs in any of these regions (at most 50)' })
  @ArrayMaxSize(50)
  @MaxLength(60, { each: true })
  regions?: string[] | null;
  @Field(() => [ID], { nullable: true, description: 'Costs linked to any of these architectures (global ids, at most 50)' })
  @ArrayMaxSize(50)
  architectureIds?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Costs whose reported architecture name is any of these (at most 50)' })
  @ArrayMaxSize(50)
  @MaxLength(120, { each: true })
  architectures?: string[] | null;
  @Field(() => [String], { nullable: true, description: "Costs measured in any of these units, e.g. 'tokens' (at most 20); needed for a meaningful quantity" })
  @ArrayMaxSize(20)
  @MaxLength(40, { each: true })
  units?: string[] | null;
}

@ArgsType()
export class CostRangeArgs {
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'First day, inclusive (default: 29 days before `to`)' }) from?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Last day, inclusive (default: today, UTC)' }) to?: string | null;
}

export const TOP_AGENTS_MAX = 100;
