import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';

export enum AgentChannelType {
  SLACK = 'slack',
  EMAIL = 'email',
  WEBHOOK = 'webhook',
}
registerEnumType(AgentChannelType, {
  name: 'AgentChannelType',
  description: 'How the channel delivers: a Slack channel, an email address or an HTTPS webhook',
  valuesConfig: {
    SLACK: { description: 'Posts to a Slack channel (config: channel; secrets: botToken, signingSecret)' },
    EMAIL: { description: 'Sends email (config: address; secret: smtpPassword)' },
    WEBHOOK: { description: 'Calls an HTTPS url (config: url; secret: secret)' },
  },
});

/** A way an agent communicates. Secret settings are sealed (see agent-channel.secrets.ts) and never exposed. */
@ObjectType({ implements: Node, description: 'A way an agent communicates: a Slack channel, an email address or a webhook' })
@Entity('agent_channels')
export class AgentChannel implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Global id of the channel (use with node(id:) and in inputs)' })
  get id(): string {
    return toGlobalId('AgentChannel', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Column('uuid') agentId: string;
  @Field(() => AgentChannelType, { description: 'How the channel delivers' }) @Column('text') type: AgentChannelType;
  @Field({ description: 'Display name of the channel (1-120 characters)' }) @Column('text') name: string;
  @Field({ description: 'Whether the agent uses the channel; a disabled channel keeps its settings' }) @Column('boolean') enabled: boolean;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Settings without their secrets; for admins and developers' })
  @Column('jsonb')
  config: Record<string, unknown>;
  @Column('jsonb', { name: 'secrets' }) sealedSecrets: Record<string, string>;
  @Column('uuid', { nullable: true }) createdById: string | null;
  @Field({ description: 'When the channel was added' }) @Column('timestamptz') createdAt: Date;
  @Field({ description: 'When the channel last changed' }) @Column('timestamptz') updatedAt: Date;

  @Field(() => [String], { description: 'Names of the secret settings that are set; their values are never readable' })
  get configuredSecrets(): string[] {
    return Object.keys(this.sealedSecrets).sort();
  }
}
