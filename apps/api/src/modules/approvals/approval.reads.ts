import { ReadModel } from '../../graphql/read-model';
import { ApprovalRequest } from './approval.entity';

export const approvalReads = new ReadModel(ApprovalRequest, {
  table: 'approval_requests',
  always: ['uuid', 'requestedById'],
  needs: {
    requestedBy: ['requestedById'],
    currentStep: ['currentLevel'],
    viewerCanDecide: ['currentLevel', 'status', 'requestedById'],
    viewerDecision: ['currentLevel'],
    heldChange: ['heldChange', 'changeStatus', 'changeMessage', 'changeAppliedAt'],
    agent: ['kind', 'subjectId', 'heldChange'],
    policy: ['kind', 'subjectId'],
    findings: ['findings'],
  },
});
