import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { AgentTask } from './agent-task.entity';

@ObjectType({ description: 'The task after the report, or why it was refused' })
export class AgentTaskPayload {
  @Field(() => AgentTask, { nullable: true, description: 'The task as it is now; null when refused' }) task: AgentTask | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}

@ObjectType({ description: 'The tasks now claimed by the caller' })
export class AgentTasksClaimPayload {
  @Field(() => [AgentTask], { description: 'The claimed tasks, oldest first; empty when none was pending' }) tasks: AgentTask[];
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}
