import { Length } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { AgentChannelType } from './agent-channel.entity';

const SECRETS = 'Secret settings (slack: botToken, signingSecret; email: smtpPassword; webhook: secret; and any setting whose name contains secret, token, password or key) are stored encrypted and never readable back.';

@InputType()
export class AgentChannelAddInput {
  @Field(() => ID) agentId: string;
  @Field(() => AgentChannelType) type: AgentChannelType;
  @Field() @Length(1, 120) name: string;
  @Field({ defaultValue: true }) enabled: boolean;
  @Field(() => GraphQLJSONObject, { nullable: true, description: `Flat settings: slack needs channel ("#…"), email address, webhook an https url. ${SECRETS}` })
  config?: Record<string, unknown>;
}

@InputType({ description: 'Only the fields given change' })
export class AgentChannelUpdateInput {
  @Field(() => ID) channelId: string;
  @Field({ nullable: true }) @Length(1, 120) name?: string;
  @Field({ nullable: true }) enabled?: boolean;
  @Field(() => GraphQLJSONObject, { nullable: true, description: `Replaces the plain settings. Secrets not named are kept; a secret set to null is removed. ${SECRETS}` })
  config?: Record<string, unknown>;
}

@InputType()
export class AgentChannelRemoveInput {
  @Field(() => ID) channelId: string;
}
