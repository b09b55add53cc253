import type { PoolClient, QueryResult } from 'pg';
import type { DataSource, ObjectLiteral } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

/**
 * TypeORM's PostgreSQL query runner for one scope's connection, extended where TypeORM lets a
 * subclass in: it counts the statements it sends (tests and the bench read them), sends one at a
 * time (loaders that fire in the same tick take turns here rather than in pg's deprecated implicit
 * queue), opens its transaction in one round trip, and can give back a connection as broken.
 */
export class ScopeQueryRunner extends PostgresQueryRunner {
  statements = 0;
  private previous: Promise<unknown> = Promise.resolve();

  /** Built the way DataSource.createQueryRunner builds TypeORM's own, with an entity manager bound to it. */
  static create(dataSource: DataSource): ScopeQueryRunner {
    const runner = new ScopeQueryRunner(dataSource.driver as PostgresDriver, 'master');
    runner.manager = dataSource.createEntityManager(runner);
    return runner;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeORM's QueryRunner.query signature, which this overrides
  override query(query: string, parameters?: unknown[] | ObjectLiteral, useStructuredResult?: boolean): Promise<any> {
    this.statements += 1;
    return this.inTurn(() => super.query(query, parameters, useStructuredResult));
  }

  /**
   * Sends `sql` (BEGIN and whatever else the transaction's opening needs, as several statements in
   * one simple query) and returns the rows of its last SELECT. From here TypeORM knows a
   * transaction is open, so save() joins it instead of starting (and committing) its own.
   */
  async begin(sql: string): Promise<Record<string, unknown>[]> {
    const client = (await this.connect()) as PoolClient;
    this.isTransactionActive = true;
    this.transactionDepth = 1;
    this.statements += 1;
    const results = (await this.inTurn(() => client.query(sql))) as unknown as QueryResult | QueryResult[];
    const selects = (Array.isArray(results) ? results : [results]).filter((r) => r.command === 'SELECT');
    return selects[selects.length - 1]?.rows ?? [];
  }

  /**
   * A connection whose transaction may still be open must never serve anyone else: released with
   * the error, pg-pool closes it instead of taking it back.
   */
  async releaseBroken(error: unknown): Promise<void> {
    const release = this.releaseCallback;
    this.releaseCallback = undefined;
    release?.(error);
    await this.release();
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const next = this.previous.then(work);
    this.previous = next.catch(() => undefined);
    return next;
  }
}
