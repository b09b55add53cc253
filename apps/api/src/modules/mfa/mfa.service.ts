import type { EntityManager } from 'typeorm';
import type { StewardContext } from '../../context';
import { recordUnscopedAudit } from '../../audit-trail';
import { holdersOf, PermissionName } from '../../auth/permissions';
import { verifyPassword } from '../../auth/passwords';
import { newSecret, sha256Hex } from '../../auth/secrets';
import { StewardError, UserInputProblem } from '../../graphql/errors';
import type { TenantScope } from '../../scope';
import { issueSession, type IssuedSession, type MfaChallenge } from '../sessions';
import { matchingStep, newRecoveryCodes, newTotpSecret, normalizeCode, otpauthUri, qrCodeDataUrl } from './mfa.totp';

/** As on passwords: five wrong codes in a row lock the second step for fifteen minutes. */
const MAX_FAILED_CODES = 5;
const LOCKOUT_MINUTES = 15;
/** How long the step between the password and the code may take; enrolling (scanning, typing) gets longer. */
const CHALLENGE_MINUTES = { verify: 5, enrol: 15 } as const;

export type MfaRequirement = 'nobody' | 'admins' | 'all';

export const secretContext = (userId: string) => `user_mfa.totp_secret:${userId}`;

function requestOf(ctx: StewardContext) {
  return { ip: ctx.ip, userAgent: ctx.userAgent, requestId: ctx.requestId };
}

const ADMINS = holdersOf(PermissionName.TENANT_MANAGE);

/** True when the tenant requires a second factor of this member (whether or not they have one). */
async function requiredFor(manager: EntityManager, userId: string, tenantId: string | null): Promise<boolean> {
  if (!tenantId) return false;
  const [row]: { required: boolean }[] = await manager.query(
    `SELECT t.mfa_requirement = 'all' OR (t.mfa_requirement = 'admins' AND (m.role = ANY ($3) OR coalesce(cr.permissions && $4::text[], false))) AS required
       FROM tenants t JOIN memberships m ON m.tenant_id = t.id AND m.user_id = $2 LEFT JOIN roles cr ON cr.id = m.custom_role_id
      WHERE t.id = $1`,
    [tenantId, userId, ADMINS.systemRoles, ADMINS.customRolePermissions],
  );
  return row?.required ?? false;
}

async function enrolled(manager: EntityManager, userId: string): Promise<boolean> {
  const rows: unknown[] = await manager.query(`SELECT 1 FROM user_mfa WHERE user_id = $1 AND enabled_at IS NOT NULL`, [userId]);
  return rows.length > 0;
}

/** Registered with sessions: a password sign-in is complete only after this challenge, when there is one. */
export async function challengeFor(manager: EntityManager, userId: string, tenantId: string | null): Promise<MfaChallenge | null> {
  const purpose = (await enrolled(manager, userId)) ? 'verify' : (await requiredFor(manager, userId, tenantId)) ? 'enrol' : null;
  if (!purpose) return null;
  const token = newSecret('mfa_');
  const expiresAt = new Date(Date.now() + CHALLENGE_MINUTES[purpose] * 60_000);
  await manager.query(`INSERT INTO mfa_challenges (user_id, sign_in_tenant, purpose, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5)`, [
    userId,
    tenantId,
    purpose,
    sha256Hex(token),
    expiresAt,
  ]);
  return { step: purpose === 'verify' ? 'CODE' : 'ENROL', token, expiresAt };
}

/** One statement: a password refresh asks this of every session. */
export async function mustEnrol(manager: EntityManager, userId: string, tenantId: string | null): Promise<boolean> {
  if (!tenantId) return false;
  const [row]: { must: boolean }[] = await manager.query(
    `SELECT (t.mfa_requirement = 'all' OR (t.mfa_requirement = 'admins' AND (m.role = ANY ($3) OR coalesce(cr.permissions && $4::text[], false))))
            AND NOT EXISTS (SELECT 1 FROM user_mfa f WHERE f.user_id = $2 AND f.enabled_at IS NOT NULL) AS must
       FROM tenants t JOIN memberships m ON m.tenant_id = t.id AND m.user_id = $2 LEFT JOIN roles cr ON cr.id = m.custom_role_id
      WHERE t.id = $1`,
    [tenantId, userId, ADMINS.systemRoles, ADMINS.customRolePermissions],
  );
  return row?.must ?? false;
}

interface Challenge {
  id: string;
  userId: string;
  tenantId: string | null;
  email: string;
}

/** A live challenge of `purpose`, locked for this transaction; refused with a reason otherwise. */
async function takeChallenge(manager: EntityManager, token: string, purpose: 'verify' | 'enrol'): Promise<Challenge> {
  const [row]: { id: string; user_id: string; sign_in_tenant: string | null; used_at: Date | null; expired: boolean; email: string; active: boolean }[] =
    await manager.query(
      `SELECT c.id, c.user_id, c.sign_in_tenant, c.used_at, c.expires_at <= now() AS expired, lower(u.email) AS email,
              (u.is_active AND u.deleted_at IS NULL) AS active
         FROM mfa_challenges c JOIN users u ON u.id = c.user_id WHERE c.token_hash = $1 AND c.purpose = $2 FOR UPDATE OF c`,
      [sha256Hex(token), purpose],
    );
  if (!row || row.used_at || row.expired || !row.active)
    throw new UserInputProblem('challengeToken', 'This sign-in has expired or was already completed: sign in again with your password');
  return { id: row.id, userId: row.user_id, tenantId: row.sign_in_tenant, email: row.email };
}

interface FactorRow {
  totp_secret_sealed: string | null;
  pending_secret_sealed: string | null;
  last_counter: string;
  failed_count: number;
  locked_until: Date | null;
}

async function lockFactor(manager: EntityManager, userId: string): Promise<FactorRow | undefined> {
  const [row]: FactorRow[] = await manager.query(
    `SELECT totp_secret_sealed, pending_secret_sealed, last_counter, failed_count, locked_until FROM user_mfa WHERE user_id = $1 FOR UPDATE`,
    [userId],
  );
  return row;
}

/** The outcome of one code: committed whatever it is, so failures count even though the request fails. */
type Attempt = { ok: 'totp' | 'recovery'; step?: number } | { wrong: string } | { locked: number };

function lockedSeconds(row: FactorRow): number | null {
  return row.locked_until && row.locked_until.getTime() > Date.now() ? Math.ceil((row.locked_until.getTime() - Date.now()) / 1000) : null;
}

async function countFailure(manager: EntityManager, userId: string, row: FactorRow, message: string): Promise<Attempt> {
  const failures = row.failed_count + 1;
  const locks = failures >= MAX_FAILED_CODES;
  await manager.query(
    `UPDATE user_mfa SET failed_count = $2, locked_until = CASE WHEN $3 THEN now() + make_interval(mins => $4) END, updated_at = now() WHERE user_id = $1`,
    [userId, locks ? 0 : failures, locks, LOCKOUT_MINUTES],
  );
  return locks ? { locked: LOCKOUT_MINUTES * 60 } : { wrong: message };
}

/**
 * Checks a code against the enabled factor: a TOTP code of a step newer than the last one accepted (a code seen once is
 * refused for the rest of its window), or an unused recovery code, which is then used up.
 */
async function attemptCode(ctx: StewardContext, manager: EntityManager, userId: string, row: FactorRow, raw: string): Promise<Attempt> {
  const locked = lockedSeconds(row);
  if (locked) return { locked };
  const code = normalizeCode(raw);
  if ('totp' in code) {
    const secret = ctx.app.config.encryptionKeys.open(secretContext(userId), row.totp_secret_sealed!);
    const step = matchingStep(secret, code.totp);
    if (step === null) return countFailure(manager, userId, row, 'The code is not right: check the time on your phone and type the current code');
    if (step <= Number(row.last_counter)) return countFailure(manager, userId, row, 'This code was already used: wait for the next one');
    await manager.query(`UPDATE user_mfa SET last_counter = $2, failed_count = 0, locked_until = NULL, updated_at = now() WHERE user_id = $1`, [userId, step]);
    return { ok: 'totp', step };
  }
  const [used]: [unknown[], number] = await manager.query(
    `UPDATE mfa_recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING id`,
    [userId, sha256Hex(code.recovery)],
  );
  if (!used.length) return countFailure(manager, userId, row, 'The code is not right, or this recovery code was already used');
  await manager.query(`UPDATE user_mfa SET failed_count = 0, locked_until = NULL, updated_at = now() WHERE user_id = $1`, [userId]);
  return { ok: 'recovery' };
}

function refuse(attempt: Attempt, field = 'code'): never {
  if ('locked' in attempt) {
    throw StewardError.rateLimited(`Too many wrong codes; try again in ${Math.ceil(attempt.locked / 60)} minutes`, attempt.locked);
  }
  throw new UserInputProblem(field, 'wrong' in attempt ? attempt.wrong : 'The code is not right');
}

async function recoveryCodesLeft(manager: EntityManager, userId: string): Promise<number> {
  const [row]: { n: number }[] = await manager.query(`SELECT count(*)::int AS n FROM mfa_recovery_codes WHERE user_id = $1 AND used_at IS NULL`, [userId]);
  return row.n;
}

/** The second step of a password sign-in: a code (or a recovery code) for the challenge; then, and only then, a session. */
export async function verifySignIn(ctx: StewardContext, challengeToken: string, code: string): Promise<IssuedSession> {
  const outcome = await ctx.app.dataSource.transaction(async (manager) => {
    const challenge = await takeChallenge(manager, challengeToken, 'verify');
    const row = await lockFactor(manager, challenge.userId);
    if (!row?.totp_secret_sealed) throw new UserInputProblem('challengeToken', 'Two-factor authentication is no longer on for this account: sign in again');
    const attempt = await attemptCode(ctx, manager, challenge.userId, row, code);
    if (!('ok' in attempt)) {
      await recordUnscopedAudit(
        manager,
        {
          tenantId: challenge.tenantId,
          action: 'session.mfaVerify',
          entityType: 'User',
          entityId: challenge.userId,
          actorUserId: challenge.userId,
          actorLabel: challenge.email,
          outcome: 'failure',
          errorCode: 'locked' in attempt ? 'RATE_LIMITED' : 'BAD_USER_INPUT',
        },
        requestOf(ctx),
      );
      return { attempt } as const;
    }
    await manager.query(`UPDATE mfa_challenges SET used_at = now() WHERE id = $1`, [challenge.id]);
    await manager.query(`UPDATE users SET last_login_at = now() WHERE id = $1`, [challenge.userId]);
    const session = await issueSession(ctx, manager, challenge.userId, challenge.tenantId, 'password');
    await recordUnscopedAudit(
      manager,
      {
        tenantId: challenge.tenantId,
        action: 'session.create',
        entityType: 'User',
        entityId: challenge.userId,
        entityName: challenge.email,
        actorUserId: challenge.userId,
        actorLabel: challenge.email,
        after: { secondFactor: attempt.ok, ...(attempt.ok === 'recovery' ? { recoveryCodesLeft: await recoveryCodesLeft(manager, challenge.userId) } : {}) },
      },
      requestOf(ctx),
    );
    return { session } as const;
  });
  if (outcome.attempt) refuse(outcome.attempt);
  return outcome.session!;
}

/** Who is enrolling: the signed-in user, or the person in the middle of a sign-in that must enrol first. */
async function enrollee(
  ctx: StewardContext,
  manager: EntityManager,
  challengeToken?: string | null,
): Promise<{ userId: string; email: string; challenge?: Challenge }> {
  if (challengeToken) {
    const challenge = await takeChallenge(manager, challengeToken, 'enrol');
    return { userId: challenge.userId, email: challenge.email, challenge };
  }
  const userId = ctx.caller.userId;
  if (!userId || !ctx.caller.sessionFamilyId) throw StewardError.unauthenticated('Sign in to set up two-factor authentication');
  const [user]: { email: string }[] = await manager.query(`SELECT lower(email) AS email FROM users WHERE id = $1`, [userId]);
  return { userId, email: user.email };
}

export interface EnrolmentStart {
  secret: string;
  otpauthUri: string;
  qrCode: string;
}

/**
 * A new secret, sealed as pending until a first code confirms it. Replacing an enabled authenticator needs the password:
 * a session alone (a borrowed laptop) cannot move the factor to another phone.
 */
export async function startEnrolment(
  ctx: StewardContext,
  challengeToken: string | null | undefined,
  password: string | null | undefined,
): Promise<EnrolmentStart> {
  const secret = newTotpSecret();
  const email = await ctx.app.dataSource.transaction(async (manager) => {
    const who = await enrollee(ctx, manager, challengeToken);
    const row = await lockFactor(manager, who.userId);
    if (row?.totp_secret_sealed) {
      if (who.challenge) throw new UserInputProblem('challengeToken', 'Two-factor authentication is already on: sign in again');
      if (!password) throw new UserInputProblem('password', 'Two-factor authentication is on: give your password to replace the authenticator');
      const [user]: { password_hash: string | null }[] = await manager.query(`SELECT password_hash FROM users WHERE id = $1`, [who.userId]);
      if (!user.password_hash || !(await verifyPassword(user.password_hash, password))) throw new UserInputProblem('password', 'The password is not right');
    }
    await manager.query(
      `INSERT INTO user_mfa (user_id, pending_secret_sealed) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET pending_secret_sealed = EXCLUDED.pending_secret_sealed, updated_at = now()`,
      [who.userId, ctx.app.config.encryptionKeys.seal(secretContext(who.userId), secret)],
    );
    return who.email;
  });
  const uri = otpauthUri(secret, email);
  return { secret, otpauthUri: uri, qrCode: await qrCodeDataUrl(uri) };
}

export interface EnrolmentDone {
  recoveryCodes: string[];
  /** Issued when the enrolment completed a sign-in. */
  session: IssuedSession | null;
}

/** A first code confirms the pending secret: the factor is on, with ten new recovery codes (shown once, stored hashed). */
export async function confirmEnrolment(ctx: StewardContext, challengeToken: string | null | undefined, code: string): Promise<EnrolmentDone> {
  const outcome = await ctx.app.dataSource.transaction(async (manager) => {
    const who = await enrollee(ctx, manager, challengeToken);
    const row = await lockFactor(manager, who.userId);
    if (!row?.pending_secret_sealed) throw new UserInputProblem('code', 'Start the enrolment first: there is no new authenticator to confirm');
    const locked = lockedSeconds(row);
    if (locked) return { attempt: { locked } as Attempt } as const;
    const typed = normalizeCode(code);
    const secret = ctx.app.config.encryptionKeys.open(secretContext(who.userId), row.pending_secret_sealed);
    const step = 'totp' in typed ? matchingStep(secret, typed.totp) : null;
    if (step === null) {
      return { attempt: await countFailure(manager, who.userId, row, 'The code is not right: type the six digits the app shows now') } as const;
    }
    await manager.query(
      `UPDATE user_mfa SET totp_secret_sealed = pending_secret_sealed, pending_secret_sealed = NULL, enabled_at = now(), last_counter = $2,
              failed_count = 0, locked_until = NULL, updated_at = now() WHERE user_id = $1`,
      [who.userId, step],
    );
    const codes = newRecoveryCodes();
    await manager.query(`DELETE FROM mfa_recovery_codes WHERE user_id = $1`, [who.userId]);
    await manager.query(`INSERT INTO mfa_recovery_codes (user_id, code_hash) SELECT $1, unnest($2::text[])`, [
      who.userId,
      codes.map((c) => sha256Hex(c.replace('-', ''))),
    ]);
    const tenantId = who.challenge ? who.challenge.tenantId : ctx.caller.tenantId;
    await recordUnscopedAudit(
      manager,
      { tenantId, action: 'user.mfaEnable', entityType: 'User', entityId: who.userId, entityName: who.email, actorUserId: who.userId, actorLabel: who.email },
      requestOf(ctx),
    );
    let session: IssuedSession | null = null;
    if (who.challenge) {
      await manager.query(`UPDATE mfa_challenges SET used_at = now() WHERE id = $1`, [who.challenge.id]);
      await manager.query(`UPDATE users SET last_login_at = now() WHERE id = $1`, [who.userId]);
      session = await issueSession(ctx, manager, who.userId, who.challenge.tenantId, 'password');
    }
    return { done: { recoveryCodes: codes, session } } as const;
  });
  if (outcome.attempt) refuse(outcome.attempt);
  return outcome.done!;
}

/** Turns the factor off with a current code (or a recovery code) or the password; refused while the tenant requires it. */
export async function disable(ctx: StewardContext, code: string | null | undefined, password: string | null | undefined): Promise<void> {
  const userId = ctx.caller.userId;
  if (!userId || !ctx.caller.sessionFamilyId) throw StewardError.unauthenticated('Sign in to change two-factor authentication');
  if (!code && !password) throw new UserInputProblem('code', 'Give a current code from your authenticator app, or your password');
  const outcome = await ctx.app.dataSource.transaction(async (manager) => {
    const row = await lockFactor(manager, userId);
    if (!row?.totp_secret_sealed) throw new UserInputProblem(null, 'Two-factor authentication is not on');
    if (await requiredFor(manager, userId, ctx.caller.tenantId)) {
      throw new UserInputProblem(null, 'This tenant requires two-factor authentication: replace your authenticator instead of turning it off');
    }
    let attempt: Attempt;
    if (code) attempt = await attemptCode(ctx, manager, userId, row, code);
    else {
      const locked = lockedSeconds(row);
      const [user]: { password_hash: string | null }[] = await manager.query(`SELECT password_hash FROM users WHERE id = $1`, [userId]);
      attempt = locked
        ? { locked }
        : user.password_hash && (await verifyPassword(user.password_hash, password!))
          ? { ok: 'totp' }
          : await countFailure(manager, userId, row, 'The password is not right');
    }
    if (!('ok' in attempt)) return { attempt } as const;
    await manager.query(
      `UPDATE user_mfa SET totp_secret_sealed = NULL, pending_secret_sealed = NULL, enabled_at = NULL, updated_at = now() WHERE user_id = $1`,
      [userId],
    );
    await manager.query(`DELETE FROM mfa_recovery_codes WHERE user_id = $1`, [userId]);
    await recordUnscopedAudit(
      manager,
      {
        tenantId: ctx.caller.tenantId,
        action: 'user.mfaDisable',
        entityType: 'User',
        entityId: userId,
        actorUserId: userId,
        after: { with: code ? 'code' : 'password' },
      },
      requestOf(ctx),
    );
    return { done: true } as const;
  });
  if (outcome.attempt) refuse(outcome.attempt, code ? 'code' : 'password');
}

export interface MfaStatusRow {
  enabled: boolean;
  enabledAt: Date | null;
  recoveryCodesLeft: number;
  required: boolean;
}

export async function statusOf(ctx: StewardContext): Promise<MfaStatusRow> {
  const userId = ctx.caller.userId;
  if (!userId) throw StewardError.unauthenticated();
  const manager = ctx.app.dataSource.manager;
  const [row]: { enabled_at: Date | null; left: number }[] = await manager.query(
    `SELECT f.enabled_at, (SELECT count(*)::int FROM mfa_recovery_codes c WHERE c.user_id = $1 AND c.used_at IS NULL) AS left
       FROM (SELECT $1::uuid AS user_id) u LEFT JOIN user_mfa f ON f.user_id = u.user_id`,
    [userId],
  );
  return {
    enabled: row.enabled_at !== null,
    enabledAt: row.enabled_at,
    recoveryCodesLeft: row.enabled_at ? row.left : 0,
    required: await requiredFor(manager, userId, ctx.caller.tenantId),
  };
}

export async function tenantRequirement(ctx: TenantScope): Promise<MfaRequirement> {
  const [row]: { mfa_requirement: MfaRequirement }[] = await ctx.tx.manager.query(`SELECT mfa_requirement FROM tenants WHERE id = $1`, [ctx.caller.tenantId]);
  return row.mfa_requirement;
}

/**
 * Sets who must use a second factor. The password sessions of members who must now enrol end at once; they enrol at
 * their next sign-in. An admin who would lock themselves into that is asked to enrol first.
 */
export async function setTenantRequirement(ctx: StewardContext, requirement: MfaRequirement): Promise<MfaRequirement> {
  const before = await tenantRequirement(ctx);
  const userId = ctx.caller.userId;
  if (requirement !== 'nobody' && userId && !(await enrolled(ctx.app.dataSource.manager, userId))) {
    throw new UserInputProblem('requirement', 'Turn on two-factor authentication for yourself (Account security) before requiring it of others');
  }
  await ctx.tx.manager.query(`UPDATE tenants SET mfa_requirement = $2 WHERE id = $1`, [ctx.caller.tenantId, requirement]);
  const [ended]: { n: number }[] =
    requirement === 'nobody'
      ? [{ n: 0 }]
      : await ctx.tx.manager.query(`SELECT steward.end_sessions_needing_mfa($1, $2, $3) AS n`, [
          ctx.caller.tenantId,
          requirement === 'all' ? null : ADMINS.systemRoles,
          ADMINS.customRolePermissions,
        ]);
  await ctx.audit.record({
    action: 'tenant.mfaRequirementSet',
    entityType: 'Tenant',
    entityId: ctx.caller.tenantId,
    before: { requirement: before },
    after: { requirement, ...(ended.n ? { sessionsEnded: ended.n } : {}) },
  });
  return requirement;
}
