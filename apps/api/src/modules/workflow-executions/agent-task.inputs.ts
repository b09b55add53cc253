import { IsInt, Max, MaxLength, Min } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DecimalScalar } from '../../graphql/scalars';
import { CostProvider } from '../costs';
import { AgentTaskOutcome, AgentTaskStatus } from './agent-task.entity';

@InputType({ description: "Which of an agent's tasks to list" })
export class AgentTaskFilter {
  @Field(() => [AgentTaskStatus], { nullable: true, description: 'Only tasks in these statuses' }) statuses?: AgentTaskStatus[] | null;
}

@InputType({ description: "Claim an agent's pending tasks (its runtime, with an API key)" })
export class AgentTasksClaimInput {
  @Field(() => ID, { description: 'Global id of the agent whose tasks to claim' }) agentId: string;
  @Field(() => Int, { defaultValue: 1, description: 'How many tasks at most, 1 to 20' }) @IsInt() @Min(1) @Max(20) limit: number;
}

@InputType({ description: 'Report how far a claimed task is' })
export class AgentTaskProgressInput {
  @Field(() => ID, { description: 'Global id of the task' }) taskId: string;
  @Field(() => Int, { description: 'Progress, 0 to 100' }) @IsInt() @Min(0) @Max(100) progress: number;
  @Field({ defaultValue: '', description: 'What the runtime is doing, at most 500 characters' }) @MaxLength(500) message: string;
}

@InputType({ description: "Report a task's result with the tokens and cost it took; sending the same report again changes nothing" })
export class AgentTaskCompleteInput {
  @Field(() => ID, { description: 'Global id of the task' }) taskId: string;
  @Field(() => AgentTaskOutcome, { description: 'Done, or failed' }) outcome: AgentTaskOutcome;
  @Field(() => CostProvider, { description: 'Who served the model' }) provider: CostProvider;
  @Field({ description: "The model's name, e.g. claude-opus-4" }) @MaxLength(120) model: string;
  @Field(() => Int, { description: 'Prompt tokens used' }) @IsInt() @Min(0) promptTokens: number;
  @Field(() => Int, { description: 'Completion tokens used' }) @IsInt() @Min(0) completionTokens: number;
  @Field(() => DecimalScalar, { description: 'What it cost, zero or more; recorded as a cost entry of category AI' }) cost: string;
  @Field({ defaultValue: 'USD', description: 'ISO 4217 code of cost' }) currency: string;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The result (SUCCEEDED)' }) output?: Record<string, unknown> | null;
  @Field(() => String, { nullable: true, description: 'Why it failed (FAILED), at most 2000 characters' }) @MaxLength(2000) error?: string | null;
}
