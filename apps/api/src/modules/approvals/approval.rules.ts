import { processAuthors, violationReaders } from '../../auth/role-groups';
import { anyMember, PermissionMap } from '../../auth/rules';

/**
 * Any member may be named a decider, so any member reads requests and decides; the service checks
 * who may decide which step. What a held change contains (an agent's configuration, a policy's rules)
 * is for those who read policies and violations.
 */
export const approvalPermissions: PermissionMap = {
  Query: { approvalRequests: anyMember, approvalRequest: anyMember, approvalInbox: anyMember, approvalInboxCount: anyMember },
  Subscription: { approvalRequestChanged: anyMember },
  Mutation: {
    approvalRequestApprove: anyMember,
    approvalRequestReject: anyMember,
    approvalRequestComment: anyMember,
    approvalRequestCancel: anyMember,
    approvalRequestCreate: processAuthors,
  },
  ApprovalRequest: { '*': anyMember, heldChange: violationReaders },
  ApprovalRequestConnection: { '*': anyMember },
  ApprovalRequestEdge: { '*': anyMember },
  ApprovalStep: { '*': anyMember },
  ApprovalDecider: { '*': anyMember },
  ApprovalFormField: { '*': anyMember },
  ApprovalDecision: { '*': anyMember },
  ApprovalComment: { '*': anyMember },
  HeldChange: { '*': violationReaders },
  ApprovalRequestPayload: { '*': anyMember },
  ApprovalCommentPayload: { '*': anyMember },
};
