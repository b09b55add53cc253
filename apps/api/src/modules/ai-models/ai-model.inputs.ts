import { Length, MaxLength } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { ModelTier } from '../agents';
import { AiModelStatus, AiModelType } from './ai-model.entity';

@InputType({ description: 'A model to add to the registry' })
export class AiModelRegisterInput {
  @Field({ description: 'Model name (1-120 characters); name and version together must be new in the tenant' }) @Length(1, 120) name: string;
  @Field({ description: 'Who supplies the model (1-60 characters)' }) @Length(1, 60) provider: string;
  @Field({ description: 'Version label (1-40 characters)' }) @Length(1, 40) version: string;
  @Field(() => AiModelType, { description: 'What kind of model it is' }) type: AiModelType;
  @Field(() => ModelTier, { nullable: true, description: 'Required for a model agents can run on (llm, vision), refused for the others' })
  tier?: ModelTier | null;
  @Field(() => AiModelStatus, { defaultValue: AiModelStatus.TRAINING, description: 'Initial status; training unless given' }) status: AiModelStatus;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Evaluation results as a JSON object, e.g. accuracy and latency; empty when not given' })
  performanceMetrics?: Record<string, unknown>;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Model configuration as a JSON object; empty when not given' }) configuration?: Record<
    string,
    unknown
  >;
}

@InputType({ description: 'Only the fields given change' })
export class AiModelUpdateInput {
  @Field(() => ID, { description: 'The model to change' }) modelId: string;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Replaces the evaluation results (a JSON object)' }) performanceMetrics?: Record<
    string,
    unknown
  >;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Replaces the configuration (a JSON object)' }) configuration?: Record<string, unknown>;
}

@InputType({ description: 'The model whose lifecycle moves on' })
export class AiModelLifecycleInput {
  @Field(() => ID, { description: 'The model to move' }) modelId: string;
}

@InputType({ description: 'Narrows the model registry; conditions combine with AND, a list matches any of its values' })
export class AiModelFilter {
  @Field({ nullable: true, description: 'Matches name or provider' }) @MaxLength(100) search?: string;
  @Field(() => [AiModelStatus], { nullable: true, description: 'Models in any of these statuses' }) statuses?: AiModelStatus[];
  @Field(() => [AiModelType], { nullable: true, description: 'Models of any of these types' }) types?: AiModelType[];
  @Field({ nullable: true, description: 'Only models an agent can run on (true) or only the others (false)' }) runsAgents?: boolean;
}
