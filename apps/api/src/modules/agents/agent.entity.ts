import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';
import { DecimalScalar } from '../../graphql/scalars';
import type { AiModel } from '../ai-models';
import type { User } from '../users';

export enum AgentRole { PM = 'pm', ENGINEERING = 'engineering', OPERATIONS = 'operations', CUSTOM = 'custom' }
registerEnumType(AgentRole, { name: 'AgentRole', description: 'What the agent works as' });

export enum ModelTier { HAIKU = 'haiku', SONNET = 'sonnet', OPUS = 'opus' }
registerEnumType(ModelTier, { name: 'ModelTier' });

export enum ThinkingMode { OFF = 'off', LOW = 'low', HIGH = 'high' }
registerEnumType(ThinkingMode, { name: 'ThinkingMode' });

export enum AgentStatus { DRAFT = 'draft', DEPLOYED = 'deployed', SUSPENDED = 'suspended', ARCHIVED = 'archived' }
registerEnumType(AgentStatus, { name: 'AgentStatus', description: 'Lifecycle: draft → deployed ⇄ suspended → archived (read-only)' });

export enum AgentRuntimeState { ACTIVE = 'active', IDLE = 'idle', ERROR = 'error', PAUSED = 'paused', PROVISIONING = 'provisioning' }
registerEnumType(AgentRuntimeState, { name: 'AgentRuntimeState', description: 'What the runtime last reported' });

export enum ComplianceStatus { COMPLIANT = 'compliant', NON_COMPLIANT = 'non_compliant', PENDING_REVIEW = 'pending_review' }
registerEnumType(ComplianceStatus, { name: 'ComplianceStatus', description: 'Follows from the agent\'s open policy violations' });

@ObjectType({ implements: Node, description: 'An AI agent the enterprise runs, under its governance policies' })
@Entity('agents')
export class Agent implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID)
  get id(): string {
    return toGlobalId('Agent', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Field() @Column('text') name: string;
  @Field() @Column('text') description: string;
  @Field(() => AgentRole) @Column('text') role: AgentRole;
  @Column('uuid', { nullable: true }) modelId: string | null;
  @Field(() => ModelTier) @Column('text') modelTier: ModelTier;
  @Field(() => ThinkingMode) @Column('text') thinkingMode: ThinkingMode;
  @Field(() => AgentStatus) @Column('text') status: AgentStatus;
  @Field(() => AgentRuntimeState) @Column('text') runtimeState: AgentRuntimeState;
  @Field(() => DecimalScalar, { nullable: true, description: 'USD per request; for admins, developers and analysts' })
  @Column('numeric')
  costPerRequest: string;
  @Column('bigint') totalRequests: string;

  @Field(() => Float, { name: 'totalRequests' })
  get totalRequestCount(): number {
    return Number(this.totalRequests);
  }

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Runtime configuration; for admins and developers' })
  @Column('jsonb')
  configuration: Record<string, unknown>;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Which tools the agent may call; for admins and developers' })
  @Column('jsonb')
  toolPolicy: Record<string, unknown>;
  @Field(() => [String]) @Column('text', { array: true }) tags: string[];
  @Field(() => [String]) @Column('text', { array: true }) capabilities: string[];
  @Field(() => [String]) @Column('text', { array: true }) limitations: string[];
  @Field(() => ComplianceStatus) @Column('text') complianceStatus: ComplianceStatus;
  @Field(() => Date, { nullable: true }) @Column('timestamptz', { nullable: true }) deployedAt: Date | null;
  @Field(() => Date, { nullable: true }) @Column('timestamptz', { nullable: true }) lastActiveAt: Date | null;
  @Column('uuid', { nullable: true }) createdById: string | null;
  /** Set when a read joined the relation in (see agent.service.ts withRelations); loaders are primed from them. */
  joinedCreator?: User | null;
  joinedModel?: AiModel | null;
  @Field() @Column('timestamptz') createdAt: Date;
  @Field() @Column('timestamptz') updatedAt: Date;
}
