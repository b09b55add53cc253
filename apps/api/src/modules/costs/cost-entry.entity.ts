import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';
import { DecimalScalar } from '../../graphql/scalars';

export enum CostProvider {
  AWS = 'aws',
  GCP = 'gcp',
  AZURE = 'azure',
  OPENAI = 'openai',
  ANTHROPIC = 'anthropic',
  OTHER = 'other',
}
registerEnumType(CostProvider, {
  name: 'CostProvider',
  description: 'Who billed the cost',
  valuesConfig: {
    AWS: { description: 'Amazon Web Services' },
    GCP: { description: 'Google Cloud' },
    AZURE: { description: 'Microsoft Azure' },
    OPENAI: { description: 'OpenAI' },
    ANTHROPIC: { description: 'Anthropic' },
    OTHER: { description: 'Any other provider' },
  },
});

export enum CostCategory {
  COMPUTE = 'compute',
  STORAGE = 'storage',
  NETWORK = 'network',
  AI = 'ai',
  OTHER = 'other',
}
registerEnumType(CostCategory, {
  name: 'CostCategory',
  description: 'What the cost was for: compute, storage, network, AI (model usage) or other',
  valuesConfig: {
    COMPUTE: { description: 'Servers, containers, functions' },
    STORAGE: { description: 'Disks, object storage, databases' },
    NETWORK: { description: 'Data transfer and networking' },
    AI: { description: 'Model usage, e.g. tokens' },
    OTHER: { description: 'Anything else' },
  },
});

/** One line of the tenant's cost ledger: append-only, unique per idempotency key. */
@ObjectType({ implements: Node, description: 'A cost or usage line reported for a day; for admins, developers and analysts' })
@Entity('cost_entries')
export class CostEntry implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Global id of the cost line (use with node(id:))' })
  get id(): string {
    return toGlobalId('CostEntry', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Field({ description: "The reporter's key for this line: reporting it again changes nothing" }) @Column('text') idempotencyKey: string;
  @Column('uuid', { nullable: true }) agentId: string | null;
  /** The architecture whose name the entry gave, when one of that name existed when it was recorded. */
  @Column('uuid', { nullable: true }) architectureId: string | null;
  @Field(() => String, { nullable: true, description: 'Name of the architecture the cost belongs to, as reported (see linkedArchitecture)' })
  @Column('text', { nullable: true })
  architecture: string | null;
  @Field(() => GraphQLLocalDate, { name: 'date', description: 'The day the cost was incurred (UTC calendar date)' }) @Column('date') incurredOn: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'The cost in the currency, a decimal string (zero or more); for admins, developers and analysts' })
  @Column('numeric')
  amount: string;
  @Field({ description: 'ISO 4217 code of the amount, e.g. USD' }) @Column('text') currency: string;
  @Field(() => CostProvider, { description: 'Who billed the cost' }) @Column('text') provider: CostProvider;
  @Field({ description: "The provider's service, e.g. EC2 or a model's name" }) @Column('text') service: string;
  @Field(() => String, { nullable: true, description: "The provider's region, e.g. eu-west-1; null when not reported" })
  @Column('text', { nullable: true })
  region: string | null;
  @Field(() => CostCategory, { description: 'What the cost was for' }) @Column('text') category: CostCategory;
  @Field(() => DecimalScalar, { description: 'Usage measured in unit, a decimal string (0 when not reported)' }) @Column('numeric') quantity: string;
  @Field(() => String, { nullable: true, description: "What quantity counts, e.g. 'requests', 'tokens', 'GB-hours'; null when not reported" })
  @Column('text', { nullable: true })
  unit: string | null;
  @Field(() => [String], { description: 'Allocation tags' }) @Column('text', { array: true }) tags: string[];
  @Field({ description: 'When Steward received the line' }) @Column('timestamptz') recordedAt: Date;
}
