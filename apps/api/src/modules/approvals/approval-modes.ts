import { ApprovalMode } from './approval.entity';

/**
 * How many approvals a step needs of its M eligible deciders. MAJORITY is strictly more than half:
 * floor(M/2) + 1, so with an even M a tie (2 of 4) does not approve.
 */
export function requiredApprovals(mode: ApprovalMode, eligible: number, n: number | null): number {
  switch (mode) {
    case ApprovalMode.SINGLE:
      return 1;
    case ApprovalMode.ANY_N:
      return n ?? 1;
    case ApprovalMode.UNANIMOUS:
      return eligible;
    case ApprovalMode.MAJORITY:
      return Math.floor(eligible / 2) + 1;
  }
}

export type Tally = 'approved' | 'rejected' | 'pending';

/**
 * The step's outcome after the decisions so far. A step is rejected as soon as the approvals it needs
 * can no longer be reached by those who have not decided; SINGLE is decided by the first decision.
 */
export function tally(mode: ApprovalMode, eligible: number, n: number | null, approvals: number, rejections: number): Tally {
  if (mode === ApprovalMode.SINGLE) return approvals > 0 ? 'approved' : rejections > 0 ? 'rejected' : 'pending';
  const needed = requiredApprovals(mode, eligible, n);
  if (approvals >= needed) return 'approved';
  if (eligible - rejections < needed) return 'rejected';
  return 'pending';
}
