import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { WorkflowExecution } from './execution.entity';

@ObjectType({ description: 'The execution after the change, or why it was refused' })
export class WorkflowExecutionPayload {
  @Field(() => WorkflowExecution, { nullable: true, description: 'The execution as it is now; null when refused' }) execution: WorkflowExecution | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}
