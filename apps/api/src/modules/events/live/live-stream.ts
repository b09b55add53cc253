import { randomUUID } from 'node:crypto';
import type { StewardContext } from '../../../context';
import { StewardError } from '../../../graphql/errors';
import { openScope, type Credentials, type TenantScope } from '../../../scope';
import type { EventHub, RoutedEvent } from './event-hub';

/** Close codes a live connection can end with (4400-4499 are graphql-ws's and ours; docs/events.md lists them). */
export const LIVE_CLOSE = {
  /** The credentials are missing, invalid, expired or revoked: reconnect with fresh ones. */
  UNAUTHORIZED: 4401,
  /** The client did not read its events in time; it may reconnect (and catch up with domainEvents). */
  TOO_SLOW: 4408,
  /** The tenant already has as many live connections as one API process allows. */
  TOO_MANY_CONNECTIONS: 4430,
} as const;

/** One WebSocket connection, as the live streams of its subscriptions see it. */
export interface LiveConnection {
  hub: EventHub;
  /** Replaced when the client sends a fresh access token (a ping with `authorization`). */
  credentials: Credentials;
  /** Most events a subscription may have waiting before its client counts as too slow. */
  maxQueued: number;
  /** True while the socket has more unsent bytes than a client that keeps up would leave. */
  backlogged(): boolean;
  close(code: number, reason: string): void;
}

/** The context of a subscription: a StewardContext whose scope is replaced by a fresh one for every event. */
export interface LiveContext extends StewardContext {
  live?: LiveConnection;
}

export interface LiveSource<T> {
  /** Whether the event concerns this subscription, from its routing columns alone (no statement). */
  accept(event: RoutedEvent): boolean;
  /** What to send for the event, read under the subscriber's own scope; null to send nothing. */
  load(scope: StewardContext, event: RoutedEvent): Promise<T | null>;
}

/**
 * The events of the subscriber's tenant that `source` accepts, each read in a transaction of its
 * own opened with the connection's credentials: the database confirms the caller again for every
 * event (a revoked key or session ends the connection), RLS holds, and the field rules run against
 * the caller as it is now. The previous event's transaction ends when the next is asked for, that is
 * once its answer was sent. A subscription with more than `maxQueued` events waiting, or whose socket
 * is backlogged, closes its connection with TOO_SLOW rather than holding them all in memory.
 */
export function liveStream<T>(ctx: StewardContext, source: LiveSource<T>): AsyncIterableIterator<T> {
  const live = (ctx as LiveContext).live;
  if (!live) throw StewardError.badInput('subscription', 'Subscriptions are served over WebSocket (the graphql-ws protocol) at /graphql');
  const tenantId = ctx.caller.tenantId;
  if (!tenantId) throw StewardError.forbidden('Subscriptions need a tenant');
  const queue: RoutedEvent[] = [];
  let wake: (() => void) | null = null;
  let done = false;
  let current: TenantScope | null = null;

  const finish = async () => {
    done = true;
    unsubscribe();
    wake?.();
    await current?.tx.rollback().catch(() => undefined);
    current = null;
  };
  const unsubscribe = live.hub.subscribe(tenantId, (event) => {
    if (done || !source.accept(event)) return;
    if (queue.length >= live.maxQueued || live.backlogged()) {
      live.close(LIVE_CLOSE.TOO_SLOW, 'Too slow: events were not read in time; reconnect and catch up');
      void finish();
      return;
    }
    queue.push(event);
    wake?.();
  });

  const iterator: AsyncIterableIterator<T> = {
    async next(): Promise<IteratorResult<T>> {
      await current?.tx.rollback().catch(() => undefined);
      current = null;
      while (!done) {
        const event = queue.shift();
        if (!event) {
          await new Promise<void>((resolve) => (wake = resolve));
          wake = null;
          continue;
        }
        const scope = await openScope(ctx.app, { actor: live.credentials, requestId: `live:${randomUUID()}` });
        if (!scope) {
          live.close(LIVE_CLOSE.UNAUTHORIZED, 'The credentials are no longer valid: reconnect with fresh ones');
          await finish();
          break;
        }
        current = scope;
        // The request's own context takes the event's scope: its resolvers, loaders and rules see the caller as it is now.
        Object.assign(ctx, {
          tx: scope.tx,
          caller: scope.caller,
          loaders: scope.loaders,
          audit: scope.audit,
          requestId: scope.requestId,
          permitted: undefined,
        });
        let value: T | null;
        try {
          value = await source.load(ctx, event);
        } catch (error) {
          await finish();
          throw error;
        }
        if (value !== null) return { value, done: false };
        await scope.tx.rollback().catch(() => undefined);
        current = null;
      }
      return { value: undefined, done: true };
    },
    async return(): Promise<IteratorResult<T>> {
      await finish();
      return { value: undefined, done: true };
    },
    async throw(error: unknown): Promise<IteratorResult<T>> {
      await finish();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
