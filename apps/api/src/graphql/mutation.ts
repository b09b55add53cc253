import type { StewardContext } from '../context';
import { isDatabaseUnavailable } from '../db/availability';
import type { AuditDraft } from '../modules/audit';
import { codeOf, UserInputProblem } from './errors';
import { Payload, UserErrorCode } from './user-error';

export type MutationAudit = Pick<AuditDraft, 'action' | 'entityType' | 'entityId' | 'tenantId' | 'actorLabel'>;

/**
 * Runs a mutation's work so that a failure leaves nothing behind: its writes are rolled back to a
 * savepoint, a problem the caller can fix comes back as userErrors, and either way the failure is
 * recorded in the audit log once the request's transaction has ended.
 */
export async function mutate<P extends Payload>(
  ctx: StewardContext,
  audit: MutationAudit,
  work: () => Promise<NoInfer<P>>,
  emptyPayload: () => NoInfer<Omit<P, 'userErrors'>>,
): Promise<P> {
  try {
    return await ctx.tx.isolated(work);
  } catch (error) {
    if (error instanceof UserInputProblem) {
      ctx.failedAudits.push({ ...audit, outcome: 'failure', errorCode: error.code, after: { message: error.message } });
      const field = error.field ? ['input', ...error.field.split('.')] : null;
      return { ...emptyPayload(), userErrors: [{ field, message: error.message, code: error.code as UserErrorCode }] } as P;
    }
    const code = codeOf(error) ?? (isDatabaseUnavailable(error) ? 'UNAVAILABLE' : 'INTERNAL');
    ctx.failedAudits.push({ ...audit, outcome: code === 'FORBIDDEN' ? 'denied' : 'failure', errorCode: code });
    throw error;
  }
}
