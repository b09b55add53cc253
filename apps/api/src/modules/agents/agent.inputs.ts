import { ArrayMaxSize, Length, MaxLength } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { DecimalScalar } from '../../graphql/scalars';
import { AgentRole, AgentRuntimeState, AgentStatus, ComplianceStatus, ModelTier, ThinkingMode } from './agent.entity';

const LIST = 50;

@InputType()
export class AgentCreateInput {
  @Field() @Length(1, 120) name: string;
  @Field({ defaultValue: '' }) @MaxLength(2000) description: string;
  @Field(() => AgentRole) role: AgentRole;
  @Field(() => ID, { nullable: true, description: 'A deployed model of the registry' }) modelId?: string | null;
  @Field(() => ModelTier, { nullable: true, description: "Follows from the model when there is one (a different tier is refused); required without a model" })
  modelTier?: ModelTier | null;
  @Field(() => ThinkingMode, { defaultValue: ThinkingMode.OFF }) thinkingMode: ThinkingMode;
  @Field(() => DecimalScalar, { defaultValue: '0' }) costPerRequest: string;
  @Field(() => GraphQLJSONObject, { nullable: true }) configuration?: Record<string, unknown>;
  @Field(() => GraphQLJSONObject, { nullable: true }) toolPolicy?: Record<string, unknown>;
  @Field(() => [String], { defaultValue: [] }) @ArrayMaxSize(LIST) @MaxLength(60, { each: true }) tags: string[];
  @Field(() => [String], { defaultValue: [] }) @ArrayMaxSize(LIST) @MaxLength(200, { each: true }) capabilities: string[];
  @Field(() => [String], { defaultValue: [] }) @ArrayMaxSize(LIST) @MaxLength(200, { each: true }) limitations: string[];
}

@InputType({ description: 'Only the fields given change' })
export class AgentUpdateInput {
  @Field(() => ID) agentId: string;
  @Field({ nullable: true }) @Length(1, 120) name?: string;
  @Field({ nullable: true }) @MaxLength(2000) description?: string;
  @Field(() => AgentRole, { nullable: true }) role?: AgentRole;
  @Field(() => ID, { nullable: true }) modelId?: string | null;
  @Field(() => ModelTier, { nullable: true, description: "Follows a new model; must match the agent's model when it has one" }) modelTier?: ModelTier;
  @Field(() => ThinkingMode, { nullable: true }) thinkingMode?: ThinkingMode;
  @Field(() => AgentRuntimeState, { nullable: true, description: 'Reported by the runtime' }) runtimeState?: AgentRuntimeState;
  @Field(() => DecimalScalar, { nullable: true }) costPerRequest?: string;
  @Field(() => GraphQLJSONObject, { nullable: true }) configuration?: Record<string, unknown>;
  @Field(() => GraphQLJSONObject, { nullable: true }) toolPolicy?: Record<string, unknown>;
  @Field(() => [String], { nullable: true }) @ArrayMaxSize(LIST) @MaxLength(60, { each: true }) tags?: string[];
  @Field(() => [String], { nullable: true }) @ArrayMaxSize(LIST) @MaxLength(200, { each: true }) capabilities?: string[];
  @Field(() => [String], { nullable: true }) @ArrayMaxSize(LIST) @MaxLength(200, { each: true }) limitations?: string[];
}

@InputType()
export class AgentLifecycleInput {
  @Field(() => ID) agentId: string;
  @Field({ nullable: true, description: 'Why, for the audit log' }) @MaxLength(500) reason?: string;
}

@InputType()
export class AgentFilter {
  @Field({ nullable: true, description: 'Matches the name, case-insensitively' }) @MaxLength(100) search?: string;
  @Field(() => [String], { nullable: true, description: 'Agents carrying any of these tags' }) @ArrayMaxSize(20) tags?: string[];
  @Field(() => [AgentStatus], { nullable: true }) statuses?: AgentStatus[];
  @Field(() => [AgentRole], { nullable: true }) roles?: AgentRole[];
  @Field(() => [AgentRuntimeState], { nullable: true }) runtimeStates?: AgentRuntimeState[];
  @Field(() => [ComplianceStatus], { nullable: true }) complianceStatuses?: ComplianceStatus[];
  @Field(() => [ModelTier], { nullable: true }) modelTiers?: ModelTier[];
  @Field(() => ID, { nullable: true }) modelId?: string;
}

