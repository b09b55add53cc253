import { webcrypto } from 'node:crypto';
import { jwtVerify, SignJWT, type JWTHeaderParameters } from 'jose';
import { LRUCache } from 'lru-cache';
import type { Keyring } from './keyring';

export interface AccessClaims {
  userId: string;
  sessionId: string;
  tenantId: string | null;
  expiresAt: number;
}

const ISSUER = 'steward';

/**
 * Signs and verifies short-lived access tokens. Each token names its signing key in the header
 * (`kid`): the keyring's first key signs, and every key listed verifies, so a key being retired keeps
 * its tokens valid until they expire, and a token whose key is no longer listed fails.
 *
 * Verification is cached per token until it expires: a token is immutable, so checking its signature
 * once is enough (PERFORMANCE.md: jwtVerify costs ~100 µs of CPU per call, a cache hit about a
 * microsecond); each key is imported as a CryptoKey once, the cheapest form for jose.
 */
export class AccessTokens {
  private readonly imported = new Map<string, Promise<webcrypto.CryptoKey>>();
  private readonly verified = new LRUCache<string, AccessClaims>({ max: 20000 });

  constructor(
    private readonly keys: Keyring,
    private readonly ttlSeconds: number,
  ) {}

  private cryptoKey(kid: string | undefined): Promise<webcrypto.CryptoKey> {
    const key = kid === undefined ? undefined : this.keys.find(kid);
    if (!key) throw new Error('unknown signing key');
    let imported = this.imported.get(key.kid);
    if (!imported) {
      imported = webcrypto.subtle.importKey('raw', key.bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
      this.imported.set(key.kid, imported);
    }
    return imported;
  }

  async issue(userId: string, sessionId: string, tenantId: string | null): Promise<{ token: string; expiresAt: Date }> {
    const expiresAt = Math.floor(Date.now() / 1000) + this.ttlSeconds;
    const token = await new SignJWT({ sid: sessionId, tid: tenantId })
      .setProtectedHeader({ alg: 'HS256', kid: this.keys.current.kid })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(expiresAt)
      .sign(await this.cryptoKey(this.keys.current.kid));
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }

  /** The token's claims, or null when it is malformed, forged or expired. */
  async verify(token: string): Promise<AccessClaims | null> {
    const cached = this.verified.get(token);
    if (cached) return cached.expiresAt * 1000 > Date.now() ? cached : null;
    try {
      const { payload } = await jwtVerify(token, (header: JWTHeaderParameters) => this.cryptoKey(header.kid), { issuer: ISSUER, algorithms: ['HS256'] });
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
