import { ArrayMaxSize, Length, MaxLength } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { DecimalScalar } from '../../graphql/scalars';
import { AgentRole, AgentRuntimeState, AgentStatus, ComplianceStatus, ModelTier, ThinkingMode } from './agent.entity';

const LIST = 50;

@InputType({ description: 'A new agent; it starts as a draft' })
export class AgentCreateInput {
  @Field({ description: 'Display name, unique in the tenant (1-120 characters)' }) @Length(1, 120) name: string;
  @Field({ defaultValue: '', description: 'What the agent is for (at most 2000 characters)' }) @MaxLength(2000) description: string;
  @Field(() => AgentRole, { description: 'What the agent works as' }) role: AgentRole;
  @Field(() => ID, { nullable: true, description: 'A deployed model of the registry' }) modelId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The cloud architecture the agent runs on (not an archived one)' }) architectureId?: string | null;
  @Field(() => ModelTier, { nullable: true, description: 'Follows from the model when there is one (a different tier is refused); required without a model' })
  modelTier?: ModelTier | null;
  @Field(() => ThinkingMode, { defaultValue: ThinkingMode.OFF, description: 'How much extended reasoning the agent spends per request' })
  thinkingMode: ThinkingMode;
  @Field(() => DecimalScalar, { defaultValue: '0', description: 'USD per request, a decimal string such as "0.0125"' }) costPerRequest: string;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Runtime configuration as a JSON object; empty when not given' }) configuration?: Record<
    string,
    unknown
  >;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Which tools the agent may call, as a JSON object; empty when not given' })
  toolPolicy?: Record<string, unknown>;
  @Field(() => [String], { defaultValue: [], description: 'Free labels (at most 50, each at most 60 characters)' })
  @ArrayMaxSize(LIST)
  @MaxLength(60, { each: true })
  tags: string[];
  @Field(() => [String], { defaultValue: [], description: 'What the agent can do (at most 50 statements of at most 200 characters)' })
  @ArrayMaxSize(LIST)
  @MaxLength(200, { each: true })
  capabilities: string[];
  @Field(() => [String], { defaultValue: [], description: 'What the agent must not or cannot do (at most 50 statements of at most 200 characters)' })
  @ArrayMaxSize(LIST)
  @MaxLength(200, { each: true })
  limitations: string[];
}

@InputType({ description: 'Only the fields given change' })
export class AgentUpdateInput {
  @Field(() => ID, { description: 'The agent to change' }) agentId: string;
  @Field({ nullable: true, description: 'New display name, unique in the tenant (1-120 characters)' }) @Length(1, 120) name?: string;
  @Field({ nullable: true, description: 'New description (at most 2000 characters)' }) @MaxLength(2000) description?: string;
  @Field(() => AgentRole, { nullable: true, description: 'New role' }) role?: AgentRole;
  @Field(() => ID, { nullable: true, description: 'A deployed model of the registry to run on; null detaches the model' }) modelId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The cloud architecture the agent runs on; null detaches it' }) architectureId?: string | null;
  @Field(() => ModelTier, { nullable: true, description: "Follows a new model; must match the agent's model when it has one" }) modelTier?: ModelTier;
  @Field(() => ThinkingMode, { nullable: true, description: 'New reasoning effort' }) thinkingMode?: ThinkingMode;
  @Field(() => AgentRuntimeState, { nullable: true, description: 'Reported by the runtime' }) runtimeState?: AgentRuntimeState;
  @Field(() => DecimalScalar, { nullable: true, description: 'New USD cost per request, a decimal string' }) costPerRequest?: string;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Replaces the runtime configuration (a JSON object)' }) configuration?: Record<
    string,
    unknown
  >;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Replaces the tool policy (a JSON object)' }) toolPolicy?: Record<string, unknown>;
  @Field(() => [String], { nullable: true, description: 'Replaces the tags (at most 50, each at most 60 characters)' })
  @ArrayMaxSize(LIST)
  @MaxLength(60, { each: true })
  tags?: string[];
  @Field(() => [String], { nullable: true, description: 'Replaces the capabilities (at most 50 of at most 200 characters)' })
  @ArrayMaxSize(LIST)
  @MaxLength(200, { each: true })
  capabilities?: string[];
  @Field(() => [String], { nullable: true, description: 'Replaces the limitations (at most 50 of at most 200 characters)' })
  @ArrayMaxSize(LIST)
  @MaxLength(200, { each: true })
  limitations?: string[];
}

@InputType({ description: 'Moves an agent along its lifecycle (deploy, suspend, resume, archive)' })
export class AgentLifecycleInput {
  @Field(() => ID, { description: 'The agent to move' }) agentId: string;
  @Field({ nullable: true, description: 'Why, for the audit log' }) @MaxLength(500) reason?: string;
}

@InputType({ description: 'Narrows a list of agents; conditions combine with AND, a list matches any of its values' })
export class AgentFilter {
  @Field({ nullable: true, description: 'Matches the name, case-insensitively' }) @MaxLength(100) search?: string;
  @Field(() => [String], { nullable: true, description: 'Agents carrying any of these tags' }) @ArrayMaxSize(20) tags?: string[];
  @Field(() => [AgentStatus], { nullable: true, description: 'Agents in any of these lifecycle states' }) statuses?: AgentStatus[];
  @Field(() => [AgentRole], { nullable: true, description: 'Agents with any of these roles' }) roles?: AgentRole[];
  @Field(() => [AgentRuntimeState], { nullable: true, description: 'Agents whose runtime last reported any of these states' })
  runtimeStates?: AgentRuntimeState[];
  @Field(() => [ComplianceStatus], { nullable: true, description: 'Agents with any of these compliance states' }) complianceStatuses?: ComplianceStatus[];
  @Field(() => [ModelTier], { nullable: true, description: 'Agents running at any of these model tiers' }) modelTiers?: ModelTier[];
  @Field(() => ID, { nullable: true, description: 'Agents running on this model' }) modelId?: string;
}
