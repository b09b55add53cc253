import { InputChecks, UserInputProblem } from '../../graphql/errors';
import { expectGlobalId } from '../../graphql/global-id';
import type { TenantScope } from '../../scope';
import { eraseHrRecordsAbout } from '../hr-records';

export const ERASED_NAME = 'Erased person';
export const erasedEmail = (userId: string) => `erased-${userId}@erased.invalid`;

/**
 * GDPR erasure of a member of this tenant (and of no other: a person in several tenants is erased by a platform
 * admin): HR records about them, then their email and name pseudonymised in every table and audit entry, sessions
 * and tokens deleted, account closed (steward.erase_person). The audit chain still verifies: personal fields are
 * covered by a digest that erasure keeps.
 */
export async function erasePersonalData(ctx: TenantScope, input: { userId: string; confirmEmail: string }): Promise<{ userId: string; hrRecords: number }> {
  const subjectId = expectGlobalId(input.userId, 'User', 'input.userId');
  const checks = new InputChecks();
  if (subjectId === ctx.caller.userId) checks.add('userId', 'You cannot erase yourself: another admin does it');
  const [person]: { email: string }[] = await ctx.tx.manager.query(
    `SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.tenant_id = $1 AND m.user_id = $2`,
    [ctx.caller.tenantId, subjectId],
  );
  if (!person) checks.add('userId', 'No such member in this tenant');
  else if (person.email.toLowerCase() !== input.confirmEmail.trim().toLowerCase())
    checks.add('confirmEmail', "Type the person's email address exactly to confirm the erasure");
  checks.refuseIfAny();
  const hrRecords = await eraseHrRecordsAbout(ctx, person.email, { name: ERASED_NAME, email: erasedEmail(subjectId) });
  try {
    await ctx.tx.manager.query(`SELECT steward.erase_person($1)`, [subjectId]);
  } catch (error) {
    if (/member of other tenants too/.test((error as Error).message))
      throw new UserInputProblem('userId', 'This person is a member of other tenants too: a platform admin erases them', 'CONFLICT');
    throw error;
  }
  await ctx.audit.record({
    action: 'personal_data.erase',
    entityType: 'User',
    entityId: subjectId,
    entityName: ERASED_NAME,
    after: { hrRecords },
  });
  return { userId: subjectId, hrRecords };
}
