import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuditActor, AuditClient, AuditDraft } from './audit-draft';
import { auditEntryStatement, insertAuditEntry } from './audit-insert';

/** What the trail needs of its scope's transaction (ScopeTransaction). */
interface Transaction {
  readonly manager: EntityManager;
  whenEnded(hook: () => Promise<void>): void;
}

interface Parts {
  tx: Transaction;
  actor: AuditActor;
  /** The scope's tenant: where entries go unless a draft names another. */
  tenantId: string | null;
  requestId: string;
  client: AuditClient;
  dataSource: DataSource;
  log: Logger;
}

/**
 * A scope's audit trail: what succeeded is written in the scope's own transaction (it commits or
 * rolls back with the change); what failed or was denied is kept until the transaction has ended
 * and then written in a transaction of its own, so a rollback never loses it.
 */
export class AuditTrail {
  private readonly failures: AuditDraft[] = [];

  constructor(private readonly parts: Parts) {
    parts.tx.whenEnded(() => this.writeFailures());
  }

  /** Records what the work did, in the scope's transaction. */
  async record(draft: AuditDraft): Promise<void> {
    await insertAuditEntry(this.parts.tx.manager, this.entry(draft));
  }

  /**
   * What the work did, as a data-modifying CTE of the caller's own statement (one round trip fewer), with parameters
   * from `first`; it inserts the entry only `when` that SQL condition holds. It commits or rolls back with the statement's
   * transaction, as record() does.
   */
  statement(draft: AuditDraft, first: number, when: string): { sql: string; params: unknown[] } {
    return auditEntryStatement(this.entry(draft), first, when);
  }

  /** Keeps a failure or denial for after the transaction has ended (outcome defaults to failure). */
  failed(draft: AuditDraft): void {
    this.failures.push({ outcome: 'failure', ...draft });
  }

  /** The failures and denials not yet written. */
  get pendingFailures(): readonly AuditDraft[] {
    return this.failures;
  }

  private entry(draft: AuditDraft) {
    const tenantId = draft.tenantId !== undefined ? draft.tenantId : this.parts.tenantId;
    return { tenantId, actor: this.parts.actor, draft, client: this.parts.client, requestId: this.parts.requestId };
  }

  private async writeFailures(): Promise<void> {
    if (!this.failures.length) return;
    const drafts = this.failures.splice(0);
    try {
      await this.parts.dataSource.transaction(async (manager) => {
        for (const draft of drafts) await insertAuditEntry(manager, this.entry(draft));
      });
    } catch (error) {
      this.parts.log.error({ err: error, requestId: this.parts.requestId }, 'writing failure audit entries failed');
    }
  }
}
