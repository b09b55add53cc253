import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';
import { DecimalScalar } from '../../graphql/scalars';

export enum CostProvider { AWS = 'aws', GCP = 'gcp', AZURE = 'azure', OPENAI = 'openai', ANTHROPIC = 'anthropic', OTHER = 'other' }
registerEnumType(CostProvider, { name: 'CostProvider', description: 'Who billed the cost' });

export enum CostCategory { COMPUTE = 'compute', STORAGE = 'storage', NETWORK = 'network', AI = 'ai', OTHER = 'other' }
registerEnumType(CostCategory, { name: 'CostCategory' });

/** One line of the tenant's cost ledger: append-only, unique per idempotency key. */
@ObjectType({ implements: Node, description: 'A cost or usage line reported for a day' })
@Entity('cost_entries')
export class CostEntry implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID)
  get id(): string {
    return toGlobalId('CostEntry', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Field({ description: "The reporter's key for this line: reporting it again changes nothing" }) @Column('text') idempotencyKey: string;
  @Column('uuid', { nullable: true }) agentId: string | null;
  @Field(() => String, { nullable: true, description: 'Free-text name of the architecture the cost belongs to' })
  @Column('text', { nullable: true })
  architecture: string | null;
  @Field(() => GraphQLLocalDate, { name: 'date' }) @Column('date') incurredOn: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'For admins, developers and analysts' }) @Column('numeric') amount: string;
  @Field() @Column('text') currency: string;
  @Field(() => CostProvider) @Column('text') provider: CostProvider;
  @Field() @Column('text') service: string;
  @Field(() => String, { nullable: true }) @Column('text', { nullable: true }) region: string | null;
  @Field(() => CostCategory) @Column('text') category: CostCategory;
  @Field(() => DecimalScalar) @Column('numeric') quantity: string;
  @Field(() => String, { nullable: true }) @Column('text', { nullable: true }) unit: string | null;
  @Field(() => [String], { description: 'Allocation tags' }) @Column('text', { array: true }) tags: string[];
  @Field() @Column('timestamptz') recordedAt: Date;
}
