import { Length } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { AgentActivityType } from './agent-activity.entity';

@InputType()
export class AgentActivityRecordInput {
  @Field(() => ID) agentId: string;
  @Field(() => AgentActivityType) type: AgentActivityType;
  @Field() @Length(1, 500) summary: string;
  @Field(() => GraphQLJSONObject, { nullable: true }) details?: Record<string, unknown>;
  @Field({ nullable: true, description: 'Defaults to now; at most a minute in the future' }) occurredAt?: Date;
}

@InputType()
export class AgentActivityFilter {
  @Field(() => [AgentActivityType], { nullable: true }) types?: AgentActivityType[];
}
