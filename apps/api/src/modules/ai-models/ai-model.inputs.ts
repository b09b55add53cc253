import { Length, MaxLength } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { ModelTier } from '../agents';
import { AiModelStatus, AiModelType } from './ai-model.entity';

@InputType()
export class AiModelRegisterInput {
  @Field() @Length(1, 120) name: string;
  @Field() @Length(1, 60) provider: string;
  @Field() @Length(1, 40) version: string;
  @Field(() => AiModelType) type: AiModelType;
  @Field(() => ModelTier, { nullable: true, description: 'Required for a model agents can run on (llm, vision), refused for the others' }) tier?: ModelTier | null;
  @Field(() => AiModelStatus, { defaultValue: AiModelStatus.TRAINING }) status: AiModelStatus;
  @Field(() => GraphQLJSONObject, { nullable: true }) performanceMetrics?: Record<string, unknown>;
  @Field(() => GraphQLJSONObject, { nullable: true }) configuration?: Record<string, unknown>;
}

@InputType()
export class AiModelUpdateInput {
  @Field(() => ID) modelId: string;
  @Field(() => AiModelStatus, { nullable: true }) status?: AiModelStatus;
  @Field(() => GraphQLJSONObject, { nullable: true }) performanceMetrics?: Record<string, unknown>;
  @Field(() => GraphQLJSONObject, { nullable: true }) configuration?: Record<string, unknown>;
}

@InputType()
export class AiModelFilter {
  @Field({ nullable: true, description: 'Matches name or provider' }) @MaxLength(100) search?: string;
  @Field(() => [AiModelStatus], { nullable: true }) statuses?: AiModelStatus[];
  @Field(() => [AiModelType], { nullable: true }) types?: AiModelType[];
  @Field({ nullable: true, description: 'Only models an agent can run on (true) or only the others (false)' }) runsAgents?: boolean;
}
