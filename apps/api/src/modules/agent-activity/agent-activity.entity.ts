import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';

export enum AgentActivityType {
  MESSAGE = 'message',
  TOOL_CALL = 'tool_call',
  ERROR = 'error',
  LIFECYCLE = 'lifecycle',
  STATUS = 'status',
}
registerEnumType(AgentActivityType, { name: 'AgentActivityType' });

@ObjectType({ implements: Node, description: "One event in an agent's append-only activity feed" })
@Entity('agent_activities')
export class AgentActivity implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID)
  get id(): string {
    return toGlobalId('AgentActivity', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Column('uuid') agentId: string;
  @Field(() => AgentActivityType) @Column('text') type: AgentActivityType;
  @Field() @Column('text') summary: string;
  @Field(() => GraphQLJSONObject) @Column('jsonb') details: Record<string, unknown>;
  @Column('uuid', { nullable: true }) actorUserId: string | null;
  @Column('uuid', { nullable: true }) actorApiKeyId: string | null;
  @Field({ description: 'When it happened, as the reporter says' }) @Column('timestamptz') occurredAt: Date;
  @Field({ description: 'When Steward received it' }) @Column('timestamptz') createdAt: Date;
}
