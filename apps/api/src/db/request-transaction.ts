import type { PoolClient } from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { isUuid } from '../graphql/global-id';
import { prepareStatements } from './prepared-statements';

/** Who a request claims to be, before the database has confirmed it. */
export type Credentials =
  | { kind: 'user'; userId: string; tenantId: string | null; sessionFamilyId: string }
  | { kind: 'apiKey'; keyHash: string }
  | { kind: 'anonymous' };

/** What the database confirmed about the caller when the transaction opened. */
export interface Caller {
  userId: string | null;
  apiKeyId: string | null;
  apiKeyName: string | null;
  tenantId: string | null;
  /** Role in the tenant; null when not a member, or the tenant is not active. */
  role: string | null;
  tenantStatus: string | null;
  platformAdmin: boolean;
  /** The signed-in user's session family (revoking it ends every token issued in it). */
  sessionFamilyId: string | null;
  /** Set when Steward itself acts, e.g. a scheduled job: its name, for the audit log. */
  system?: string;
}

const HEX = /^[0-9a-f]{64}$/;

/**
 * Builds the opening of a request's transaction as one round trip: BEGIN, drop to the non-owner
 * role that row-level security applies to, and let the database confirm the caller and set the
 * transaction-local settings its policies read. Values are validated and inlined because the
 * simple-query protocol (the only one that carries several statements) has no parameters.
 */
function openingSql(credentials: Credentials): string {
  const head = 'BEGIN; SET LOCAL ROLE steward_app;';
  switch (credentials.kind) {
    case 'user': {
      const tenant = credentials.tenantId;
      const { userId, sessionFamilyId } = credentials;
      if (!isUuid(userId) || !isUuid(sessionFamilyId) || (tenant !== null && !isUuid(tenant))) throw new Error('malformed credentials');
      const tenantSql = tenant ? `'${tenant}'::uuid` : 'NULL::uuid';
      return `${head} SELECT * FROM steward.begin_user_request('${userId}'::uuid, ${tenantSql}, '${sessionFamilyId}'::uuid);`;
    }
    case 'apiKey':
      if (!HEX.test(credentials.keyHash)) throw new Error('malformed credentials');
      return `${head} SELECT * FROM steward.begin_api_key_request('${credentials.keyHash}');`;
    case 'anonymous':
      return head;
  }
}

/**
 * One database transaction on one connection for a whole GraphQL request. Every statement runs as
 * `steward_app` under the caller's tenant settings, so RLS holds even where a query forgets a filter.
 */
export class RequestTransaction {
  statements = 0;
  private ended: 'COMMIT' | 'ROLLBACK' | null = null;
  private previous: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly runner: QueryRunner,
    private readonly client: PoolClient,
  ) {}

  get manager(): EntityManager {
    return this.runner.manager;
  }

  /**
   * `owner` is the signal of whoever the transaction belongs to (for HTTP, the exchange: see
   * context.ts): when it aborts, the transaction is rolled back unless it has already ended, and its
   * connection goes back to the pool. Without an owner, the caller must end it on every path.
   */
  static async open(dataSource: DataSource, credentials: Credentials, owner?: AbortSignal): Promise<{ tx: RequestTransaction; caller: Caller | null }> {
    const sql = openingSql(credentials);
    owner?.throwIfAborted();
    const runner = dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    prepareStatements(client);
    const tx = new RequestTransaction(runner, client);
    if (owner) {
      const release = () => void tx.rollback().catch(() => undefined);
      if (owner.aborted) {
        release();
        owner.throwIfAborted();
      }
      owner.addEventListener('abort', release, { once: true });
    }
    let caller: Caller | null;
    try {
      const results = (await tx.inTurn(() => client.query(sql))) as unknown as Array<{ rows: Record<string, unknown>[] }>;
      tx.statements += 1;
      caller = RequestTransaction.callerFrom(credentials, results[results.length - 1]?.rows[0]);
    } catch (error) {
      await tx.rollback().catch(() => undefined);
      throw error;
    }
    // TypeORM must know a transaction is open, or save() would start (and commit) its own.
    const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
    state.isTransactionActive = true;
    state.transactionDepth = 1;
    // One connection runs one statement at a time: loaders that fire in the same tick take turns here
    // rather than relying on pg's deprecated implicit queue.
    const query = runner.query.bind(runner);
    runner.query = ((...args: Parameters<QueryRunner['query']>) => {
      tx.statements += 1;
      return tx.inTurn(() => query(...args));
    }) as QueryRunner['query'];
    return { tx, caller };
  }

  private static callerFrom(credentials: Credentials, row: Record<string, unknown> | undefined): Caller | null {
    if (credentials.kind === 'anonymous') {
      return { userId: null, apiKeyId: null, apiKeyName: null, tenantId: null, role: null, tenantStatus: null, platformAdmin: false, sessionFamilyId: null };
    }
    if (!row) return null;
    if (credentials.kind === 'user') {
      const active = row.tenant_status === 'active';
      return {
        userId: credentials.userId,
        apiKeyId: null,
        apiKeyName: null,
        tenantId: row.role ? credentials.tenantId : null,
        role: active ? (row.role as string | null) : null,
        tenantStatus: (row.tenant_status as string | null) ?? null,
        platformAdmin: row.platform_admin === true,
        sessionFamilyId: credentials.sessionFamilyId,
      };
    }
    return {
      userId: null,
      apiKeyId: row.key_id as string,
      apiKeyName: row.key_name as string,
      tenantId: row.tenant_id as string,
      role: row.tenant_status === 'active' ? (row.role as string) : null,
      tenantStatus: row.tenant_status as string,
      platformAdmin: false,
      sessionFamilyId: null,
    };
  }

  /** Runs `work` after everything sent before it on this connection has finished. */
  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const next = this.previous.then(work);
    this.previous = next.catch(() => undefined);
    return next;
  }

  /** Runs `work` so that a failure undoes only its own writes and the request's transaction goes on. */
  async isolated<T>(work: () => Promise<T>): Promise<T> {
    const name = `sp_${this.statements}`;
    await this.runner.query(`SAVEPOINT ${name}`);
    try {
      const result = await work();
      await this.runner.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await this.runner.query(`ROLLBACK TO SAVEPOINT ${name}`);
      throw error;
    }
  }

  /** Throws when the transaction was already rolled back (e.g. its client went away): nothing was saved. */
  async commit(): Promise<void> {
    if (this.ended === 'ROLLBACK') throw new Error('the request transaction was rolled back before it could commit');
    await this.finish('COMMIT');
  }

  /** Safe to call at any time and more than once; does nothing once the transaction has ended. */
  async rollback(): Promise<void> {
    await this.finish('ROLLBACK');
  }

  private async finish(sql: 'COMMIT' | 'ROLLBACK'): Promise<void> {
    if (this.ended) return;
    this.ended = sql;
    const state = this.runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
    let failure: unknown;
    try {
      await this.inTurn(() => this.client.query(sql));
      this.statements += 1;
    } catch (error) {
      failure = error;
      throw error;
    } finally {
      state.isTransactionActive = false;
      state.transactionDepth = 0;
      // A connection whose transaction may still be open must never serve another request: released
      // with the error, pg-pool closes it instead of taking it back (TypeORM keeps that door private).
      if (failure) await (this.runner as unknown as { releasePostgresConnection(error: unknown): Promise<void> }).releasePostgresConnection(failure);
      await this.runner.release();
    }
  }
}
