import { jwtVerify, SignJWT } from 'jose';
import { LRUCache } from 'lru-cache';

export interface AccessClaims {
  userId: string;
  sessionId: string;
  tenantId: string | null;
  expiresAt: number;
}

const ISSUER = 'steward';

/**
 * Signs and verifies short-lived access tokens. Verification is cached per token until it expires:
 * a token is immutable, so checking its signature once is enough (PERFORMANCE.md: jwtVerify costs
 * ~100 µs of CPU per call, a cache hit about a microsecond).
 */
export class AccessTokens {
  private readonly key: Uint8Array;
  private readonly verified = new LRUCache<string, AccessClaims>({ max: 20000 });

  constructor(secret: string, private readonly ttlSeconds: number) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(userId: string, sessionId: string, tenantId: string | null): Promise<{ token: string; expiresAt: Date }> {
    const expiresAt = Math.floor(Date.now() / 1000) + this.ttlSeconds;
    const token = await new SignJWT({ sid: sessionId, tid: tenantId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(expiresAt)
      .sign(this.key);
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }

  /** The token's claims, or null when it is malformed, forged or expired. */
  async verify(token: string): Promise<AccessClaims | null> {
    const cached = this.verified.get(token);
    if (cached) return cached.expiresAt * 1000 > Date.now() ? cached : null;
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string' || typeof payload.exp !== 'number') return null;
      const claims: AccessClaims = {
        userId: payload.sub,
        sessionId: payload.sid,
        tenantId: typeof payload.tid === 'string' ? payload.tid : null,
        expiresAt: payload.exp,
      };
      this.verified.set(token, claims, { ttl: Math.max(1, claims.expiresAt * 1000 - Date.now()) });
      return claims;
    } catch {
      return null;
    }
  }
}

