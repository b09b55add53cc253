import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { TenantScope } from '../../scope';
import { byKey, groupedByKey } from '../../graphql/loader';
import { ApprovalComment, ApprovalDecision, ApprovalRequest, ApprovalStep } from './approval.entity';

export const approvalRequestById = (ctx: TenantScope) =>
  new DataLoader<string, ApprovalRequest | null>(async (ids) =>
    byKey(ids, await ctx.tx.manager.findBy(ApprovalRequest, { uuid: In([...ids]), tenantId: ctx.caller.tenantId! }), (r) => r.uuid),
  );

/** The steps of a page of requests, in level order: one statement. */
export const approvalStepsByRequest = (ctx: TenantScope) =>
  new DataLoader<string, ApprovalStep[]>(async (ids) =>
    groupedByKey(
      ids,
      await ctx.tx.manager.find(ApprovalStep, { where: { requestId: In([...ids]), tenantId: ctx.caller.tenantId! }, order: { level: 'ASC' } }),
      (s) => s.requestId,
    ),
  );

export const approvalDecisionsByRequest = (ctx: TenantScope) =>
  new DataLoader<string, ApprovalDecision[]>(async (ids) =>
    groupedByKey(
      ids,
      await ctx.tx.manager.find(ApprovalDecision, { where: { requestId: In([...ids]), tenantId: ctx.caller.tenantId! }, order: { createdAt: 'ASC' } }),
      (d) => d.requestId,
    ),
  );

export const approvalCommentsByRequest = (ctx: TenantScope) =>
  new DataLoader<string, ApprovalComment[]>(async (ids) =>
    groupedByKey(
      ids,
      await ctx.tx.manager.find(ApprovalComment, { where: { requestId: In([...ids]), tenantId: ctx.caller.tenantId! }, order: { createdAt: 'ASC' } }),
      (c) => c.requestId,
    ),
  );
