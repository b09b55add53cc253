import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { AgentActivity } from './agent-activity.entity';

@ObjectType({ description: 'The recorded event, or why it was refused' })
export class AgentActivityRecordPayload {
  @Field(() => AgentActivity, { nullable: true, description: 'The event as stored; null when it was refused' }) activity: AgentActivity | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}
