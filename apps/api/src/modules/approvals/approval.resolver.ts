import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { StewardContext } from '../../context';
import { Connection, ConnectionArgs, connectionType } from '../../graphql/connection';
import { expectGlobalId } from '../../graphql/global-id';
import { loader } from '../../graphql/loader';
import { readById, Selection } from '../../graphql/read-model';
import { mutate } from '../../graphql/mutation';
import { User, userById } from '../users';
import { requiredApprovals } from './approval-modes';
import {
  ApprovalComment,
  ApprovalDecider,
  ApprovalDecision,
  ApprovalDecisionValue,
  ApprovalRequest,
  ApprovalRequestStatus,
  ApprovalStep,
  HeldChange,
} from './approval.entity';
import {
  ApprovalRequestApproveInput,
  ApprovalRequestCancelInput,
  ApprovalRequestCommentInput,
  ApprovalRequestCreateInput,
  ApprovalRequestFilter,
  ApprovalRequestRejectInput,
} from './approval.inputs';
import { approvalCommentsByRequest, approvalDecisionsByRequest, approvalStepsByRequest } from './approval.loaders';
import { ApprovalCommentPayload, ApprovalRequestPayload } from './approval.payloads';
import { approvalReads } from './approval.reads';
import { approvalInbox, cancelApproval, commentOnApproval, createApproval, decideApproval, findApproval, inboxCount, listApprovals } from './approval.service';

export const ApprovalRequestConnection = connectionType(ApprovalRequest, 'ApprovalRequest');

const noRequest = () => ({ approvalRequest: null });

function requestIdOf(input: { requestId: string }): string {
  return expectGlobalId(input.requestId, 'ApprovalRequest', 'input.requestId');
}

async function stepOf(ctx: StewardContext, request: ApprovalRequest): Promise<ApprovalStep | null> {
  if (request.currentLevel == null) return null;
  const steps = await loader(ctx, approvalStepsByRequest).load(request.uuid);
  return steps.find((s) => s.level === request.currentLevel) ?? null;
}

async function myDecision(ctx: StewardContext, request: ApprovalRequest): Promise<ApprovalDecision | null> {
  const step = await stepOf(ctx, request);
  if (!step || !ctx.caller.userId) return null;
  const decisions = await loader(ctx, approvalDecisionsByRequest).load(request.uuid);
  return decisions.find((d) => d.stepId === step.uuid && d.deciderId === ctx.caller.userId) ?? null;
}

@Resolver(() => ApprovalRequest)
export class ApprovalRequestResolver {
  @Query(() => ApprovalRequestConnection, { nullable: true, description: "The tenant's approval requests, newest first" })
  approvalRequests(
    @Args() page: ConnectionArgs,
    @Arg('filter', () => ApprovalRequestFilter, { nullable: true, description: 'Only requests matching these conditions; all when null' })
    filter: ApprovalRequestFilter | null,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<ApprovalRequest>> {
    return listApprovals(ctx, page, filter, Selection.of(info, true));
  }

  @Query(() => ApprovalRequestConnection, {
    nullable: true,
    description: 'Pending requests whose current step the caller may decide and has not decided yet: soonest deadline first, those without one last',
  })
  approvalInbox(@Args() page: ConnectionArgs, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<Connection<ApprovalRequest>> {
    return approvalInbox(ctx, page, Selection.of(info, true));
  }

  @Query(() => Int, { nullable: true, description: 'How many requests wait for the caller (approvalInbox), for a badge' })
  approvalInboxCount(@Ctx() ctx: StewardContext): Promise<number> {
    return inboxCount(ctx);
  }

  @Query(() => ApprovalRequest, { nullable: true, description: 'One approval request by id' })
  async approvalRequest(
    @Arg('id', () => ID, { description: 'Global id of the request' }) id: string,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ApprovalRequest | null> {
    return readById(ctx, approvalReads, Selection.of(info)).load(expectGlobalId(id, 'ApprovalRequest', 'id'));
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who asked; null when an API key or Steward itself asked' })
  requestedBy(@Root() request: ApprovalRequest, @Ctx() ctx: StewardContext): Promise<User | null> | null {
    return request.requestedById ? loader(ctx, userById).load(request.requestedById) : null;
  }

  @FieldResolver(() => [ApprovalStep], { description: 'The chain, in order' })
  steps(@Root() request: ApprovalRequest, @Ctx() ctx: StewardContext): Promise<ApprovalStep[]> {
    return loader(ctx, approvalStepsByRequest).load(request.uuid);
  }

  @FieldResolver(() => ApprovalStep, { nullable: true, description: 'The step open now; null once the request is decided' })
  currentStep(@Root() request: ApprovalRequest, @Ctx() ctx: StewardContext): Promise<ApprovalStep | null> {
    return stepOf(ctx, request);
  }

  @FieldResolver(() => [ApprovalDecision], { description: 'Every decision on every step, oldest first' })
  decisions(@Root() request: ApprovalRequest, @Ctx() ctx: StewardContext): Promise<ApprovalDecision[]> {
    return loader(ctx, approvalDecisionsByRequest).load(request.uuid);
  }

  @FieldResolver(() => [ApprovalComment], { description: 'Comments, oldest first' })
  comments(@Root() request: ApprovalRequest, @Ctx() ctx: StewardContext): Promise<ApprovalComment[]> {
    return loader(ctx, approvalCommentsByRequest).load(request.uuid);
  }

  @FieldResolver(() => Boolean, { description: 'The caller is a decider of the current step and has not decided it yet' })
  async viewerCanDecide(@Root() request: ApprovalRequest, @Ctx() ctx: StewardContext): Promise<boolean> {
    if (request.status !== ApprovalRequestStatus.PENDING || !ctx.caller.userId || ctx.caller.userId === request.requestedById) return false;
    const step = await stepOf(ctx, request);
    return Boolean(step?.eligibleIds.includes(ctx.caller.userId)) && !(await myDecision(ctx, request));
  }

  @FieldResolver(() => ApprovalDecision, { nullable: true, description: "The caller's decision on the current step, if any" })
  viewerDecision(@Root() request: ApprovalRequest, @Ctx() ctx: StewardContext): Promise<ApprovalDecision | null> {
    return myDecision(ctx, request);
  }

  @FieldResolver(() => HeldChange, { nullable: true, description: 'The change held until the request is decided (agent and policy changes); null otherwise' })
  heldChange(@Root() request: ApprovalRequest): HeldChange | null {
    if (!request.heldChange || !request.changeStatus) return null;
    return {
      action: request.heldChange.action,
      before: request.heldChange.before,
      after: request.heldChange.after,
      status: request.changeStatus,
      outcomeMessage: request.changeMessage,
      appliedAt: request.changeAppliedAt,
    };
  }

  @Mutation(() => ApprovalRequestPayload, { nullable: true, description: 'Approves the current step of a request as one of its deciders; final' })
  approvalRequestApprove(
    @Arg('input', { description: 'The request, a comment and the form values' }) input: ApprovalRequestApproveInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ApprovalRequestPayload> {
    const id = requestIdOf(input);
    return mutate(
      ctx,
      { action: 'approval.approve', entityType: 'ApprovalRequest', entityId: id },
      async () => ({ approvalRequest: await decideApproval(ctx, id, ApprovalDecisionValue.APPROVE, input.comment, input.formValues ?? {}), userErrors: [] }),
      noRequest,
    );
  }

  @Mutation(() => ApprovalRequestPayload, { nullable: true, description: 'Rejects the current step of a request as one of its deciders, with a reason; final' })
  approvalRequestReject(
    @Arg('input', { description: 'The request, the reason and the form values' }) input: ApprovalRequestRejectInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ApprovalRequestPayload> {
    const id = requestIdOf(input);
    return mutate(
      ctx,
      { action: 'approval.reject', entityType: 'ApprovalRequest', entityId: id },
      async () => ({ approvalRequest: await decideApproval(ctx, id, ApprovalDecisionValue.REJECT, input.comment, input.formValues ?? {}), userErrors: [] }),
      noRequest,
    );
  }

  @Mutation(() => ApprovalRequestPayload, {
    nullable: true,
    description: 'Withdraws a pending request (its requester or an admin); a held change is discarded',
  })
  approvalRequestCancel(
    @Arg('input', { description: 'The request and why' }) input: ApprovalRequestCancelInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ApprovalRequestPayload> {
    const id = requestIdOf(input);
    return mutate(
      ctx,
      { action: 'approval.cancel', entityType: 'ApprovalRequest', entityId: id },
      async () => ({ approvalRequest: await cancelApproval(ctx, id, input.reason), userErrors: [] }),
      noRequest,
    );
  }

  @Mutation(() => ApprovalCommentPayload, { nullable: true, description: 'Adds a comment to a request' })
  approvalRequestComment(
    @Arg('input', { description: 'The request and the comment' }) input: ApprovalRequestCommentInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ApprovalCommentPayload> {
    const id = requestIdOf(input);
    return mutate(
      ctx,
      { action: 'approval.comment', entityType: 'ApprovalRequest', entityId: id },
      async () => {
        await findApproval(ctx, id);
        return { comment: await commentOnApproval(ctx, id, input.body), userErrors: [] };
      },
      () => ({ comment: null }),
    );
  }

  @Mutation(() => ApprovalRequestPayload, {
    nullable: true,
    description: 'Asks for a decision directly: a chain of steps with their deciders, deadlines and a form',
  })
  approvalRequestCreate(
    @Arg('input', { description: 'The request' }) input: ApprovalRequestCreateInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ApprovalRequestPayload> {
    return mutate(
      ctx,
      { action: 'approval.request', entityType: 'ApprovalRequest' },
      async () => ({ approvalRequest: await createApproval(ctx, input), userErrors: [] }),
      noRequest,
    );
  }
}

@Resolver(() => ApprovalStep)
export class ApprovalStepResolver {
  @FieldResolver(() => Int, { description: 'Approvals the step needs: 1 (SINGLE), N (ANY_N), M (UNANIMOUS), floor(M/2)+1 (MAJORITY)' })
  requiredApprovals(@Root() step: ApprovalStep): number {
    return requiredApprovals(step.mode, step.eligibleIds.length, step.requiredCount);
  }

  @FieldResolver(() => [User], { description: 'The people who may decide, resolved when the step opened (the requester left out); empty while waiting' })
  async eligibleDeciders(@Root() step: ApprovalStep, @Ctx() ctx: StewardContext): Promise<User[]> {
    const users = await loader(ctx, userById).loadMany(step.eligibleIds);
    return users.filter((u): u is User => u instanceof User);
  }

  @FieldResolver(() => Int, { description: 'Approvals so far' })
  async approvals(@Root() step: ApprovalStep, @Ctx() ctx: StewardContext): Promise<number> {
    return (await loader(ctx, approvalDecisionsByRequest).load(step.requestId)).filter(
      (d) => d.stepId === step.uuid && d.value === ApprovalDecisionValue.APPROVE,
    ).length;
  }

  @FieldResolver(() => Int, { description: 'Rejections so far' })
  async rejections(@Root() step: ApprovalStep, @Ctx() ctx: StewardContext): Promise<number> {
    return (await loader(ctx, approvalDecisionsByRequest).load(step.requestId)).filter(
      (d) => d.stepId === step.uuid && d.value === ApprovalDecisionValue.REJECT,
    ).length;
  }
}

@Resolver(() => ApprovalDecider)
export class ApprovalDeciderResolver {
  @FieldResolver(() => User, { nullable: true, description: 'For MEMBER: the member' })
  user(@Root() decider: ApprovalDecider, @Ctx() ctx: StewardContext): Promise<User | null> | null {
    return decider.userId ? loader(ctx, userById).load(decider.userId) : null;
  }
}

@Resolver(() => ApprovalDecision)
export class ApprovalDecisionResolver {
  @FieldResolver(() => User, { nullable: true, description: 'Who decided; null when Steward decided by default at a deadline' })
  decider(@Root() decision: ApprovalDecision, @Ctx() ctx: StewardContext): Promise<User | null> | null {
    return decision.deciderId ? loader(ctx, userById).load(decision.deciderId) : null;
  }
}

@Resolver(() => ApprovalComment)
export class ApprovalCommentResolver {
  @FieldResolver(() => User, { nullable: true, description: 'Who wrote it' })
  author(@Root() comment: ApprovalComment, @Ctx() ctx: StewardContext): Promise<User | null> | null {
    return comment.authorId ? loader(ctx, userById).load(comment.authorId) : null;
  }
}
