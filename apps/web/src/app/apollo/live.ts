import { ApolloLink } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { RetryLink } from '@apollo/client/link/retry';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { createClient, type Client } from 'graphql-ws';
import type { Session } from '../session/session';

/**
 * Where the live connection stands, for the header's indicator: `idle` while nothing on the page
 * listens (the socket is only open while a subscription is), `connecting` the first time, `live`
 * once the server acknowledged it, `reconnecting` after it was lost until it is back.
 */
export type LiveStatus = 'idle' | 'connecting' | 'live' | 'reconnecting';

/** Close codes of the API (docs/events.md). */
const UNAUTHORIZED = 4401;
/** Longest wait between two reconnection attempts. */
const MAX_RETRY_DELAY_MS = 30_000;
/** How often a connected client checks whether the session has a fresher access token to hand over. */
const TOKEN_CHECK_MS = 30_000;

/** Randomised exponential backoff: about 0.5 s, 1 s, 2 s… up to 30 s, each between half and all of it. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_RETRY_DELAY_MS, 500 * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

export function liveUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
}

/**
 * The app's live connection: graphql-ws at /graphql on the page's own address, opened while a
 * subscription is active. It authenticates with the session's access token at connection time,
 * hands a refreshed token over by ping (without reconnecting), and reconnects with backoff when
 * lost; a connection closed for its credentials (4401) refreshes the session first. It remembers the
 * event of the last answer and sends it as `lastEventId` when it reconnects, so nothing committed
 * while it was away is missed.
 */
export class LiveConnection {
  readonly client: Client;
  private state: LiveStatus = 'idle';
  private readonly listeners = new Set<() => void>();
  private everConnected = false;
  private sentToken: string | null = null;
  private refuse = false;
  private socket: WebSocket | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  /** The event of the last answer received (its `extensions.eventId`): a reconnection resumes after it. */
  private lastEventId: string | null = null;

  constructor(
    private readonly session: Session,
    url: string = liveUrl(),
    webSocketImpl?: unknown,
  ) {
    this.client = createClient({
      url,
      webSocketImpl,
      lazy: true,
      lazyCloseTimeout: 1000,
      retryAttempts: Infinity,
      retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, backoffDelay(retries))),
      shouldRetry: () => this.session.snapshot.status === 'signedIn',
      connectionParams: async () => {
        if (this.refuse) await this.session.recover(this.sentToken);
        this.refuse = false;
        this.sentToken = await this.session.validToken();
        // After a loss the server hands each resubscribed subscription the events committed meanwhile, then the live ones.
        const resume = this.lastEventId ? { lastEventId: this.lastEventId } : {};
        return this.sentToken ? { authorization: `Bearer ${this.sentToken}`, ...resume } : {};
      },
      on: {
        connecting: () => this.set(this.everConnected ? 'reconnecting' : 'connecting'),
        connected: (socket) => {
          this.everConnected = true;
          this.socket = socket as WebSocket;
          this.watchToken();
          this.set('live');
        },
        message: (message) => {
          const eventId = message.type === 'next' ? (message.payload.extensions as { eventId?: unknown } | undefined)?.eventId : undefined;
          if (typeof eventId === 'string') this.lastEventId = eventId;
        },
        closed: (event) => {
          const code = (event as { code?: number } | undefined)?.code;
          // Closed on purpose (nothing listens, or signed out): the next connection starts afresh, with nothing to catch up.
          if (code === 1000 || this.session.snapshot.status !== 'signedIn') this.lastEventId = null;
          this.socket = null;
          this.stopWatching();
          if (code === UNAUTHORIZED) this.refuse = true;
          // 1000: closed because nothing listens any more (or signed out): not a loss.
          this.set(code === 1000 || this.session.snapshot.status !== 'signedIn' ? 'idle' : 'reconnecting');
        },
      },
    });
  }

  get status(): LiveStatus {
    return this.state;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Subscriptions go over the socket; those ended by a lost or refused connection subscribe again (with backoff). */
  link(): ApolloLink {
    const retry = new RetryLink({
      delay: (attempt) => backoffDelay(attempt),
      attempts: (_attempt, _operation, error) => !CombinedGraphQLErrors.is(error) && this.session.snapshot.status === 'signedIn',
    });
    return ApolloLink.from([retry, new GraphQLWsLink(this.client)]);
  }

  dispose(): void {
    this.stopWatching();
    void this.client.dispose();
  }

  /** Sends a fresher access token by ping when the session has one, so the connection outlives the old token. */
  private watchToken(): void {
    this.stopWatching();
    this.timer = setInterval(() => void this.handOverToken(), TOKEN_CHECK_MS);
  }

  async handOverToken(): Promise<void> {
    const token = await this.session.validToken();
    if (!token || token === this.sentToken || this.socket?.readyState !== 1) return;
    this.sentToken = token;
    this.socket.send(JSON.stringify({ type: 'ping', payload: { authorization: `Bearer ${token}` } }));
  }

  private stopWatching(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private set(status: LiveStatus): void {
    if (status === this.state) return;
    this.state = status;
    for (const listener of this.listeners) listener();
  }
}
