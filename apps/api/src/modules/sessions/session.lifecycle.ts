import type { TenantScope } from '../../scope';
import { StewardError } from '../../graphql/errors';
import { deviceOf } from './session.device';
import { Session, SignInMethod } from './session.type';

function signedInUser(ctx: TenantScope): { userId: string; familyId: string } {
  const { userId, sessionFamilyId } = ctx.caller;
  if (!userId || !sessionFamilyId) throw StewardError.forbidden('Only a signed-in user has sessions');
  return { userId, familyId: sessionFamilyId };
}

/**
 * The caller's live sessions, newest use first: one per family (a sign-in and its refreshes), read in
 * one statement. Row security shows steward_app only the caller's own sessions.
 */
export async function listOwnSessions(ctx: TenantScope): Promise<Session[]> {
  const { userId, familyId } = signedInUser(ctx);
  const rows: {
    family_id: string;
    user_agent: string | null;
    ip: string | null;
    method: SignInMethod;
    created_at: Date;
    last_used_at: Date;
    expires_at: Date;
  }[] = await ctx.tx.manager.query(
    `SELECT live.family_id, live.user_agent, live.ip, live.method, live.expires_at, live.created_at AS last_used_at,
              (SELECT min(f.created_at) FROM sessions f WHERE f.family_id = live.family_id) AS created_at
         FROM sessions live
        WHERE live.user_id = $1 AND live.revoked_at IS NULL AND live.rotated_at IS NULL AND live.expires_at > now()
        ORDER BY live.created_at DESC, live.family_id`,
    [userId],
  );
  return rows.map((r) =>
    Object.assign(new Session(), {
      familyId: r.family_id,
      device: deviceOf(r.user_agent),
      userAgent: r.user_agent,
      ip: r.ip,
      method: r.method,
      createdAt: r.created_at,
      lastUsedAt: r.last_used_at,
      expiresAt: r.expires_at,
      current: r.family_id === familyId,
    }),
  );
}

/** Ends one of the caller's sessions (any device, the current one included). */
export async function endOwnSession(ctx: TenantScope, familyId: string): Promise<void> {
  const { userId } = signedInUser(ctx);
  const [, ended]: [unknown[], number] = await ctx.tx.manager.query(
    `UPDATE sessions SET revoked_at = now() WHERE family_id = $1 AND user_id = $2 AND revoked_at IS NULL AND rotated_at IS NULL AND expires_at > now()`,
    [familyId, userId],
  );
  if (!ended) throw StewardError.notFound('Session');
  await ctx.audit.record({ action: 'session.end', entityType: 'User', entityId: userId, after: { session: familyId } });
}

/** Ends every session of the caller but the one making the request; answers how many ended. */
export async function endOtherSessions(ctx: TenantScope): Promise<number> {
  const { userId, familyId } = signedInUser(ctx);
  const [rows]: [{ family_id: string }[], number] = await ctx.tx.manager.query(
    `UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND family_id <> $2 AND revoked_at IS NULL AND expires_at > now() RETURNING family_id`,
    [userId, familyId],
  );
  const ended = new Set(rows.map((r) => r.family_id)).size;
  await ctx.audit.record({ action: 'session.endOthers', entityType: 'User', entityId: userId, after: { ended } });
  return ended;
}
