import { Length } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { AgentChannelType } from './agent-channel.entity';

const SECRETS =
  'Secret settings (slack: botToken, signingSecret, webhookUrl (an incoming-webhook URL, used instead of the bot token when set); email: smtpPassword; webhook: secret; and any setting whose name contains secret, token, password or key) are stored encrypted and never readable back.';

@InputType({ description: 'A communication channel to add to an agent' })
export class AgentChannelAddInput {
  @Field(() => ID, { description: 'The agent that gets the channel' }) agentId: string;
  @Field(() => AgentChannelType, { description: 'How the channel delivers' }) type: AgentChannelType;
  @Field({ description: 'Display name (1-120 characters)' }) @Length(1, 120) name: string;
  @Field({ defaultValue: true, description: 'Whether the agent uses the channel from the start; true unless given' }) enabled: boolean;
  @Field(() => GraphQLJSONObject, { nullable: true, description: `Flat settings: slack needs channel ("#…"), email address, webhook an https url. ${SECRETS}` })
  config?: Record<string, unknown>;
}

@InputType({ description: 'Only the fields given change' })
export class AgentChannelUpdateInput {
  @Field(() => ID, { description: 'The channel to change' }) channelId: string;
  @Field({ nullable: true, description: 'New display name (1-120 characters)' }) @Length(1, 120) name?: string;
  @Field({ nullable: true, description: 'Turns the channel on (true) or off (false)' }) enabled?: boolean;
  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: `Replaces the plain settings. Secrets not named are kept; a secret set to null is removed. ${SECRETS}`,
  })
  config?: Record<string, unknown>;
}

@InputType({ description: 'A channel to remove, with its secrets' })
export class AgentChannelRemoveInput {
  @Field(() => ID, { description: 'The channel to remove' }) channelId: string;
}

@InputType({ description: 'A channel to send a test message to' })
export class AgentChannelSendTestInput {
  @Field(() => ID, { description: 'The channel' }) channelId: string;
}
