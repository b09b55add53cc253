import { InputChecks, UserInputProblem } from '../../graphql/errors';
import { expectGlobalId } from '../../graphql/global-id';
import type { TenantScope } from '../../scope';
import { withDeleted } from '../deleted-items';
import { eraseHrRecordsAbout } from '../hr-records';

export const ERASED_NAME = 'Erased person';
export const erasedEmail = (userId: string) => `erased-${userId}@erased.invalid`;

/**
 * GDPR erasure of a member, or removed member, of this tenant (and of no other: a person in several tenants is erased by a platform
 * admin): HR records about them, then their email and name pseudonymised in every table and audit entry, sessions
 * and tokens deleted, account closed (steward.erase_person). The audit chain still verifies: personal fields are
 * covered by a digest that erasure keeps.
 */
export async function erasePersonalData(ctx: TenantScope, input: { userId: string; confirmEmail: string }): Promise<{ userId: string; hrRecords: number }> {
  const subjectId = expectGlobalId(input.userId, 'User', 'input.userId');
  const checks = new InputChecks();
  if (subjectId === ctx.caller.userId) checks.add('userId', 'You cannot erase yourself: another admin does it');
  // A removed member (restorable, so still in Recently deleted) can be erased too: their profile shows only with deleted rows.
  const [person]: { email: string }[] = await withDeleted(ctx, () =>
    ctx.tx.manager.query(
      `SELECT u.email FROM users u WHERE u.id = $2
         AND EXISTS (SELECT 1 FROM memberships m WHERE m.tenant_id = $1 AND m.user_id = u.id
                     UNION ALL SELECT 1 FROM deleted_memberships d WHERE d.tenant_id = $1 AND d.user_id = u.id)`,
      [ctx.caller.tenantId, subjectId],
    ),
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
