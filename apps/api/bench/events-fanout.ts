import { createClient, type Client as WsClient } from 'graphql-ws';
import { Pool } from 'pg';
import WebSocket from 'ws';

/**
 * Events through the outbox to live subscribers over two API processes: `subscribers` graphql-ws
 * subscriptions to `domainEventAdded` (alert.raised), spread over connections to both processes, while
 * alerts are inserted in the workload tenant at a steady rate (each insert emits its event by trigger and
 * notifies at commit; each process's hub hears it, and each audience (subscriptions with the same credentials,
 * operation and variables: modules/events/live/fanout.ts) reads the batch once in one transaction and hands it to all).
 * Measures how many events per second reach every subscriber, and the delivery latency (insert sent to
 * message received) over every delivery.
 */
export interface EventFanoutOptions {
  subscribers: number;
  /** Subscriptions per WebSocket connection (the server allows 20 by default). */
  perConnection: number;
  events: number;
  /** Alerts inserted per second. */
  rate: number;
}

export interface EventFanoutResult {
  processes: number;
  subscribers: number;
  connections: number;
  events: number;
  offeredRate: number;
  deliveries: number;
  missing: number;
  seconds: number;
  /** Events delivered to every subscriber, per second, from the first insert to the last delivery. */
  eventsPerSecond: number;
  deliveriesPerSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
  /** Subscribe attempts refused while the subscriptions were being made (and made again). */
  refusedSubscribes: number;
  /** Seconds from the first connection until every subscription received its probe. */
  subscribeSeconds: number;
}

const MARK = 'bench-fanout';
const QUERY = `subscription($f: DomainEventLiveFilter) { domainEventAdded(filter: $f) { id payload } }`;

function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function measureEventFanout(
  urls: string[],
  databaseUrl: string,
  token: string,
  tenantId: string,
  options: EventFanoutOptions,
): Promise<EventFanoutResult> {
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  const run = `${MARK}-${Date.now()}`;
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  const probed = new Set<number>();
  let deliveries = 0;
  /** Subscriptions refused when made (pool busy: UNAVAILABLE) and made again. */
  let refused = 0;
  let connected = 0;
  let lastDelivery = 0;
  const clients: WsClient[] = [];
  const connections = Math.ceil(options.subscribers / options.perConnection);
  try {
    const subscribing = performance.now();
    let subscriber = 0;
    for (let c = 0; c < connections; c++) {
      const client = createClient({
        url: urls[c % urls.length].replace(/^http/, 'ws') + '/graphql',
        webSocketImpl: WebSocket,
        connectionParams: () => ({ authorization: `Bearer ${token}` }),
        lazy: false,
        retryAttempts: 20,
        retryWait: () => sleep(500),
        shouldRetry: () => true,
        on: { connected: () => (connected += 1) },
      });
      clients.push(client);
      // One connection at a time: the next opens once this one is acknowledged (its credentials checked in the database).
      const ackedBefore = connected;
      const ackBy = Date.now() + 30_000;
      while (connected === ackedBefore && Date.now() < ackBy) await sleep(10);
      for (let s = 0; s < options.perConnection && subscriber < options.subscribers; s++, subscriber++) {
        const index = subscriber;
        let tries = 0;
        const start = (): void => {
          client.subscribe<{ domainEventAdded: { payload: { message?: string } } }>(
            { query: QUERY, variables: { f: { types: ['ALERT_RAISED'] } } },
            {
              next: (result) => {
                const message = result.data?.domainEventAdded.payload.message ?? '';
                if (!message.startsWith(run)) return;
                const [, kind, seq] = message.slice(run.length).split(' ');
                if (kind === 'probe') return void probed.add(index);
                const sent = sentAt.get(Number(seq));
                if (sent === undefined) return;
                const now = performance.now();
                latencies.push(now - sent);
                deliveries += 1;
                lastDelivery = now;
              },
              // A subscription is authorized in a transaction of its own when it is made; one refused because the pool was busy is made again.
              error: (error) => {
                if (++tries > 20) return void process.stderr.write(`bench: subscription ${index} failed: ${JSON.stringify(error).slice(0, 300)}\n`);
                refused += 1;
                setTimeout(start, 250 * tries);
              },
              complete: () => undefined,
            },
          );
        };
        start();
      }
      // Connections are opened in a steady stream, as clients arrive, not all in one instant.
      await sleep(20);
    }
    const insert = (message: string) =>
      pool.query(`INSERT INTO alerts (tenant_id, source, severity, message) VALUES ($1, 'compliance', 'info', $2)`, [tenantId, message]);

    // Every subscription is in place once it has received a probe.
    const liveBy = Date.now() + 120_000;
    for (let p = 0; probed.size < options.subscribers; p++) {
      if (Date.now() > liveBy) throw new Error(`only ${probed.size} of ${options.subscribers} subscriptions went live`);
      await insert(`${run} probe ${p}`);
      await sleep(1000);
    }

    const subscribeSeconds = (performance.now() - subscribing) / 1000;
    const started = performance.now();
    const interval = 1000 / options.rate;
    for (let seq = 0; seq < options.events; seq++) {
      const due = started + seq * interval;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      sentAt.set(seq, performance.now());
      await insert(`${run} event ${seq}`);
    }
    const expected = options.events * options.subscribers;
    // Until every delivery arrived, or nothing more came for 10 s.
    let seen = -1;
    let quietSince = performance.now();
    while (deliveries < expected && performance.now() - quietSince < 10_000) {
      if (deliveries !== seen) {
        seen = deliveries;
        quietSince = performance.now();
      }
      await sleep(50);
    }
    const seconds = ((lastDelivery || performance.now()) - started) / 1000;
    latencies.sort((a, b) => a - b);
    return {
      processes: urls.length,
      subscribers: options.subscribers,
      connections,
      events: options.events,
      offeredRate: options.rate,
      deliveries,
      missing: expected - deliveries,
      seconds,
      eventsPerSecond: deliveries / options.subscribers / seconds,
      deliveriesPerSecond: deliveries / seconds,
      latencyMs: { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), max: latencies[latencies.length - 1] ?? 0 },
      refusedSubscribes: refused,
      subscribeSeconds,
    };
  } finally {
    await Promise.all(clients.map((c) => c.dispose()));
    await pool.query(`DELETE FROM alerts WHERE tenant_id = $1 AND message LIKE $2`, [tenantId, `${run}%`]).catch(() => undefined);
    await pool.end();
  }
}

export function eventFanoutTable(r: EventFanoutResult): string {
  return [
    `events to live subscribers: ${r.subscribers} subscriptions on ${r.connections} connections over ${r.processes} API processes, ${r.events} events offered at ${r.offeredRate}/s`,
    `  all subscribed and live after ${r.subscribeSeconds.toFixed(1)} s (${r.refusedSubscribes} subscribe attempts refused while the pool was busy, made again)`,
    `  ${r.eventsPerSecond.toFixed(1)} events/s to every subscriber (${Math.round(r.deliveriesPerSecond)} deliveries/s), ${r.deliveries} deliveries, ${r.missing} missing, ${r.seconds.toFixed(1)} s`,
    `  delivery latency (insert sent -> message received): p50 ${r.latencyMs.p50.toFixed(0)} ms, p99 ${r.latencyMs.p99.toFixed(0)} ms, max ${r.latencyMs.max.toFixed(0)} ms`,
  ].join('\n');
}
