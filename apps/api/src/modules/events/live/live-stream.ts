import { randomUUID } from 'node:crypto';
import type { StewardContext } from '../../../context';
import { isDatabaseUnavailable } from '../../../db/availability';
import { StewardError } from '../../../graphql/errors';
import { openScope, type AppServices, type Credentials, type TenantScope } from '../../../scope';
import type { EventHub, RoutedEvent } from './event-hub';

/** Close codes a live connection can end with (4400-4499 are graphql-ws's and ours; docs/events.md lists them). */
export const LIVE_CLOSE = {
  /** The credentials are missing, invalid, expired or revoked: reconnect with fresh ones. */
  UNAUTHORIZED: 4401,
  /** The client did not read its events in time; it may reconnect (and catch up with lastEventId). */
  TOO_SLOW: 4408,
  /** The tenant already has as many live connections as one API process allows. */
  TOO_MANY_CONNECTIONS: 4430,
} as const;

/** How long a read of live events waits for a pooled connection, in all, before its subscribers are told UNAVAILABLE. */
export const LIVE_READ_WAIT_MS = 60_000;
/** Events read in one transaction at most (a burst beyond this takes several). */
const MAX_BATCH = 200;
/** Events a catch-up hands out at most (older ones: read them with domainEvents). */
export const MAX_CATCH_UP = 1000;

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
  /** Set on a catch-up stream: it hands out the events of the log committed after this event (uuid), then ends. */
  replayAfter?: string;
  /** How long a read may wait for a pooled connection (LIVE_READ_WAIT_MS unless a test says otherwise). */
  readWaitMs?: number;
}

/** The context of a subscription: a StewardContext whose scope is replaced by a fresh one for every batch of events. */
export interface LiveContext extends StewardContext {
  live?: LiveConnection;
  /** The event (uuid) whose answer is being executed: sent to clients as `extensions.eventId`. */
  liveEventId?: string;
}

export interface LiveSource<T> {
  /** Whether the event concerns this subscription, from its routing columns alone (no statement). */
  accept(event: RoutedEvent): boolean;
  /** What to send for the event, read under the subscriber's own scope; null to send nothing. */
  load(scope: StewardContext, event: RoutedEvent): Promise<T | null>;
  /** Only the state after a burst matters (a count): load once per batch, for its last event. */
  latestOnly?: boolean;
}

let loads = 0;
/** Events loaded for subscribers so far in this process, all streams together (tests and the bench). */
export function liveLoads(): number {
  return loads;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * openScope that waits for a pooled connection instead of failing at the pool's checkout timeout: tries
 * again with a growing delay until `waitMs` have passed. 'busy' when the database still could not serve
 * by then; null when it did not confirm the credentials.
 */
export async function openScopeWaiting(app: AppServices, actor: Credentials, waitMs = LIVE_READ_WAIT_MS): Promise<TenantScope | null | 'busy'> {
  const deadline = Date.now() + waitMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await openScope(app, { actor, requestId: `live:${randomUUID()}` });
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      const delay = Math.min(1000, 25 * 2 ** attempt);
      if (Date.now() + delay >= deadline) {
        app.log.warn({ err: error, attempts: attempt + 1 }, 'a live read found no pooled connection in time');
        return 'busy';
      }
      await sleep(delay);
    }
  }
}

/** The routing columns of the tenant's events committed after `after` (by time, then id), read under the scope's RLS. */
async function eventsAfter(scope: TenantScope, after: string): Promise<RoutedEvent[]> {
  const rows: { id: string; tenant_id: string; type: string; subject_type: string; subject_id: string | null }[] = await scope.tx.manager.query(
    `SELECT e.id, e.tenant_id, e.type, e.subject_type, e.subject_id
       FROM domain_events e, domain_events since
      WHERE since.id = $1 AND e.tenant_id = since.tenant_id AND (e.occurred_at, e.id) > (since.occurred_at, since.id)
      ORDER BY e.occurred_at, e.id LIMIT $2`,
    [after, MAX_CATCH_UP],
  );
  return rows.map((r) => ({ id: r.id, tenantId: r.tenant_id, type: r.type, subjectType: r.subject_type, subjectId: r.subject_id }));
}

/**
 * The events of the subscriber's tenant that `source` accepts. Events that arrive together are read as
 * one batch in one transaction opened with the connection's credentials (the database confirms the caller
 * again for every batch: a revoked key or session ends the connection), under RLS, the field rules running
 * against the caller as it is now; the transaction ends once the batch's last answer was sent. A read that
 * finds the pool busy waits for it (openScopeWaiting) rather than closing anything. A subscription with
 * more than `maxQueued` events waiting, or whose socket is backlogged, closes its connection with TOO_SLOW
 * rather than holding them all in memory. With `replayAfter` the stream reads the log instead of listening.
 */
export function liveStream<T>(ctx: StewardContext, source: LiveSource<T>): AsyncIterableIterator<T> {
  const live = (ctx as LiveContext).live;
  if (!live) throw StewardError.badInput('subscription', 'Subscriptions are served over WebSocket (the graphql-ws protocol) at /graphql');
  const tenantId = ctx.caller.tenantId;
  if (!tenantId) throw StewardError.forbidden('Subscriptions need a tenant');
  const queue: RoutedEvent[] = [];
  let ready: { event: RoutedEvent; value: T | Error }[] = [];
  let wake: (() => void) | null = null;
  let done = false;
  let current: TenantScope | null = null;
  let replay = live.replayAfter ?? null;

  const endScope = async () => {
    await current?.tx.rollback().catch(() => undefined);
    current = null;
  };
  const finish = async () => {
    done = true;
    unsubscribe();
    wake?.();
    ready = [];
    await endScope();
  };
  const unsubscribe = live.replayAfter
    ? () => undefined
    : live.hub.subscribe(tenantId, (event) => {
        if (done || !source.accept(event)) return;
        if (queue.length >= live.maxQueued || live.backlogged()) {
          live.close(LIVE_CLOSE.TOO_SLOW, 'Too slow: events were not read in time; reconnect and catch up');
          void finish();
          return;
        }
        queue.push(event);
        wake?.();
      });

  /** Opens the batch's scope and loads what to send for `batch`; false when the stream has ended. */
  const loadBatch = async (batch: RoutedEvent[] | null): Promise<boolean> => {
    const scope = await openScopeWaiting(ctx.app, live.credentials, live.readWaitMs);
    if (scope === 'busy') {
      const error = StewardError.unavailable('Live events could not be read in time (the database was busy); catch up with domainEvents');
      ready = (batch ?? []).slice(-1).map((event) => ({ event, value: error }));
      return true;
    }
    if (!scope) {
      live.close(LIVE_CLOSE.UNAUTHORIZED, 'The credentials are no longer valid: reconnect with fresh ones');
      await finish();
      return false;
    }
    current = scope;
    // The request's own context takes the batch's scope: its resolvers, loaders and rules see the caller as it is now.
    Object.assign(ctx, { tx: scope.tx, caller: scope.caller, loaders: scope.loaders, audit: scope.audit, requestId: scope.requestId, permitted: undefined });
    const events = batch ?? (await eventsAfter(scope, replay!)).filter((e) => source.accept(e));
    const chosen = source.latestOnly ? events.slice(-1) : events;
    // Loaded together: the loaders read the whole batch in one statement per kind of row.
    loads += chosen.length;
    const values = await Promise.all(chosen.map((event) => source.load(ctx, event)));
    ready = chosen.flatMap((event, i) => (values[i] === null ? [] : [{ event, value: values[i] as T }]));
    return true;
  };

  const iterator: AsyncIterableIterator<T> = {
    async next(): Promise<IteratorResult<T>> {
      while (!done) {
        const answer = ready.shift();
        if (answer) {
          (ctx as LiveContext).liveEventId = answer.event.id;
          // An Error as the root value makes the field null with that error: the subscriber is told, the socket stays.
          return { value: answer.value as T, done: false };
        }
        await endScope();
        if (replay) {
          try {
            if (!(await loadBatch(null))) break;
          } catch (error) {
            await finish();
            throw error;
          }
          replay = null;
          continue;
        }
        if (live.replayAfter) break;
        if (!queue.length) {
          await new Promise<void>((resolve) => (wake = resolve));
          wake = null;
          continue;
        }
        try {
          if (!(await loadBatch(queue.splice(0, MAX_BATCH)))) break;
        } catch (error) {
          await finish();
          throw error;
        }
      }
      await finish();
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
