import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { StewardContext } from '../../context';
import { hashPassword, verifyPassword } from '../../auth/passwords';
import { newSecret, sha256Hex } from '../../auth/secrets';
import { StewardError, UserInputProblem } from '../../graphql/errors';
import { recordUnscopedAudit } from '../../audit-trail';

export const REFRESH_COOKIE = 'steward_refresh';
const MAX_FAILED_LOGINS = 5;
const LOCKOUT_MINUTES = 15;

export interface IssuedSession {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
}

let dummyHash: Promise<string> | undefined;

function requestOf(ctx: StewardContext) {
  return { ip: ctx.ip, userAgent: ctx.userAgent, requestId: ctx.requestId };
}

/** How a session signed in: a tenant switched to "SSO only" ends its password sessions. */
type SignInMethod = 'password' | 'sso';

async function issue(
  ctx: StewardContext,
  manager: EntityManager,
  userId: string,
  familyId: string,
  tenantId: string | null,
  method: SignInMethod,
): Promise<IssuedSession> {
  const refreshToken = newSecret('rt_');
  const days = ctx.app.config.refreshTokenTtlDays;
  await manager.query(
    `INSERT INTO sessions (user_id, family_id, refresh_token_hash, tenant_id, expires_at, ip, user_agent, method)
     VALUES ($1, $2, $3, $4, now() + make_interval(days => $5), $6, $7, $8)`,
    [userId, familyId, sha256Hex(refreshToken), tenantId, days, ctx.ip, ctx.userAgent?.slice(0, 500) ?? null, method],
  );
  const access = await ctx.app.tokens.issue(userId, familyId, tenantId);
  return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken };
}

/** Other ways of signing in (single sign-on, the second step of a password sign-in) issue their session here, in their own transaction. */
export function issueSession(
  ctx: StewardContext,
  manager: EntityManager,
  userId: string,
  tenantId: string | null,
  method: SignInMethod = 'sso',
): Promise<IssuedSession> {
  return issue(ctx, manager, userId, randomUUID(), tenantId, method);
}

/** The second step a password sign-in needs before any session: a TOTP code, or enrolling one the tenant requires. */
export interface MfaChallenge {
  step: 'CODE' | 'ENROL';
  token: string;
  expiresAt: Date;
}

/** Two-factor authentication (modules/mfa) registers itself here; sessions do not depend on it. */
export interface SecondFactor {
  /** A challenge when the user has a second factor or must enrol one for the tenant; null when the password is enough. */
  challenge(manager: EntityManager, userId: string, tenantId: string | null): Promise<MfaChallenge | null>;
  /** True when the tenant requires a second factor of this user and they have none. */
  mustEnrol(manager: EntityManager, userId: string, tenantId: string | null): Promise<boolean>;
}
let secondFactor: SecondFactor | undefined;

export function registerSecondFactor(factor: SecondFactor): void {
  secondFactor = factor;
}

const ENROL_FIRST = 'This tenant requires two-factor authentication: sign in again with your password to enrol an authenticator app';

/** Refuses passwords for a tenant (an "SSO only" tenant): the reason, or null. Registered by the modules that decide it. */
export type PasswordSignInGuard = (manager: EntityManager, tenantId: string | null) => Promise<string | null>;
const passwordGuards: PasswordSignInGuard[] = [];

export function registerPasswordSignInGuard(guard: PasswordSignInGuard): void {
  passwordGuards.push(guard);
}

async function passwordRefused(manager: EntityManager, tenantId: string | null): Promise<string | null> {
  for (const guard of passwordGuards) {
    const reason = await guard(manager, tenantId);
    if (reason) return reason;
  }
  return null;
}

/**
 * Signs in with email and password on the owner connection (there is no caller yet). Failures
 * count towards a temporary lockout; the counter is committed even though the sign-in fails.
 */
export async function signIn(ctx: StewardContext, email: string, password: string, tenantSlug?: string): Promise<IssuedSession | MfaChallenge> {
  const normalized = email.trim().toLowerCase();
  const outcome = await ctx.app.dataSource.transaction(async (manager) => {
    const users: { id: string; password_hash: string | null; is_active: boolean; locked_until: Date | null; failed_login_count: number }[] =
      await manager.query(
        `SELECT id, password_hash, is_active, locked_until, failed_login_count FROM users
         WHERE lower(email) = $1 AND deleted_at IS NULL FOR UPDATE`,
        [normalized],
      );
    const user = users[0];
    if (user?.locked_until && user.locked_until.getTime() > Date.now()) {
      return { locked: Math.ceil((user.locked_until.getTime() - Date.now()) / 1000) } as const;
    }
    dummyHash ??= hashPassword('not-a-password-anyone-has');
    const valid = await verifyPassword(user?.password_hash ?? (await dummyHash), password);
    if (!user || !valid || !user.is_active) {
      if (user) {
        const failures = user.failed_login_count + 1;
        const locks = failures >= MAX_FAILED_LOGINS;
        await manager.query(`UPDATE users SET failed_login_count = $2, locked_until = CASE WHEN $3 THEN now() + make_interval(mins => $4) END WHERE id = $1`, [
          user.id,
          locks ? 0 : failures,
          locks,
          LOCKOUT_MINUTES,
        ]);
      }
      return { invalid: true } as const;
    }
    const memberships: { tenant_id: string; slug: string }[] = await manager.query(
      `SELECT m.tenant_id, t.slug FROM memberships m JOIN tenants t ON t.id = m.tenant_id WHERE m.user_id = $1 ORDER BY m.created_at`,
      [user.id],
    );
    const chosen = tenantSlug ? memberships.find((m) => m.slug === tenantSlug) : memberships[0];
    if (tenantSlug && !chosen) return { noTenant: true } as const;
    // Nothing is written yet: refusing here rolls nothing back that should stay.
    const refusal = await passwordRefused(manager, chosen?.tenant_id ?? null);
    if (refusal) throw new UserInputProblem('password', refusal);
    const tenantId = chosen?.tenant_id ?? null;
    const challenge = await secondFactor?.challenge(manager, user.id, tenantId);
    if (challenge) {
      // The password was right: its failure count starts again, but the sign-in is complete only after the code.
      await manager.query(`UPDATE users SET failed_login_count = 0, locked_until = NULL WHERE id = $1`, [user.id]);
      await recordUnscopedAudit(
        manager,
        {
          tenantId,
          action: 'session.mfaChallenge',
          entityType: 'User',
          entityId: user.id,
          entityName: normalized,
          actorUserId: user.id,
          actorLabel: normalized,
          after: { step: challenge.step },
        },
        requestOf(ctx),
      );
      return { challenge } as const;
    }
    await manager.query(`UPDATE users SET failed_login_count = 0, locked_until = NULL, last_login_at = now() WHERE id = $1`, [user.id]);
    const session = await issue(ctx, manager, user.id, randomUUID(), tenantId, 'password');
    await recordUnscopedAudit(
      manager,
      { tenantId, action: 'session.create', entityType: 'User', entityId: user.id, entityName: normalized, actorUserId: user.id, actorLabel: normalized },
      requestOf(ctx),
    );
    return { session } as const;
  });
  if ('locked' in outcome) {
    const seconds = outcome.locked ?? 60;
    throw StewardError.rateLimited(`Too many failed sign-ins; try again in ${Math.ceil(seconds / 60)} minutes`, seconds);
  }
  if ('invalid' in outcome) throw new UserInputProblem('password', 'The email or password is incorrect');
  if ('noTenant' in outcome) throw new UserInputProblem('tenantSlug', `You are not a member of "${tenantSlug}"`);
  if (outcome.challenge) return outcome.challenge;
  return outcome.session!;
}

/**
 * Rotates a refresh token. A token that was already rotated is being replayed: the whole session
 * family is revoked, so the thief and the owner are both signed out.
 */
export async function refresh(ctx: StewardContext, refreshToken: string): Promise<IssuedSession> {
  const outcome = await ctx.app.dataSource.transaction(async (manager) => {
    const rows: {
      id: string;
      user_id: string;
      family_id: string;
      tenant_id: string | null;
      expired: boolean;
      rotated_at: Date | null;
      revoked_at: Date | null;
      active: boolean;
      method: SignInMethod;
    }[] = await manager.query(
      `SELECT s.id, s.user_id, s.family_id, s.tenant_id, s.expires_at <= now() AS expired, s.rotated_at, s.revoked_at, s.method,
                (u.is_active AND u.deleted_at IS NULL) AS active
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.refresh_token_hash = $1 FOR UPDATE OF s`,
      [sha256Hex(refreshToken)],
    );
    const session = rows[0];
    if (!session || session.revoked_at || session.expired || !session.active) return { rejected: 'The session has ended; sign in again' } as const;
    if (session.rotated_at) {
      await manager.query(`UPDATE sessions SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [session.family_id]);
      await recordUnscopedAudit(
        manager,
        {
          tenantId: session.tenant_id,
          action: 'session.refreshReuse',
          entityType: 'User',
          entityId: session.user_id,
          actorUserId: session.user_id,
          outcome: 'denied',
          errorCode: 'UNAUTHENTICATED',
          after: { revokedFamily: session.family_id },
        },
        requestOf(ctx),
      );
      return { rejected: 'This refresh token was already used; the session has been ended for safety' } as const;
    }
    if (session.method === 'password' && (await secondFactor?.mustEnrol(manager, session.user_id, session.tenant_id))) {
      await manager.query(`UPDATE sessions SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [session.family_id]);
      return { rejected: ENROL_FIRST } as const;
    }
    await manager.query(`UPDATE sessions SET rotated_at = now() WHERE id = $1`, [session.id]);
    const member: unknown[] = session.tenant_id
      ? await manager.query(`SELECT 1 FROM memberships WHERE user_id = $1 AND tenant_id = $2`, [session.user_id, session.tenant_id])
      : [];
    return { session: await issue(ctx, manager, session.user_id, session.family_id, member.length ? session.tenant_id : null, session.method) } as const;
  });
  if ('rejected' in outcome) throw StewardError.unauthenticated(outcome.rejected);
  return outcome.session;
}

/** Ends a session family. Returns false when the token named no live session. */
export async function revoke(ctx: StewardContext, refreshToken: string | null): Promise<boolean> {
  return ctx.app.dataSource.transaction(async (manager) => {
    const family = refreshToken
      ? (
          (await manager.query(`SELECT family_id, user_id FROM sessions WHERE refresh_token_hash = $1`, [sha256Hex(refreshToken)])) as {
            family_id: string;
            user_id: string;
          }[]
        )[0]
      : ctx.caller.sessionFamilyId
        ? { family_id: ctx.caller.sessionFamilyId, user_id: ctx.caller.userId }
        : undefined;
    if (!family) return false;
    const [revoked]: [unknown[], number] = await manager.query(
      `UPDATE sessions SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL RETURNING id`,
      [family.family_id],
    );
    if (revoked.length) {
      await recordUnscopedAudit(
        manager,
        { tenantId: ctx.caller.tenantId, action: 'session.revoke', entityType: 'User', entityId: family.user_id, actorUserId: family.user_id },
        requestOf(ctx),
      );
    }
    return revoked.length > 0;
  });
}

/** A new access token for another tenant the signed-in user belongs to; later refreshes keep it. */
export async function switchTenant(ctx: StewardContext, tenantId: string): Promise<{ accessToken: string; accessTokenExpiresAt: Date }> {
  const { userId, sessionFamilyId } = ctx.caller;
  if (!userId || !sessionFamilyId) throw StewardError.forbidden('Only a signed-in user can switch tenants');
  const member: unknown[] = await ctx.tx.manager.query(`SELECT 1 FROM steward.viewer_memberships() WHERE tenant_id = $1`, [tenantId]);
  if (!member.length) throw StewardError.notFound('Tenant');
  const refusal = await passwordRefused(ctx.app.dataSource.manager, tenantId);
  if (refusal) throw new UserInputProblem('tenantId', refusal);
  if (await secondFactor?.mustEnrol(ctx.app.dataSource.manager, userId, tenantId)) throw new UserInputProblem('tenantId', ENROL_FIRST);
  await ctx.app.dataSource.query(`UPDATE sessions SET tenant_id = $2 WHERE family_id = $1 AND revoked_at IS NULL`, [sessionFamilyId, tenantId]);
  const access = await ctx.app.tokens.issue(userId, sessionFamilyId, tenantId);
  return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt };
}
