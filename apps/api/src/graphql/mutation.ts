import type { AuditDraft } from '../audit-trail';
import { isDatabaseUnavailable } from '../db/availability';
import type { TenantScope } from '../scope';
import { codeOf, UserInputProblem, UserInputProblems } from './errors';
import { forgetReads } from './read-model';
import { uniqueViolationProblem } from './unique-violation';
import { Payload, UserError, UserErrorCode } from './user-error';

export type MutationAudit = Pick<AuditDraft, 'action' | 'entityType' | 'entityId' | 'tenantId' | 'actorLabel'>;

/**
 * Runs a mutation's work so that a failure leaves nothing behind: its writes are rolled back to a
 * savepoint (so the request's transaction goes on), every problem the caller can fix comes back as
 * userErrors (a unique index's refusal as a CONFLICT naming the field), and either way the failure
 * is recorded in the audit log once the request's transaction has ended.
 */
export async function mutate<P extends Payload>(
  ctx: TenantScope,
  audit: MutationAudit,
  work: () => Promise<NoInfer<P>>,
  emptyPayload: () => NoInfer<Omit<P, 'userErrors'>>,
): Promise<P> {
  try {
    await refuseWhenReadOnly(ctx, audit.action);
    return await ctx.tx.isolated(work);
  } catch (error) {
    const problems = await problemsOf(error, ctx);
    if (problems) {
      const after = problems.length === 1 ? { message: problems[0].message } : { problems: problems.map((p) => ({ field: p.field, message: p.message })) };
      ctx.audit.failed({ ...audit, outcome: 'failure', errorCode: problems[0].code, after });
      return { ...emptyPayload(), userErrors: problems.map(userError) } as P;
    }
    const code = codeOf(error) ?? (isDatabaseUnavailable(error) ? 'UNAVAILABLE' : 'INTERNAL');
    ctx.audit.failed({ ...audit, outcome: code === 'FORBIDDEN' ? 'denied' : 'failure', errorCode: code });
    throw error;
  } finally {
    // What the mutation wrote (or rolled back) is read anew by its payload and by later mutations.
    forgetReads(ctx);
  }
}

/** What a read-only tenant (its trial ran out) still allows: signing in and out, one's own profile, accepting an invitation, the platform console. */
const ALLOWED_WHEN_READ_ONLY = /^(session\.|user\.|invitation\.accept$|tenant\.)/;
const READ_ONLY = Symbol('tenant read-only since');

/**
 * Refuses a change in a tenant whose trial ran out (tenants.read_only_since, set by the trial-expiry job), as the
 * scope's opening read it (no statement of its own); read once per scope where the opening did not.
 */
async function refuseWhenReadOnly(ctx: TenantScope, action: string): Promise<void> {
  const tenantId = ctx.caller.tenantId;
  if (!tenantId || ALLOWED_WHEN_READ_ONLY.test(action)) return;
  let since = ctx.loaders.get(READ_ONLY) as Date | null | undefined;
  if (since === undefined) since = ctx.caller.readOnlySince;
  if (since === undefined) {
    const [row]: { read_only_since: Date | null }[] = await ctx.tx.manager.query(`SELECT read_only_since FROM tenants WHERE id = $1`, [tenantId]);
    since = row?.read_only_since ?? null;
    ctx.loaders.set(READ_ONLY, since);
  }
  if (since)
    throw new UserInputProblem(
      null,
      `The trial ended on ${new Date(since).toISOString().slice(0, 10)}: this tenant is read-only until a platform admin moves it to a paid plan or extends the trial.`,
      'PLAN_LIMIT',
    );
}

async function problemsOf(error: unknown, ctx: TenantScope): Promise<readonly UserInputProblem[] | null> {
  if (error instanceof UserInputProblem) return [error];
  if (error instanceof UserInputProblems && error.problems.length) return error.problems;
  const conflict = await uniqueViolationProblem(error, ctx.tx.manager, ctx.app.dataSource);
  return conflict ? [conflict] : null;
}

function userError(problem: UserInputProblem): UserError {
  return { field: problem.field ? ['input', ...problem.field.split('.')] : null, message: problem.message, code: problem.code as UserErrorCode };
}
