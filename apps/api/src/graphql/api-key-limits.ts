import { createHash } from 'node:crypto';
import { type DocumentNode, print } from 'graphql';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Caller } from '../scope';
import { StewardError } from './errors';

/**
 * What an API key is held to besides its permissions, checked once per request before execution: its allow-list of
 * operations, then the tenant's requests a minute (from its plan) and the key's operation cost a minute.
 *
 * The counters are token buckets kept in this process (rate-limiter-flexible's memory store, refilled every
 * minute). With N API processes behind a load balancer a key or tenant can get at most N times its limit: the
 * documented bound, until the store moves to PostgreSQL (rate-limiter-flexible's Postgres store takes the same calls).
 */
export class ApiKeyLimiter {
  private readonly buckets = new Map<string, RateLimiterMemory>();

  constructor(
    private readonly defaultCostPerMinute: number,
    private readonly rateLimits = true,
  ) {}

  private bucket(kind: 'tenant' | 'key' | 'sessions', points: number): RateLimiterMemory {
    const name = `${kind}:${points}`;
    let limiter = this.buckets.get(name);
    if (!limiter) {
      limiter = new RateLimiterMemory({ keyPrefix: name, points, duration: 60 });
      this.buckets.set(name, limiter);
    }
    return limiter;
  }

  /**
   * Holds the tenant's signed-in sessions together to its plan's API requests a minute (a bucket of their own, so
   * partner apps' keys cannot starve the people in the web app, nor the other way round); RATE_LIMITED when over.
   */
  async admitSession(caller: Caller, perMinute: (tenantId: string) => Promise<number | null>): Promise<void> {
    if (!this.rateLimits || caller.apiKeyId || !caller.userId || !caller.tenantId) return;
    const limit = await perMinute(caller.tenantId);
    if (limit === null) return;
    await this.consume(
      this.bucket('sessions', limit),
      caller.tenantId,
      1,
      () => `The tenant's plan allows ${limit} API requests a minute for its signed-in members`,
    );
  }

  /** Refuses an operation the key may not run (FORBIDDEN), or one over its limits (RATE_LIMITED, HTTP 429 with Retry-After). */
  async admit(caller: Caller, document: DocumentNode, operationName: string | null, cost: number): Promise<void> {
    const limits = caller.apiKeyLimits;
    if (!caller.apiKeyId || !limits) return;
    if (limits.operations) {
      const hash = createHash('sha256').update(print(document)).digest('hex');
      if (!limits.operations.some((op) => op.hash === hash)) {
        const named = limits.operations.find((op) => op.name === operationName);
        throw StewardError.forbidden(
          named
            ? `The API key may run ${operationName} only as registered: this document differs from it (sha256 ${hash.slice(0, 12)}…)`
            : `The API key may not run the operation ${operationName ?? '(unnamed)'}: it may run only ${limits.operations.map((op) => op.name).join(', ')}`,
        );
      }
    }
    if (!this.rateLimits) return;
    if (limits.tenantRequestsPerMinute !== null && caller.tenantId) {
      await this.consume(
        this.bucket('tenant', limits.tenantRequestsPerMinute),
        caller.tenantId,
        1,
        () => `The tenant's plan allows ${limits.tenantRequestsPerMinute} API requests a minute`,
      );
    }
    const budget = limits.costPerMinute ?? this.defaultCostPerMinute;
    if (cost > budget) throw limited(`The operation costs ${cost}, more than the key's budget of ${budget} a minute`, 60);
    await this.consume(this.bucket('key', budget), caller.apiKeyId, Math.max(1, cost), () => `The API key may spend ${budget} of operation cost a minute`);
  }

  private async consume(limiter: RateLimiterMemory, key: string, points: number, limit: () => string): Promise<void> {
    try {
      await limiter.consume(key, points);
    } catch (rejected) {
      if (!(rejected instanceof RateLimiterRes)) throw rejected;
      const retryAfter = Math.max(1, Math.ceil(rejected.msBeforeNext / 1000));
      throw limited(`${limit()}: try again in ${retryAfter} s`, retryAfter);
    }
  }
}

/** RATE_LIMITED, answered with HTTP 429 and Retry-After. */
function limited(message: string, retryAfter: number): StewardError {
  const error = StewardError.rateLimited(message, retryAfter);
  Object.assign(error.extensions, { http: { status: 429, headers: new Map([['retry-after', String(retryAfter)]]) } });
  return error;
}
