import { Client } from 'pg';
import type { Logger } from 'pino';

/** What the hub knows of an event when it routes it: enough to pick its subscribers, nothing of its payload. */
export interface RoutedEvent {
  id: string;
  tenantId: string;
  type: string;
  subjectType: string;
  subjectId: string | null;
}

export type EventListener = (event: RoutedEvent) => void;

/** Longest wait between two attempts to listen again after the connection was lost. */
const MAX_RECONNECT_DELAY_MS = 5000;
/** How many routed event ids the hub remembers (a catch-up reaches back about a second before the loss). */
const RECENT_IDS = 20_000;

/**
 * One process's ear on the outbox: a connection of its own LISTENs on `steward_events` (notified by
 * the database at commit, with the tenant and the event id), reads the routing columns of what it
 * heard in one statement per burst, and hands each event to the listeners of its tenant. Every API
 * process has its own hub, so each delivers to its own subscribers whichever process made the change.
 * When the connection is lost, it listens again with a growing delay; events committed meanwhile are
 * caught up from the outbox (by time) once it is back.
 */
export class EventHub {
  private client: Client | null = null;
  private readonly listeners = new Map<string, Set<EventListener>>();
  private pending: { tenantId: string; id: string }[] = [];
  private flushing: Promise<void> | null = null;
  private stopped = false;
  private attempts = 0;
  private connecting: Promise<void> | null = null;
  /** When the connection was lost: events since then are read back from the outbox once it returns. */
  private lostAt: Date | null = null;
  /** Ids of the events heard lately, so that a catch-up does not hand out again what was heard before the loss. */
  private readonly recent = new Set<string>();
  /** Events routed so far (for tests and the bench). */
  routed = 0;

  constructor(
    private readonly url: string,
    private readonly log: Logger,
  ) {}

  /** Listens now; a failure is retried in the background (subscribers are told nothing until it works). */
  start(): Promise<void> {
    if (this.client) return Promise.resolve();
    return (this.connecting ??= this.connect().finally(() => (this.connecting = null)));
  }

  get listening(): boolean {
    return this.client !== null;
  }

  /** Registers `listener` for the events of `tenantId`; returns the function that unregisters it. */
  subscribe(tenantId: string, listener: EventListener): () => void {
    let set = this.listeners.get(tenantId);
    if (!set) this.listeners.set(tenantId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(tenantId) === set) this.listeners.delete(tenantId);
    };
  }

  /** Listeners of a tenant in this process. */
  listenerCount(tenantId?: string): number {
    if (tenantId) return this.listeners.get(tenantId)?.size ?? 0;
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  /** Drops the connection as a database restart would (tests): the hub listens again by itself. */
  simulateLoss(): void {
    this.client?.emit('error', new Error('connection lost (simulated)'));
  }

  private async connect(): Promise<void> {
    while (!this.stopped) {
      const client = new Client({ connectionString: this.url, application_name: 'steward-event-hub' });
      try {
        await client.connect();
        client.on('notification', (n) => this.heard(n.payload ?? ''));
        client.on('error', (error) => this.lost(client, error));
        client.on('end', () => this.lost(client, new Error('the connection ended')));
        await client.query('LISTEN steward_events');
        if (this.stopped) {
          await client.end();
          return;
        }
        this.client = client;
        this.attempts = 0;
        if (this.lostAt) await this.catchUp(client, this.lostAt);
        this.lostAt = null;
        return;
      } catch (error) {
        await client.end().catch(() => undefined);
        const delay = Math.min(MAX_RECONNECT_DELAY_MS, 100 * 2 ** this.attempts++);
        this.log.warn({ err: error, delay }, 'the event hub could not listen; trying again');
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  private lost(client: Client, error: Error): void {
    if (this.client !== client) return;
    this.client = null;
    this.lostAt ??= new Date();
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    this.log.warn({ err: error }, 'the event hub lost its connection; listening again');
    void this.start();
  }

  /** Events committed while the hub was not listening (a second of slack for transactions begun before). */
  private async catchUp(client: Client, since: Date): Promise<void> {
    const { rows } = await client.query<{ id: string; tenant_id: string }>(
      `SELECT id, tenant_id FROM domain_events WHERE occurred_at >= $1::timestamptz - interval '1 second' ORDER BY occurred_at, id LIMIT 10000`,
      [since.toISOString()],
    );
    for (const row of rows) if (this.listeners.has(row.tenant_id) && this.remember(row.id)) this.pending.push({ tenantId: row.tenant_id, id: row.id });
    this.schedule();
  }

  /** False when the event was heard before: whether or not anybody listened then, it is not handed out again. */
  private remember(id: string): boolean {
    if (this.recent.has(id)) return false;
    this.recent.add(id);
    if (this.recent.size > RECENT_IDS) this.recent.delete(this.recent.values().next().value as string);
    return true;
  }

  private heard(payload: string): void {
    const [tenantId, id] = payload.split(':');
    if (!tenantId || !id || !this.remember(id)) return;
    // Nobody here listens to that tenant: nothing to read.
    if (!this.listeners.has(tenantId)) return;
    this.pending.push({ tenantId, id });
    this.schedule();
  }

  private schedule(): void {
    this.flushing ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.flush()).finally(() => (this.flushing = null));
  }

  /** Reads the routing columns of every event heard since the last flush, in one statement, and hands them out in order. */
  private async flush(): Promise<void> {
    while (this.pending.length && this.client) {
      const batch = this.pending.splice(0, 500);
      let rows: { id: string; tenant_id: string; type: string; subject_type: string; subject_id: string | null }[];
      try {
        ({ rows } = await this.client.query(
          `SELECT e.id, e.tenant_id, e.type, e.subject_type, e.subject_id
             FROM unnest($1::uuid[]) WITH ORDINALITY AS heard(id, n) JOIN domain_events e ON e.id = heard.id ORDER BY heard.n`,
          [batch.map((b) => b.id)],
        ));
      } catch (error) {
        this.log.warn({ err: error }, 'the event hub could not read events it heard of');
        continue;
      }
      for (const row of rows) {
        const event: RoutedEvent = { id: row.id, tenantId: row.tenant_id, type: row.type, subjectType: row.subject_type, subjectId: row.subject_id };
        this.routed++;
        for (const listener of this.listeners.get(event.tenantId) ?? []) {
          try {
            listener(event);
          } catch (error) {
            this.log.error({ err: error }, 'an event listener failed');
          }
        }
      }
    }
  }
}
