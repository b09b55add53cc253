import { fakeApi, tokens } from '../../test/fake-api';
import { Session } from '../session/session';
import { backoffDelay, LiveConnection } from './live';

/** A WebSocket the test plays the server of. */
class FakeSocket {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSING = 2;
  static CLOSED = 3;
  static all: FakeSocket[] = [];
  readyState = FakeSocket.CONNECTING;
  sent: { type: string; id?: string; payload?: Record<string, unknown> }[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  constructor(
    readonly url: string,
    readonly protocol: string,
  ) {
    FakeSocket.all.push(this);
    setTimeout(() => {
      this.readyState = FakeSocket.OPEN;
      this.onopen?.();
    });
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close(code = 1000, reason = '') {
    if (this.readyState === FakeSocket.CLOSED) return;
    this.readyState = FakeSocket.CLOSED;
    this.onclose?.({ code, reason });
  }
  receive(message: object) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

async function until(condition: () => boolean, ms = 3000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function signedIn() {
  let n = 0;
  const api = fakeApi(({ operationName }) => (operationName === 'SessionRefresh' ? { body: { data: { sessionRefresh: tokens(`t${++n}`) } } } : { body: {} }));
  const session = new Session('/graphql', api.fetch);
  await session.refresh();
  return session;
}

const lastSocket = () => FakeSocket.all.at(-1)!;

describe('the live connection', () => {
  beforeEach(() => (FakeSocket.all = []));

  it('backs off exponentially with jitter, up to 30 seconds', () => {
    expect([0, 1, 2, 3].map((n) => backoffDelay(n, () => 1))).toEqual([500, 1000, 2000, 4000]);
    expect(backoffDelay(2, () => 0)).toBe(1000);
    expect(backoffDelay(20, () => 1)).toBe(30_000);
  });

  it('authenticates with the session token, says live once acknowledged, reconnects when lost and hands a fresh token over by ping', async () => {
    const session = await signedIn();
    const live = new LiveConnection(session, 'ws://steward.test/graphql', FakeSocket);
    const statuses: string[] = [];
    live.subscribe(() => statuses.push(live.status));
    const received: unknown[] = [];
    const stop = live.client.subscribe(
      { query: 'subscription { alertChanged { id } }' },
      { next: (r) => void received.push(r), error: () => undefined, complete: () => undefined },
    );
    try {
      await until(() => lastSocket()?.sent.length === 1);
      expect(lastSocket().sent[0]).toEqual({ type: 'connection_init', payload: { authorization: 'Bearer t1' } });
      lastSocket().receive({ type: 'connection_ack' });
      await until(() => live.status === 'live');

      lastSocket().close(1006, 'gone');
      expect(live.status).toBe('reconnecting');
      await until(() => FakeSocket.all.length === 2 && lastSocket().sent.length === 1);
      lastSocket().receive({ type: 'connection_ack' });
      await until(() => live.status === 'live');
      // The subscription is made again on the new connection.
      await until(() => lastSocket().sent.some((m) => m.type === 'subscribe'));

      await session.refresh();
      await live.handOverToken();
      expect(lastSocket().sent.at(-1)).toEqual({ type: 'ping', payload: { authorization: 'Bearer t2' } });
      expect(statuses).toEqual(['connecting', 'live', 'reconnecting', 'live']);
    } finally {
      stop();
      live.dispose();
    }
  });

  it('resumes after a loss from the event of the last answer it received (lastEventId), and starts afresh after a deliberate close', async () => {
    const session = await signedIn();
    const live = new LiveConnection(session, 'ws://steward.test/graphql', FakeSocket);
    const received: unknown[] = [];
    const stop = live.client.subscribe(
      { query: 'subscription { alertChanged { id } }' },
      { next: (r) => void received.push(r), error: () => undefined, complete: () => undefined },
    );
    try {
      await until(() => lastSocket()?.sent.length === 1);
      lastSocket().receive({ type: 'connection_ack' });
      await until(() => lastSocket().sent.some((m) => m.type === 'subscribe'));
      const id = lastSocket().sent.find((m) => m.type === 'subscribe')!.id;
      lastSocket().receive({ type: 'next', id, payload: { data: { alertChanged: { id: 'a1' } }, extensions: { eventId: 'ev-1' } } });
      lastSocket().receive({ type: 'next', id, payload: { data: { alertChanged: { id: 'a2' } }, extensions: { eventId: 'ev-2' } } });
      await until(() => received.length === 2);

      lastSocket().close(1006, 'gone');
      await until(() => FakeSocket.all.length === 2 && lastSocket().sent.length === 1);
      expect(lastSocket().sent[0]).toEqual({ type: 'connection_init', payload: { authorization: 'Bearer t1', lastEventId: 'ev-2' } });

      lastSocket().close(1000, 'done');
      await until(() => FakeSocket.all.length === 3 && lastSocket().sent.length === 1);
      expect(lastSocket().sent[0]).toEqual({ type: 'connection_init', payload: { authorization: 'Bearer t1' } });
    } finally {
      stop();
      live.dispose();
    }
  });
});
