import { Length } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { AgentActivityType } from './agent-activity.entity';

@InputType({ description: "An event to append to an agent's activity feed" })
export class AgentActivityRecordInput {
  @Field(() => ID, { description: 'The agent the event belongs to' }) agentId: string;
  @Field(() => AgentActivityType, { description: 'What kind of event it is' }) type: AgentActivityType;
  @Field({ description: 'One line saying what happened (1-500 characters)' }) @Length(1, 500) summary: string;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Structured detail as a JSON object; empty when not given' }) details?: Record<
    string,
    unknown
  >;
  @Field({ nullable: true, description: 'Defaults to now; at most a minute in the future' }) occurredAt?: Date;
}

@InputType({ description: "Narrows an agent's activity feed" })
export class AgentActivityFilter {
  @Field(() => [AgentActivityType], { nullable: true, description: 'Events of any of these types; all types when null' }) types?: AgentActivityType[];
}
