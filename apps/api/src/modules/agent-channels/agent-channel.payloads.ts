import { Field, ID, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { Agent } from '../agents';
import { AgentChannel } from './agent-channel.entity';

@ObjectType({ description: 'The channel after the change, or why it was refused' })
export class AgentChannelPayload {
  @Field(() => AgentChannel, { nullable: true }) channel: AgentChannel | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@ObjectType()
export class AgentChannelRemovePayload {
  @Field(() => ID, { nullable: true }) removedChannelId: string | null;
  @Field(() => Agent, { nullable: true }) agent: Agent | null;
  @Field(() => [UserError]) userErrors: UserError[];
}
