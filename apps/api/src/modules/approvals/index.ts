import type { StewardModule } from '../module';
import { readById } from '../../graphql/read-model';
import { ApprovalComment, ApprovalDecision, ApprovalRequest, ApprovalStep } from './approval.entity';
import { approvalReads } from './approval.reads';
import { ApprovalCommentResolver, ApprovalDeciderResolver, ApprovalDecisionResolver, ApprovalRequestResolver, ApprovalStepResolver } from './approval.resolver';
import { approvalPermissions } from './approval.rules';
import { ApprovalRequestSubscriptionResolver } from './approval.subscription';

export { registerDecisionListener, registerHeldChangeHandler } from './approval-held';
export type { HeldChangeHandler, HeldChangeOutcome } from './approval-held';
export { requiredApprovals, tally } from './approval-modes';
export {
  ApprovalDeciderKind,
  ApprovalDeciderResolver as ApprovalDeciderRule,
  ApprovalFormFieldType,
  ApprovalMode,
  ApprovalRequest,
  ApprovalRequestStatus,
  ApprovalSubjectKind,
  ApprovalTimeoutAction,
  HeldChangeStatus,
} from './approval.entity';
export type { StoredHeldChange } from './approval.entity';
export { decideApproval, handleApprovalDeadline, openApprovalRequest, SECOND_PERSON_STEP, withdrawApprovals } from './approval.service';
export { approvalReads } from './approval.reads';
export { decideApprovalRequest } from './approval-seed';
export type { ApprovalRequestSpec, ApprovalStepSpec } from './approval.service';

export const approvalsModule: StewardModule = {
  name: 'approvals',
  entities: [ApprovalRequest, ApprovalStep, ApprovalDecision, ApprovalComment],
  resolvers: [
    ApprovalRequestResolver,
    ApprovalRequestSubscriptionResolver,
    ApprovalStepResolver,
    ApprovalDeciderResolver,
    ApprovalDecisionResolver,
    ApprovalCommentResolver,
  ],
  permissions: approvalPermissions,
  nodes: { ApprovalRequest: (ctx, id, selection) => readById(ctx, approvalReads, selection).load(id) },
};
