import { Field, ID, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { Agent } from '../agents';
import { AgentChannel } from './agent-channel.entity';
import { ChannelDelivery } from './agent-channel-delivery.entity';

@ObjectType({ description: 'The channel after the change, or why it was refused' })
export class AgentChannelPayload {
  @Field(() => AgentChannel, { nullable: true, description: 'The channel as it is now; null when the change was refused' }) channel: AgentChannel | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}

@ObjectType({ description: 'Which channel was removed and its agent afterwards, or why it was refused' })
export class AgentChannelRemovePayload {
  @Field(() => ID, { nullable: true, description: 'Global id of the removed channel, to drop it from caches; null when refused' }) removedChannelId:
    string | null;
  @Field(() => Agent, { nullable: true, description: 'The agent the channel belonged to, as it is now; null when refused' }) agent: Agent | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}

@ObjectType({ description: 'The queued test message, or why it was refused' })
export class AgentChannelDeliveryPayload {
  @Field(() => ChannelDelivery, { nullable: true, description: 'The delivery, queued; null when refused' }) delivery: ChannelDelivery | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}
