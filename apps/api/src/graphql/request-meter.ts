import { Client } from 'pg';
import type { Logger } from 'pino';

/** How long a tenant's API rate (from its plan or negotiated limits) is trusted before it is read again. */
const RATE_TTL_MS = 30_000;

/**
 * Counts the API requests each tenant makes, in this process, and adds them to `tenant_usage_days` every
 * few seconds (and when the server stops) in one statement on a connection of its own (never one of the
 * pool's: requests hold those while they wait here), so no request runs a statement more. Also knows each
 * tenant's API requests a minute for signed-in sessions, read through the same connection and kept for
 * RATE_TTL_MS (API keys bring theirs with the request); when it cannot be read, sessions are let through
 * (logged). Counts not yet saved when a process dies are lost: the figures are for usage and export, not
 * enforcement.
 */
export class RequestMeter {
  private counts = new Map<string, number>();
  private readonly rates = new Map<string, { perMinute: number | null; until: number }>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private readonly reading = new Map<string, Promise<number | null>>();
  private client: Promise<Client> | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly url: string,
    private readonly log: Logger,
    private readonly intervalMs = 5_000,
  ) {}

  /** Runs one statement on the meter's own connection, one at a time; a failure drops the connection for the next. */
  private query<T>(text: string, params: unknown[]): Promise<T[]> {
    const run = this.queue.then(async () => {
      this.client ??= (async () => {
        const client = new Client({ connectionString: this.url, application_name: 'steward-request-meter' });
        client.on('error', () => undefined);
        await client.connect();
        return client;
      })();
      try {
        return (await (await this.client).query(text, params)).rows as T[];
      } catch (error) {
        const lost = this.client;
        this.client = null;
        void lost.then((c) => c.end()).catch(() => undefined);
        throw error;
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  count(tenantId: string): void {
    this.counts.set(tenantId, (this.counts.get(tenantId) ?? 0) + 1);
  }

  /** Saves the counts gathered so far (a failed save puts them back for the next round). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (!this.counts.size) return;
      const pending = this.counts;
      this.counts = new Map();
      try {
        await this.query(
          `INSERT INTO tenant_usage_days AS u (tenant_id, day, api_requests)
           SELECT c.tenant_id, (now() AT TIME ZONE 'UTC')::date, c.n FROM unnest($1::uuid[], $2::bigint[]) AS c(tenant_id, n)
           WHERE EXISTS (SELECT 1 FROM tenants t WHERE t.id = c.tenant_id)
           ON CONFLICT (tenant_id, day) DO UPDATE SET api_requests = u.api_requests + EXCLUDED.api_requests`,
          [[...pending.keys()], [...pending.values()]],
        );
      } catch (error) {
        for (const [tenant, n] of pending) this.counts.set(tenant, (this.counts.get(tenant) ?? 0) + n);
        this.log.warn({ err: error }, 'API request counts could not be saved; trying again shortly');
      }
    });
    return this.flushing;
  }

  /** The tenant's API requests a minute for signed-in sessions, from its plan (null: none), as API keys get it. */
  async sessionRate(tenantId: string): Promise<number | null> {
    const known = this.rates.get(tenantId);
    if (known && known.until > Date.now()) return known.perMinute;
    let reading = this.reading.get(tenantId);
    if (!reading) {
      reading = this.query<{ per_minute: number | null }>(
        `SELECT p.max_api_requests_per_minute AS per_minute FROM tenants t JOIN plans p ON p.code = t.plan WHERE t.id = $1`,
        [tenantId],
      )
        .then(([row]) => {
          const perMinute = row?.per_minute ?? null;
          this.rates.set(tenantId, { perMinute, until: Date.now() + RATE_TTL_MS });
          return perMinute;
        })
        .catch((error: unknown) => {
          this.log.warn({ err: error, tenantId }, "the tenant's API rate could not be read; letting its sessions through");
          return known?.perMinute ?? null;
        })
        .finally(() => this.reading.delete(tenantId));
      this.reading.set(tenantId, reading);
    }
    return reading;
  }

  /** Forgets a tenant's rate, e.g. after its plan changed in this process. */
  forgetRate(tenantId: string): void {
    this.rates.delete(tenantId);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
    const client = this.client;
    this.client = null;
    await client?.then((c) => c.end()).catch(() => undefined);
  }
}
