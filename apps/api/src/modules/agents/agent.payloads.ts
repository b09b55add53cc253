import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { PolicyFinding } from '../policies';
import { Agent } from './agent.entity';

@ObjectType({ description: 'The agent after the change, or why it was refused' })
export class AgentPayload {
  @Field(() => Agent, { nullable: true, description: 'The agent as it is now; null when the change was refused' }) agent: Agent | null;
  @Field(() => [PolicyFinding], { description: 'Violations of policies in warn mode: the change was applied' })
  policyWarnings: PolicyFinding[];
  @Field(() => [PolicyFinding], { description: 'Violations of policies in block mode: the change was refused' })
  policyViolations: PolicyFinding[];
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}
