import { MaxLength } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { WorkflowExecutionStatus } from './execution.entity';

@InputType({ description: 'Run a workflow now' })
export class WorkflowRunInput {
  @Field(() => ID, { description: 'Global id of the workflow' }) workflowId: string;
  @Field(() => GraphQLJSONObject, { nullable: true, description: "The execution's input, available to conditions as data.input" }) input?: Record<
    string,
    unknown
  > | null;
}

@InputType({ description: 'Cancel a running execution' })
export class WorkflowExecutionCancelInput {
  @Field(() => ID, { description: 'Global id of the execution' }) executionId: string;
  @Field({ defaultValue: '', description: 'Why, at most 500 characters' }) @MaxLength(500) reason: string;
}

@InputType({ description: 'Run the failed node of a failed execution again' })
export class WorkflowExecutionNodeRetryInput {
  @Field(() => ID, { description: 'Global id of the failed node run' }) nodeRunId: string;
}

@InputType({ description: 'Which executions to list' })
export class WorkflowExecutionFilter {
  @Field(() => ID, { nullable: true, description: 'Only executions of this workflow' }) workflowId?: string;
  @Field(() => [WorkflowExecutionStatus], { nullable: true, description: 'Only these statuses' }) statuses?: WorkflowExecutionStatus[];
}
