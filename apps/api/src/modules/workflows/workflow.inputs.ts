import { IsOptional, Length, MaxLength, ValidateNested } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { WorkflowEvent, WorkflowTriggerKind, WorkflowType } from './workflow.entity';

@InputType({ description: 'What starts a workflow' })
export class WorkflowTriggerInput {
  @Field(() => WorkflowTriggerKind, { description: 'Manual, schedule, webhook or event; give cron or event to match' }) kind: WorkflowTriggerKind;
  @Field(() => String, { nullable: true, description: 'For SCHEDULE: 5-field cron expression (UTC), e.g. "0 6 * * 1"' }) @IsOptional() @MaxLength(120) cron?:
    string | null;
  @Field(() => WorkflowEvent, { nullable: true, description: 'For EVENT: the Steward event' }) event?: WorkflowEvent | null;
}

@InputType({ description: 'A new workflow' })
export class WorkflowCreateInput {
  @Field({ description: 'Name, 1 to 120 characters, unique within the tenant' }) @Length(1, 120) name: string;
  @Field({ defaultValue: '', description: 'What it is for, at most 2000 characters' }) @MaxLength(2000) description: string;
  @Field(() => WorkflowType, { description: 'What kind of workflow it is' }) type: WorkflowType;
  @Field(() => WorkflowTriggerInput, { description: 'What starts it' }) @ValidateNested() trigger: WorkflowTriggerInput;
  @Field(() => GraphQLJSONObject, { description: 'The graph; validated on save, every problem naming its node' }) graph: Record<string, unknown>;
}

@InputType({ description: 'Only the fields given change; any change adds a version' })
export class WorkflowUpdateInput {
  @Field(() => ID, { description: 'Global id of the workflow' }) workflowId: string;
  @Field({ nullable: true, description: 'New name' }) @IsOptional() @Length(1, 120) name?: string;
  @Field({ nullable: true, description: 'New description' }) @IsOptional() @MaxLength(2000) description?: string;
  @Field(() => WorkflowType, { nullable: true, description: 'New type' }) type?: WorkflowType;
  @Field(() => WorkflowTriggerInput, { nullable: true, description: 'New trigger' }) @IsOptional() @ValidateNested() trigger?: WorkflowTriggerInput;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'New graph, replacing the old one' }) graph?: Record<string, unknown>;
}

@InputType({ description: 'A workflow to act on' })
export class WorkflowRefInput {
  @Field(() => ID, { description: 'Global id of the workflow' }) workflowId: string;
}

@InputType({ description: 'Which workflows to list; every condition given must hold' })
export class WorkflowFilter {
  @Field(() => [WorkflowType], { nullable: true, description: 'Only these types; null: all' }) types?: WorkflowType[];
  @Field({ nullable: true, description: 'Matches the name, case-insensitively' }) @IsOptional() @MaxLength(100) search?: string;
}
