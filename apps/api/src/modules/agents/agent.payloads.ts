import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { ApprovalRequest } from '../approvals';
import { PolicyFinding } from '../policies';
import { Agent } from './agent.entity';

@ObjectType({ description: 'The agent after the change, or why it was refused' })
export class AgentPayload {
  @Field(() => Agent, { nullable: true, description: 'The agent as it is now; null when the change was refused' }) agent: Agent | null;
  @Field(() => [PolicyFinding], { description: 'Violations of policies in warn mode: the change was applied' })
  policyWarnings: PolicyFinding[];
  @Field(() => [PolicyFinding], { description: 'Violations of policies in block mode: the change was refused' })
  policyViolations: PolicyFinding[];
  @Field(() => ApprovalRequest, {
    nullable: true,
    description: 'Set when a policy in REQUIRE_APPROVAL mode held the change: it is stored, not applied, until this request is approved',
  })
  heldForApproval: ApprovalRequest | null;
  @Field(() => [PolicyFinding], { description: 'Violations of policies in REQUIRE_APPROVAL mode: the change was held for approval' })
  policyHolds: PolicyFinding[];
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}
