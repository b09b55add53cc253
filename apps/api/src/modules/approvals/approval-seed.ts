import type { TenantScope } from '../../scope';
import { ApprovalDecisionValue } from './approval.entity';
import { decideApproval } from './approval.service';

/** A decision by the scope's member, for the demo seed and jobs, which name the value in words. */
export function decideApprovalRequest(
  ctx: TenantScope,
  requestId: string,
  value: 'approve' | 'reject',
  comment: string,
  formValues: Record<string, unknown> = {},
): Promise<unknown> {
  return decideApproval(ctx, requestId, value === 'approve' ? ApprovalDecisionValue.APPROVE : ApprovalDecisionValue.REJECT, comment, formValues);
}
