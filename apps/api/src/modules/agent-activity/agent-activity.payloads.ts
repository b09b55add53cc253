import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { AgentActivity } from './agent-activity.entity';

@ObjectType()
export class AgentActivityRecordPayload {
  @Field(() => AgentActivity, { nullable: true }) activity: AgentActivity | null;
  @Field(() => [UserError]) userErrors: UserError[];
}
