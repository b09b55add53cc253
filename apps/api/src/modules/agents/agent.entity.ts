import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';
import { DecimalScalar } from '../../graphql/scalars';
import type { AiModel } from '../ai-models';
import type { User } from '../users';

export enum AgentRole {
  PM = 'pm',
  ENGINEERING = 'engineering',
  OPERATIONS = 'operations',
  CUSTOM = 'custom',
}
registerEnumType(AgentRole, {
  name: 'AgentRole',
  description: 'What the agent works as',
  valuesConfig: {
    PM: { description: 'Product management work' },
    ENGINEERING: { description: 'Software engineering work' },
    OPERATIONS: { description: 'Operations work' },
    CUSTOM: { description: "Any other role, described in the agent's description" },
  },
});

export enum ModelTier {
  HAIKU = 'haiku',
  SONNET = 'sonnet',
  OPUS = 'opus',
}
registerEnumType(ModelTier, {
  name: 'ModelTier',
  description: 'The size class of the model an agent runs on: haiku (small, cheapest), sonnet (medium), opus (largest, dearest)',
  valuesConfig: {
    HAIKU: { description: 'Small, fastest and cheapest' },
    SONNET: { description: 'Medium, the balance of speed and capability' },
    OPUS: { description: 'Largest, most capable and dearest' },
  },
});

export enum ThinkingMode {
  OFF = 'off',
  LOW = 'low',
  HIGH = 'high',
}
registerEnumType(ThinkingMode, {
  name: 'ThinkingMode',
  description: 'How much extended reasoning the agent spends per request: off, low or high (more costs more)',
  valuesConfig: {
    OFF: { description: 'No extended reasoning' },
    LOW: { description: 'Some extended reasoning' },
    HIGH: { description: 'The most extended reasoning, at the highest cost' },
  },
});

export enum AgentStatus {
  DRAFT = 'draft',
  DEPLOYED = 'deployed',
  SUSPENDED = 'suspended',
  ARCHIVED = 'archived',
}
registerEnumType(AgentStatus, {
  name: 'AgentStatus',
  description: 'Lifecycle: draft → deployed ⇄ suspended → archived (read-only)',
  valuesConfig: {
    DRAFT: { description: 'Registered, not yet running' },
    DEPLOYED: { description: 'Running in production' },
    SUSPENDED: { description: 'Stopped for now (by someone, or by a blocking agent budget); can be resumed' },
    ARCHIVED: { description: 'Retired for good; read-only' },
  },
});

export enum AgentRuntimeState {
  ACTIVE = 'active',
  IDLE = 'idle',
  ERROR = 'error',
  PAUSED = 'paused',
  PROVISIONING = 'provisioning',
}
registerEnumType(AgentRuntimeState, {
  name: 'AgentRuntimeState',
  description: 'What the runtime last reported',
  valuesConfig: {
    ACTIVE: { description: 'Working on requests' },
    IDLE: { description: 'Running, with nothing to do' },
    ERROR: { description: 'Running, but failing' },
    PAUSED: { description: 'Paused by the runtime' },
    PROVISIONING: { description: 'Being set up by the runtime' },
  },
});

export enum ComplianceStatus {
  COMPLIANT = 'compliant',
  NON_COMPLIANT = 'non_compliant',
  PENDING_REVIEW = 'pending_review',
}
registerEnumType(ComplianceStatus, {
  name: 'ComplianceStatus',
  description: "Follows from the agent's open policy violations",
  valuesConfig: {
    COMPLIANT: { description: 'No open policy violations' },
    NON_COMPLIANT: { description: 'At least one open policy violation' },
    PENDING_REVIEW: { description: 'Not evaluated against the policies yet' },
  },
});

@ObjectType({ implements: Node, description: 'An AI agent the enterprise runs, under its governance policies' })
@Entity('agents')
export class Agent implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Global id of the agent (use with node(id:) and in inputs)' })
  get id(): string {
    return toGlobalId('Agent', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Field({ description: 'Display name, unique in the tenant (1-120 characters)' }) @Column('text') name: string;
  @Field({ description: 'What the agent is for, free text (empty when not given)' }) @Column('text') description: string;
  @Field(() => AgentRole, { description: 'What the agent works as' }) @Column('text') role: AgentRole;
  @Column('uuid', { nullable: true }) modelId: string | null;
  @Column('uuid', { nullable: true }) architectureId: string | null;
  @Field(() => ModelTier, { description: "The model tier the agent runs at; follows the agent's model when it has one" }) @Column('text') modelTier: ModelTier;
  @Field(() => ThinkingMode, { description: 'How much extended reasoning the agent spends per request' }) @Column('text') thinkingMode: ThinkingMode;
  @Field(() => AgentStatus, { description: 'Where the agent is in its lifecycle (changed by agentDeploy, agentSuspend, agentResume, agentArchive)' })
  @Column('text')
  status: AgentStatus;
  @Field(() => AgentRuntimeState, { description: 'What the runtime last reported about the agent' }) @Column('text') runtimeState: AgentRuntimeState;
  @Field(() => DecimalScalar, { nullable: true, description: 'USD per request; for admins, developers and analysts' })
  @Column('numeric')
  costPerRequest: string;
  @Column('bigint') totalRequests: string;

  @Field(() => Float, { name: 'totalRequests', description: 'Requests the agent has served since it was registered (a count)' })
  get totalRequestCount(): number {
    return Number(this.totalRequests);
  }

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Runtime configuration; for admins and developers' })
  @Column('jsonb')
  configuration: Record<string, unknown>;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Which tools the agent may call; for admins and developers' })
  @Column('jsonb')
  toolPolicy: Record<string, unknown>;
  @Field(() => [String], { description: 'Free labels for grouping and filtering (empty list when none)' }) @Column('text', { array: true }) tags: string[];
  @Field(() => [String], { description: 'What the agent can do, one statement each (empty list when none)' })
  @Column('text', { array: true })
  capabilities: string[];
  @Field(() => [String], { description: 'What the agent must not or cannot do, one statement each (empty list when none)' })
  @Column('text', { array: true })
  limitations: string[];
  @Field(() => ComplianceStatus, { description: "Whether the agent complies with the tenant's policies, from its open policy violations" })
  @Column('text')
  complianceStatus: ComplianceStatus;
  @Field(() => Date, { nullable: true, description: 'When the agent was last deployed; null if it never was' })
  @Column('timestamptz', { nullable: true })
  deployedAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'When the runtime last reported activity; null if it never did' })
  @Column('timestamptz', { nullable: true })
  lastActiveAt: Date | null;
  @Column('uuid', { nullable: true }) createdById: string | null;
  /** Set when a read joined the relation in (see agent.service.ts withRelations); loaders are primed from them. */
  joinedCreator?: User | null;
  joinedModel?: AiModel | null;
  @Field({ description: 'When the agent was registered' }) @Column('timestamptz') createdAt: Date;
  @Field({ description: 'When the agent last changed' }) @Column('timestamptz') updatedAt: Date;
}
