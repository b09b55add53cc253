import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { Caller, Harness, startHarness, TEST_KEY_ENV } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { toGlobalId } from '../../graphql/global-id';

/**
 * Fan-out across real OS processes: two API servers, each its own Node process with its own pool and
 * event hub, on one database. A subscriber on one receives a change made through the other (the event
 * crosses over LISTEN/NOTIFY), and keeps receiving after its process is killed and started again.
 */
interface ApiProcess {
  url: string;
  child: ChildProcess;
}

const CHILD = join(__dirname, '../../../test/workers/api-server-child.js');
const acme = stableUuid('tenant:acme');
let h: Harness;
const started: ApiProcess[] = [];

async function startApi(port = 0): Promise<ApiProcess> {
  const child = fork(CHILD, [(h.dataSource.options as { url: string }).url, String(port), JSON.stringify(TEST_KEY_ENV)], { stdio: 'inherit' });
  const message = await new Promise<{ url?: string; error?: string }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { url?: string; error?: string }));
    child.once('exit', (code) => reject(new Error(`the API process exited (${code}) before listening`)));
  });
  if (!message.url) throw new Error(`the API process failed: ${message.error}`);
  const api = { url: message.url, child };
  started.push(api);
  return api;
}

async function kill(api: ApiProcess, signal: NodeJS.Signals): Promise<NodeJS.Signals | number | null> {
  if (api.child.exitCode !== null || api.child.signalCode !== null) return api.child.signalCode ?? api.child.exitCode;
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => api.child.once('exit', (code, sig) => resolve(sig ?? code)));
  api.child.kill(signal);
  return exited;
}

beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => {
  for (const api of started) await kill(api, 'SIGKILL');
  await h.close();
});

const ALERTS = `subscription { alertChanged { id status message acknowledgedBy { email } } }`;
const ACKNOWLEDGE = `mutation($i: AlertTransitionInput!) { alertAcknowledge(input: $i) { alert { id status } userErrors { message } } }`;

interface Received {
  id: string;
  status: string;
  message: string;
  acknowledgedBy: { email: string } | null;
}

async function openAlert(message: string): Promise<string> {
  const [row] = await h.sql(`INSERT INTO alerts (tenant_id, source, severity, message) VALUES ($1, 'compliance', 'warning', $2) RETURNING id`, [acme, message]);
  return toGlobalId('Alert', row.id);
}

async function waitFor(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Until a subscription is in place its events are not delivered: raise probe alerts until one comes through. */
async function untilLive(received: Received[], label: string): Promise<void> {
  const until = Date.now() + 20_000;
  for (let i = 0; ; i++) {
    const message = `${label} probe ${i}`;
    await openAlert(message);
    const deadline = Date.now() + 300;
    while (Date.now() < deadline && !received.some((r) => r.message.startsWith(`${label} probe`))) await new Promise((r) => setTimeout(r, 20));
    if (received.some((r) => r.message.startsWith(`${label} probe`))) return;
    if (Date.now() > until) throw new Error(`the subscription never went live (${label})`);
  }
}

describe('live updates across two API processes', () => {
  let client: WsClient | undefined;
  afterEach(async () => client?.dispose());

  it('deliver a change made through one process to a subscriber of the other, and again after the subscriber’s process restarts', async () => {
    const first = await startApi();
    const second = await startApi();
    expect(first.child.pid).not.toBe(second.child.pid);
    expect(first.url).not.toBe(second.url);
    const token = (await h.signIn('admin@acme.test')).credentials.token!;
    const throughSecond = new Caller(second.url, { token });

    const received: Received[] = [];
    client = createClient({
      url: first.url.replace(/^http/, 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      connectionParams: () => ({ authorization: `Bearer ${token}` }),
      lazy: false,
      retryAttempts: 100,
      retryWait: () => new Promise((r) => setTimeout(r, 200)),
      shouldRetry: () => true,
    });
    client.subscribe<{ alertChanged: Received }>(
      { query: ALERTS },
      { next: (r) => void (r.data?.alertChanged && received.push(r.data.alertChanged)), error: () => undefined, complete: () => undefined },
    );
    await untilLive(received, 'first');

    const alertId = await openAlert('Made through the second process');
    const acked = await throughSecond.ok(ACKNOWLEDGE, { i: { alertId, note: 'from process two' } });
    expect(acked.alertAcknowledge.userErrors).toEqual([]);
    await waitFor(() => received.some((r) => r.id === alertId && r.status === 'ACKNOWLEDGED'), 'the acknowledgement on the first process');
    expect(received.find((r) => r.id === alertId && r.status === 'ACKNOWLEDGED')!.acknowledgedBy).toEqual({ email: 'admin@acme.test' });

    // The subscriber's process dies (no goodbye) and comes back on the same address; the client reconnects and resubscribes.
    const port = new URL(first.url).port;
    expect(await kill(first, 'SIGKILL')).toBe('SIGKILL');
    const restarted = await startApi(Number(port));
    expect(restarted.child.pid).not.toBe(first.child.pid);
    await untilLive(received, 'restarted');
    const afterId = await openAlert('After the restart');
    const again = await throughSecond.ok(ACKNOWLEDGE, { i: { alertId: afterId } });
    expect(again.alertAcknowledge.userErrors).toEqual([]);
    await waitFor(() => received.some((r) => r.id === afterId && r.status === 'ACKNOWLEDGED'), 'the acknowledgement after the restart');
    // Each change arrived once, though it crossed processes.
    expect(received.filter((r) => r.id === alertId && r.status === 'ACKNOWLEDGED')).toHaveLength(1);
  }, 90_000);

  it('hand a client that reconnects with lastEventId the events committed while its process was down, in order and once', async () => {
    const api = await startApi();
    const token = (await h.signIn('admin@acme.test')).credentials.token!;
    const received: Received[] = [];
    // What the web app's live connection does: remember the event of the last answer, send it when connecting again.
    let lastEventId: string | null = null;
    const sent: (string | null)[] = [];
    client = createClient({
      url: api.url.replace(/^http/, 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      connectionParams: () => {
        sent.push(lastEventId);
        return lastEventId ? { authorization: `Bearer ${token}`, lastEventId } : { authorization: `Bearer ${token}` };
      },
      lazy: false,
      retryAttempts: 100,
      retryWait: () => new Promise((r) => setTimeout(r, 200)),
      shouldRetry: () => true,
      on: {
        message: (m) => {
          const eventId = m.type === 'next' ? (m.payload.extensions as { eventId?: string } | undefined)?.eventId : undefined;
          if (eventId) lastEventId = eventId;
        },
      },
    });
    client.subscribe<{ alertChanged: Received }>(
      { query: ALERTS },
      { next: (r) => void (r.data?.alertChanged && received.push(r.data.alertChanged)), error: () => undefined, complete: () => undefined },
    );
    await untilLive(received, 'before');
    const before = received.length;

    const port = new URL(api.url).port;
    expect(await kill(api, 'SIGKILL')).toBe('SIGKILL');
    // Committed while nobody served the client.
    const missed = [await openAlert('Missed one'), await openAlert('Missed two'), await openAlert('Missed three')];
    await startApi(Number(port));
    await waitFor(() => received.some((r) => r.id === missed[2]), 'the missed events after the restart', 30_000);
    expect(sent.at(-1)).toEqual(expect.any(String));
    const live = await openAlert('Live after the restart');
    await waitFor(() => received.some((r) => r.id === live), 'the live event after the catch-up');
    await new Promise((r) => setTimeout(r, 300));
    expect(received.slice(before).map((r) => r.id)).toEqual([...missed, live]);
    expect(received.slice(before).map((r) => r.message)).toEqual(['Missed one', 'Missed two', 'Missed three', 'Live after the restart']);
  }, 90_000);
});
