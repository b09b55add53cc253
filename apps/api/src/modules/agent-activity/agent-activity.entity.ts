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
registerEnumType(AgentActivityType, {
  name: 'AgentActivityType',
  description: 'What kind of event an agent reported: a message, a tool call, an error, a lifecycle change or a status report',
  valuesConfig: {
    MESSAGE: { description: 'A message the agent sent or received' },
    TOOL_CALL: { description: 'A call the agent made to a tool' },
    ERROR: { description: 'Something went wrong in the agent' },
    LIFECYCLE: { description: 'The agent was deployed, suspended, resumed or archived (written by Steward)' },
    STATUS: { description: 'A status report from the runtime' },
  },
});

@ObjectType({ implements: Node, description: "One event in an agent's append-only activity feed" })
@Entity('agent_activities')
export class AgentActivity implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Global id of the event (use with node(id:))' })
  get id(): string {
    return toGlobalId('AgentActivity', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Column('uuid') agentId: string;
  @Field(() => AgentActivityType, { description: 'What kind of event it is' }) @Column('text') type: AgentActivityType;
  @Field({ description: 'One line saying what happened (at most 500 characters)' }) @Column('text') summary: string;
  @Field(() => GraphQLJSONObject, { description: 'Structured detail as reported, a JSON object (empty when none was given)' }) @Column('jsonb') details: Record<
    string,
    unknown
  >;
  @Column('uuid', { nullable: true }) actorUserId: string | null;
  @Column('uuid', { nullable: true }) actorApiKeyId: string | null;
  @Field({ description: 'When it happened, as the reporter says' }) @Column('timestamptz') occurredAt: Date;
  @Field({ description: 'When Steward received it' }) @Column('timestamptz') createdAt: Date;
}
