import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { Workflow } from './workflow.entity';

@ObjectType({ description: 'The workflow after the change, or why it was refused' })
export class WorkflowPayload {
  @Field(() => Workflow, { nullable: true, description: 'The workflow as it is now; null when refused' }) workflow: Workflow | null;
  @Field(() => String, {
    nullable: true,
    description: 'For WEBHOOK triggers, when a secret was created or rotated: the secret, shown this once (only its hash is kept)',
  })
  webhookSecret: string | null;
  @Field(() => [UserError], { description: 'What was wrong with the input (graph problems at ["input","graph","nodes",<node id>]); empty on success' })
  userErrors: UserError[];
}
