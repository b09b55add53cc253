import type { EntityManager } from 'typeorm';
import type { StewardContext } from '../../context';
import { hashPassword, verifyPassword } from '../../auth/passwords';
import { newSecret, sha256Hex } from '../../auth/secrets';
import { recordUnscopedAudit } from '../../audit-trail';
import { StewardError, UserInputProblem } from '../../graphql/errors';
import { appLink, mailHtml, queueAccountMail } from '../mail';

const HOUR = 60 * 60 * 1000;
/** A reset link works for an hour, a verification link (of the address or of a new one) for two days; each once. */
export const TOKEN_LIFETIME_MS = { password_reset: HOUR, email_verification: 48 * HOUR, email_change: 48 * HOUR } as const;
/** One mail of each kind per person a minute, however often it is asked for. */
const RESEND_AFTER_MS = 60 * 1000;

type Purpose = keyof typeof TOKEN_LIFETIME_MS;

function requestOf(ctx: StewardContext) {
  return { ip: ctx.ip, userAgent: ctx.userAgent, requestId: ctx.requestId };
}

/** A new token for `purpose` (older unused ones of the same purpose stop working); null when one was made under a minute ago. */
async function issueToken(manager: EntityManager, userId: string, email: string, purpose: Purpose): Promise<string | null> {
  const [recent]: { n: number }[] = await manager.query(
    `SELECT count(*)::int AS n FROM account_tokens WHERE user_id = $1 AND purpose = $2 AND created_at > now() - make_interval(secs => $3)`,
    [userId, purpose, RESEND_AFTER_MS / 1000],
  );
  if (recent.n > 0) return null;
  await manager.query(`UPDATE account_tokens SET used_at = now() WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`, [userId, purpose]);
  const token = newSecret(purpose === 'password_reset' ? 'pwr_' : 'evf_');
  await manager.query(`INSERT INTO account_tokens (user_id, purpose, token_hash, email, expires_at) VALUES ($1, $2, $3, $4, $5)`, [
    userId,
    purpose,
    sha256Hex(token),
    email,
    new Date(Date.now() + TOKEN_LIFETIME_MS[purpose]),
  ]);
  return token;
}

/** Takes a token for `purpose`, once: the user it is for, or a problem at `field` that says why it does not work. */
async function takeToken(manager: EntityManager, token: string, purpose: Purpose): Promise<{ userId: string; email: string }> {
  const [row]: { id: string; user_id: string; email: string; expires_at: Date; used_at: Date | null }[] = await manager.query(
    `SELECT id, user_id, email, expires_at, used_at FROM account_tokens WHERE token_hash = $1 AND purpose = $2 FOR UPDATE`,
    [sha256Hex(token), purpose],
  );
  const again =
    purpose === 'password_reset'
      ? 'ask for a new reset link'
      : purpose === 'email_change'
        ? 'ask for the change again on your account page'
        : 'send a new verification link from your profile';
  if (!row) throw new UserInputProblem('token', `This link is unknown: check that you opened the whole link, or ${again}`);
  if (row.used_at) throw new UserInputProblem('token', `This link was already used (or a newer one was sent): ${again}`);
  if (row.expires_at.getTime() <= Date.now()) throw new UserInputProblem('token', `This link expired: ${again}`);
  await manager.query(`UPDATE account_tokens SET used_at = now() WHERE id = $1`, [row.id]);
  return { userId: row.user_id, email: row.email };
}

/**
 * Mails a password reset link to the address if it has an active account. The answer is the same either way, so the
 * form tells nobody which addresses have accounts.
 */
export async function requestPasswordReset(ctx: StewardContext, rawEmail: string): Promise<void> {
  const email = rawEmail.trim().toLowerCase();
  await ctx.app.dataSource.transaction(async (manager) => {
    const [user]: { id: string; full_name: string }[] = await manager.query(
      `SELECT id, full_name FROM users WHERE lower(email) = $1 AND deleted_at IS NULL AND is_active`,
      [email],
    );
    if (!user) return;
    const token = await issueToken(manager, user.id, email, 'password_reset');
    if (!token) return;
    const link = `${appLink(ctx.app, '/reset-password')}#token=${token}`;
    const lines = [`Hello ${user.full_name},`, 'Someone (hopefully you) asked to reset your Steward password. Choose a new one here within the hour:'];
    await queueAccountMail(manager, {
      kind: 'password_reset',
      to: email,
      subject: 'Reset your Steward password',
      text: `${lines[0]}\n\n${lines[1]}\n${link}\n\nThe link works once. Resetting signs you out everywhere. If you did not ask for this, ignore this message: your password stays as it is.\n`,
      html: mailHtml([...lines, 'The link works once. Resetting signs you out everywhere. If you did not ask for this, ignore this message.'], {
        label: 'Choose a new password',
        url: link,
      }),
    });
    await recordUnscopedAudit(
      manager,
      { tenantId: null, action: 'user.passwordResetRequest', entityType: 'User', entityId: user.id, entityName: email, actorLabel: email },
      requestOf(ctx),
    );
  });
}

/** Sets a new password with a reset token, once; every session of the account ends (refresh tokens and the access tokens issued with them). */
export async function resetPassword(ctx: StewardContext, token: string, password: string): Promise<string> {
  if (password.length < 12 || password.length > 200) throw new UserInputProblem('password', 'password must be 12 to 200 characters');
  return ctx.app.dataSource.transaction(async (manager) => {
    const { userId, email } = await takeToken(manager, token, 'password_reset');
    // Hashed only for a good token: a wrong one costs no argon2 work.
    const passwordHash = await hashPassword(password);
    await manager.query(
      `UPDATE users SET password_hash = $2, failed_login_count = 0, locked_until = NULL, email_verified = true, updated_at = now(), updated_by_id = $1 WHERE id = $1`,
      [userId, passwordHash],
    );
    const ended: [unknown[], number] = await manager.query(`UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING id`, [
      userId,
    ]);
    await recordUnscopedAudit(
      manager,
      {
        tenantId: null,
        action: 'user.passwordReset',
        entityType: 'User',
        entityId: userId,
        entityName: email,
        actorUserId: userId,
        actorLabel: email,
        after: { sessionsEnded: ended[0].length },
      },
      requestOf(ctx),
    );
    return email;
  });
}

/** Mails the signed-in user a link that confirms their address; false when it is confirmed already. */
export async function sendEmailVerification(ctx: StewardContext): Promise<boolean> {
  const userId = ctx.caller.userId;
  if (!userId) throw StewardError.unauthenticated();
  return ctx.app.dataSource.transaction(async (manager) => {
    const [user]: { email: string; full_name: string; email_verified: boolean }[] = await manager.query(
      `SELECT email, full_name, email_verified FROM users WHERE id = $1`,
      [userId],
    );
    if (user.email_verified) return false;
    const token = await issueToken(manager, userId, user.email.toLowerCase(), 'email_verification');
    if (!token) return true;
    const link = `${appLink(ctx.app, '/verify-email')}#token=${token}`;
    const lines = [`Hello ${user.full_name},`, 'Confirm that this is your address for Steward (the link works for two days, once):'];
    await queueAccountMail(manager, {
      kind: 'email_verification',
      to: user.email,
      subject: 'Confirm your email address for Steward',
      text: `${lines[0]}\n\n${lines[1]}\n${link}\n`,
      html: mailHtml(lines, { label: 'Confirm my address', url: link }),
    });
    return true;
  });
}

/** Confirms an address with its token, once, if it is still the account's address. */
export async function verifyEmail(ctx: StewardContext, token: string): Promise<string> {
  return ctx.app.dataSource.transaction(async (manager) => {
    const [change]: { n: number }[] = await manager.query(`SELECT count(*)::int AS n FROM account_tokens WHERE token_hash = $1 AND purpose = 'email_change'`, [
      sha256Hex(token),
    ]);
    if (change.n > 0) return changeEmail(ctx, manager, token);
    const { userId, email } = await takeToken(manager, token, 'email_verification');
    const [[updated]]: [{ id: string }[], number] = await manager.query(
      `UPDATE users SET email_verified = true, updated_at = now(), updated_by_id = $1 WHERE id = $1 AND lower(email) = $2 RETURNING id`,
      [userId, email],
    );
    if (!updated) throw new UserInputProblem('token', 'This link was for an address the account no longer has');
    await recordUnscopedAudit(
      manager,
      { tenantId: null, action: 'user.emailVerify', entityType: 'User', entityId: userId, entityName: email, actorUserId: userId, actorLabel: email },
      requestOf(ctx),
    );
    return email;
  });
}

/** Moves the account to the address its email_change token was mailed to, once; the address is then confirmed. */
async function changeEmail(ctx: StewardContext, manager: EntityManager, token: string): Promise<string> {
  const { userId, email } = await takeToken(manager, token, 'email_change');
  const [before]: { email: string }[] = await manager.query(`SELECT email FROM users WHERE id = $1 FOR UPDATE`, [userId]);
  const [taken]: { n: number }[] = await manager.query(`SELECT count(*)::int AS n FROM users WHERE lower(email) = $1 AND id <> $2 AND deleted_at IS NULL`, [
    email,
    userId,
  ]);
  if (taken.n > 0) throw new UserInputProblem('token', 'Another account took this address meanwhile: ask for the change again with another address');
  await manager.query(`UPDATE users SET email = $2, email_verified = true, updated_at = now(), updated_by_id = $1 WHERE id = $1`, [userId, email]);
  await manager.query(`UPDATE account_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL AND purpose <> 'password_reset'`, [userId]);
  await recordUnscopedAudit(
    manager,
    {
      tenantId: null,
      action: 'user.emailChange',
      entityType: 'User',
      entityId: userId,
      entityName: email,
      actorUserId: userId,
      actorLabel: email,
      before: { email: before.email.toLowerCase() },
      after: { email },
    },
    requestOf(ctx),
  );
  return email;
}

const MAX_FAILED_PASSWORDS = 5;
const LOCKOUT_MINUTES = 15;

interface AccountRow {
  email: string;
  full_name: string;
}

/**
 * Checks the signed-in person's current password like a sign-in: wrong ones count towards the same lockout. Locks the
 * user row for the change that follows.
 */
async function checkCurrentPassword(
  manager: EntityManager,
  userId: string,
  password: string,
  withoutPassword: string,
): Promise<{ user: AccountRow } | { locked: number } | { wrong: true }> {
  const [user]: (AccountRow & { password_hash: string | null; locked_until: Date | null; failed_login_count: number })[] = await manager.query(
    `SELECT email, full_name, password_hash, locked_until, failed_login_count FROM users WHERE id = $1 FOR UPDATE`,
    [userId],
  );
  if (user.locked_until && user.locked_until.getTime() > Date.now()) return { locked: Math.ceil((user.locked_until.getTime() - Date.now()) / 1000) };
  if (!user.password_hash) throw new UserInputProblem('currentPassword', withoutPassword);
  if (!(await verifyPassword(user.password_hash, password))) {
    const failures = user.failed_login_count + 1;
    const locks = failures >= MAX_FAILED_PASSWORDS;
    await manager.query(`UPDATE users SET failed_login_count = $2, locked_until = CASE WHEN $3 THEN now() + make_interval(mins => $4) END WHERE id = $1`, [
      userId,
      locks ? 0 : failures,
      locks,
      LOCKOUT_MINUTES,
    ]);
    return { wrong: true };
  }
  // A right password ends a streak of wrong ones, as a sign-in does.
  if (user.failed_login_count > 0) await manager.query(`UPDATE users SET failed_login_count = 0 WHERE id = $1`, [userId]);
  return { user };
}

/** What a password check's refusal becomes for the caller. */
function refuseCheck(outcome: object): void {
  if ('locked' in outcome && typeof outcome.locked === 'number')
    throw StewardError.rateLimited(`Too many wrong passwords; try again in ${Math.ceil(outcome.locked / 60)} minutes`, outcome.locked);
  if ('wrong' in outcome) throw new UserInputProblem('currentPassword', 'The current password is not right');
}

/**
 * Changes the signed-in account's password. The current password is checked like a sign-in (wrong ones count towards the
 * same lockout); every other session of the account ends, this one goes on; a notice goes to the account's address.
 * Returns how many other sessions ended.
 */
export async function changePassword(ctx: StewardContext, currentPassword: string, newPassword: string): Promise<number> {
  const { userId, sessionFamilyId } = ctx.caller;
  if (!userId || !sessionFamilyId) throw StewardError.forbidden('Only a signed-in person can change their password');
  if (newPassword.length < 12 || newPassword.length > 200) throw new UserInputProblem('newPassword', 'newPassword must be 12 to 200 characters');
  const outcome = await ctx.app.dataSource.transaction(async (manager) => {
    const checked = await checkCurrentPassword(manager, userId, currentPassword, 'This account signs in with single sign-on and has no password to change');
    if (!('user' in checked)) return checked;
    const { user } = checked;
    if (newPassword === currentPassword) throw new UserInputProblem('newPassword', 'The new password must differ from the current one');
    await manager.query(
      `UPDATE users SET password_hash = $2, failed_login_count = 0, locked_until = NULL, updated_at = now(), updated_by_id = $1 WHERE id = $1`,
      [userId, await hashPassword(newPassword)],
    );
    const [ended]: [unknown[], number] = await manager.query(
      `UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND family_id <> $2 AND revoked_at IS NULL RETURNING id`,
      [userId, sessionFamilyId],
    );
    const when = new Date().toISOString().replace('T', ' ').slice(0, 16);
    const lines = [
      `Hello ${user.full_name},`,
      `The password of your Steward account was changed on ${when} UTC. Every other session was signed out.`,
      'If this was not you, reset your password at once and tell your administrator.',
    ];
    const resetLink = appLink(ctx.app, '/reset-password');
    await queueAccountMail(manager, {
      kind: 'password_changed',
      to: user.email,
      subject: 'Your Steward password was changed',
      text: `${lines.join('\n\n')}\n${resetLink}\n`,
      html: mailHtml(lines, { label: 'Reset my password', url: resetLink }),
    });
    await recordUnscopedAudit(
      manager,
      {
        tenantId: ctx.caller.tenantId,
        action: 'user.passwordChange',
        entityType: 'User',
        entityId: userId,
        entityName: user.email.toLowerCase(),
        actorUserId: userId,
        after: { otherSessionsEnded: ended.length },
      },
      requestOf(ctx),
    );
    return { ended: ended.length };
  });
  refuseCheck(outcome);
  return 'ended' in outcome ? outcome.ended : 0;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Asks to move the signed-in account to a new address: the current password is required, and the address changes only
 * when the link mailed to it is opened (emailVerify). The old address is told. Returns the address the link went to.
 */
export async function requestEmailChange(ctx: StewardContext, rawEmail: string, currentPassword: string): Promise<string> {
  const userId = ctx.caller.userId;
  if (!userId) throw StewardError.forbidden('Only a signed-in person can change their email address');
  const email = rawEmail.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 254) throw new UserInputProblem('newEmail', 'newEmail must be an email address');
  const outcome = await ctx.app.dataSource.transaction(async (manager) => {
    const checked = await checkCurrentPassword(
      manager,
      userId,
      currentPassword,
      'This account signs in with single sign-on: its address comes from the identity provider',
    );
    if (!('user' in checked)) return checked;
    const { user } = checked;
    if (user.email.toLowerCase() === email) throw new UserInputProblem('newEmail', 'This is already the address of your account');
    const [taken]: { n: number }[] = await manager.query(`SELECT count(*)::int AS n FROM users WHERE lower(email) = $1 AND deleted_at IS NULL`, [email]);
    if (taken.n > 0) throw new UserInputProblem('newEmail', 'Another account uses this address', 'CONFLICT');
    const token = await issueToken(manager, userId, email, 'email_change');
    if (!token) throw StewardError.rateLimited('A link was sent under a minute ago; wait a minute before asking again', 60);
    const link = `${appLink(ctx.app, '/verify-email')}#token=${token}`;
    const lines = [`Hello ${user.full_name},`, 'Confirm that this is to be the address of your Steward account (the link works for two days, once):'];
    await queueAccountMail(manager, {
      kind: 'email_verification',
      to: email,
      subject: 'Confirm the new email address of your Steward account',
      text: `${lines[0]}\n\n${lines[1]}\n${link}\n\nUntil then the account keeps its current address.\n`,
      html: mailHtml([...lines, 'Until then the account keeps its current address.'], { label: 'Confirm my new address', url: link }),
    });
    const notice = [
      `Hello ${user.full_name},`,
      `Someone signed in to your Steward account asked to change its address to ${email}.`,
      'If this was not you, change your password at once and tell your administrator.',
    ];
    await queueAccountMail(manager, {
      kind: 'email_verification',
      to: user.email,
      subject: 'A change of your Steward email address was asked for',
      text: `${notice.join('\n\n')}\n`,
      html: mailHtml(notice),
    });
    await recordUnscopedAudit(
      manager,
      {
        tenantId: ctx.caller.tenantId,
        action: 'user.emailChangeRequest',
        entityType: 'User',
        entityId: userId,
        entityName: user.email.toLowerCase(),
        actorUserId: userId,
        after: { newEmail: email },
      },
      requestOf(ctx),
    );
    return { sentTo: email };
  });
  refuseCheck(outcome);
  return 'sentTo' in outcome ? outcome.sentTo : email;
}
