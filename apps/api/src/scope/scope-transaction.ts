import type { DataSource, EntityManager } from 'typeorm';
import { OPENING_SAVEPOINT } from './scope-opening';
import { ScopeQueryRunner } from './scope-query-runner';

/**
 * The one place a scope's transaction lives and ends: opened in one round trip on one pooled
 * connection; committed by whoever finishes the work (Apollo's plugin for a request, run() for a
 * job or the seed); rolled back on error or when its owner goes away (for HTTP, the exchange); its
 * connection returned on every path. Every statement runs as `steward_app` under the actor's tenant
 * settings, so RLS holds even where a query forgets a filter.
 */
/** The transaction ended before its commit (its client went away): nothing it wrote was saved. */
export class RolledBackBeforeCommit extends Error {
  constructor() {
    super('the transaction was rolled back before it could commit');
  }
}

export class ScopeTransaction {
  private ended: 'COMMIT' | 'ROLLBACK' | null = null;
  private readonly afterEnd: (() => Promise<void>)[] = [];
  /** The savepoint isolated work may still use or release: the opening's, then the last top-level work's. */
  private openSavepoint: string | null = null;
  private depth = 0;

  private constructor(private readonly runner: ScopeQueryRunner) {}

  get manager(): EntityManager {
    return this.runner.manager;
  }

  /** Statements sent so far, the opening and the end included. */
  get statements(): number {
    return this.runner.statements;
  }

  /**
   * `owner` is the signal of whoever the transaction belongs to: when it aborts, the transaction is
   * rolled back unless it has already ended, and its connection goes back to the pool. Without an
   * owner, the caller ends it on every path (run() does).
   */
  static async open(
    dataSource: DataSource,
    openingSql: string,
    owner?: AbortSignal,
  ): Promise<{ tx: ScopeTransaction; row: Record<string, unknown> | undefined }> {
    owner?.throwIfAborted();
    const runner = ScopeQueryRunner.create(dataSource);
    await runner.connect();
    const tx = new ScopeTransaction(runner);
    if (owner) {
      const release = () => void tx.rollback().catch(() => undefined);
      if (owner.aborted) {
        release();
        owner.throwIfAborted();
      }
      owner.addEventListener('abort', release, { once: true });
    }
    try {
      const rows = await runner.begin(openingSql);
      if (openingSql.includes(`SAVEPOINT ${OPENING_SAVEPOINT};`)) tx.openSavepoint = OPENING_SAVEPOINT;
      return { tx, row: rows[0] };
    } catch (error) {
      await tx.rollback().catch(() => undefined);
      throw error;
    }
  }

  /** Runs `hook` once the transaction has ended, however it ended (the audit trail writes its failures then). */
  whenEnded(hook: () => Promise<void>): void {
    this.afterEnd.push(hook);
  }

  /** Commits when `work` succeeds, rolls back when it throws: for work that is not an HTTP request. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await work();
    } catch (error) {
      await this.rollback().catch(() => undefined);
      throw error;
    }
    await this.commit();
    return result;
  }

  /**
   * Runs `work` so that a failure undoes only its own writes and the transaction goes on. Outside another
   * isolated work, no round trip of its own on success: the first such work, when nothing was sent after the
   * opening, uses the savepoint the opening left; a later one releases the previous one's savepoint and opens its
   * own in one statement; none is released after (COMMIT ends them). Nested work opens and releases its own.
   */
  async isolated<T>(work: () => Promise<T>): Promise<T> {
    if (this.depth > 0) return this.nested(work);
    let name: string;
    if (this.openSavepoint === OPENING_SAVEPOINT && this.runner.statements === 1) name = OPENING_SAVEPOINT;
    else {
      name = `sp_${this.runner.statements}`;
      await this.runner.query(this.openSavepoint ? `RELEASE SAVEPOINT ${this.openSavepoint}; SAVEPOINT ${name}` : `SAVEPOINT ${name}`);
    }
    this.openSavepoint = name;
    this.depth += 1;
    try {
      return await work();
    } catch (error) {
      await this.runner.query(`ROLLBACK TO SAVEPOINT ${name}`);
      throw error;
    } finally {
      this.depth -= 1;
    }
  }

  private async nested<T>(work: () => Promise<T>): Promise<T> {
    const name = `sp_${this.runner.statements}`;
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
    if (this.ended === 'ROLLBACK') {
      await this.runAfterEnd();
      throw new RolledBackBeforeCommit();
    }
    await this.finish('COMMIT');
  }

  /** Safe to call at any time and more than once; does nothing once the transaction has ended. */
  async rollback(): Promise<void> {
    await this.finish('ROLLBACK');
  }

  private async finish(end: 'COMMIT' | 'ROLLBACK'): Promise<void> {
    if (this.ended) return;
    this.ended = end;
    let failure: unknown;
    try {
      // Not yet begun (its owner went away while it waited for the connection): nothing to end.
      if (!this.runner.isTransactionActive) return;
      // Released by TypeORM when the connection failed: PostgreSQL has rolled back, and a commit cannot happen.
      if (this.runner.isReleased) {
        if (end === 'COMMIT') throw Object.assign(new Error('the connection to the database was lost before the commit'), { code: '08006' });
        return;
      }
      if (end === 'COMMIT') await this.runner.commitTransaction();
      else await this.runner.rollbackTransaction();
    } catch (error) {
      failure = error;
      throw error;
    } finally {
      if (failure) await this.runner.releaseBroken(failure);
      else await this.runner.release();
      await this.runAfterEnd();
    }
  }

  /** Hooks may run more than once (a commit refused after a rollback runs them again): they must be idempotent. */
  private async runAfterEnd(): Promise<void> {
    for (const hook of this.afterEnd) await hook();
  }
}
