import type { GraphQLResolveInfo } from 'graphql';
import { Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { StewardContext } from '../../context';
import { readByIdFor } from '../../graphql/read-model';
import { Agent, agentReads } from '../agents';
import { ApprovalRequest, ApprovalSubjectKind } from '../approvals';
import { PolicyFinding } from './policy-finding.type';
import { Policy } from './policy.entity';
import { policyReads } from './policy.reads';

/**
 * What a held change is about, served here because this module knows agents, policies and findings
 * (the approvals module knows none of them).
 */
@Resolver(() => ApprovalRequest)
export class ApprovalSubjectResolver {
  @FieldResolver(() => Agent, {
    nullable: true,
    description: 'AGENT_CHANGE: the agent the held change is for; null for other kinds and for a held registration not applied',
  })
  agent(@Root() request: ApprovalRequest, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<Agent | null> | null {
    if (request.kind !== ApprovalSubjectKind.AGENT_CHANGE || !request.subjectId) return null;
    return readByIdFor(ctx, agentReads, info).load(request.subjectId);
  }

  @FieldResolver(() => Policy, { nullable: true, description: 'POLICY_CHANGE: the policy the held change is for; null for other kinds' })
  policy(@Root() request: ApprovalRequest, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<Policy | null> | null {
    if (request.kind !== ApprovalSubjectKind.POLICY_CHANGE || !request.subjectId) return null;
    return readByIdFor(ctx, policyReads, info).load(request.subjectId);
  }

  @FieldResolver(() => [PolicyFinding], { description: 'AGENT_CHANGE: the findings of the REQUIRE_APPROVAL policies that held the change; empty otherwise' })
  findings(@Root() request: ApprovalRequest): PolicyFinding[] {
    return (request.findings ?? []) as unknown as PolicyFinding[];
  }
}
