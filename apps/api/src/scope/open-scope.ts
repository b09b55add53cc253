import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { AuditTrail, type AuditActor, type AuditClient } from '../audit-trail';
import { callerFrom, openingSql } from './scope-opening';
import { ScopeTransaction } from './scope-transaction';
import type { AppServices, Caller, ScopeActor, TenantScope } from './tenant-scope';

/**
 * A scope's logger is made when the scope first logs: a child logger costs more than most requests'
 * logging. A getter on the prototype, because Apollo copies the context's own fields into a new
 * object with the same prototype for each operation, which would call a getter of its own.
 */
class Scope {
  declare app: AppServices;
  declare requestId: string;
  declare caller: Caller;
  private logger?: Logger;

  get log(): Logger {
    const bindings = this.caller.system ? { requestId: this.requestId, tenantId: this.caller.tenantId } : { requestId: this.requestId };
    return (this.logger ??= this.app.log.child(bindings));
  }
}

/** Who the audit log names for what the scope does. */
function auditActor(caller: Caller): AuditActor {
  if (caller.apiKeyId) return { actorType: 'api_key', actorUserId: null, actorApiKeyId: caller.apiKeyId, actorLabel: caller.apiKeyName };
  if (caller.userId) return { actorType: 'user', actorUserId: caller.userId, actorApiKeyId: null, actorLabel: null };
  if (caller.system) return { actorType: 'system', actorUserId: null, actorApiKeyId: null, actorLabel: caller.system };
  return { actorType: 'anonymous', actorUserId: null, actorApiKeyId: null, actorLabel: null };
}

export interface ScopeOpening {
  actor: ScopeActor;
  /** Whoever the transaction belongs to: when it aborts, the transaction ends (ScopeTransaction.open). */
  owner?: AbortSignal;
  /** Defaults to a fresh id; a job's names the job. */
  requestId?: string;
  /** Where the work came from, for the audit log. */
  client?: AuditClient;
}

/**
 * The one way into tenant-scoped work, for requests, jobs and the seed alike: a transaction opened
 * in one round trip as `steward_app` with the actor's tenant settings, the actor confirmed by the
 * database, fresh loaders and an audit trail. Null when the database did not confirm the actor's
 * credentials (unknown, revoked or expired); its transaction is ended by then.
 */
export async function openScope(app: AppServices, opening: ScopeOpening): Promise<TenantScope | null> {
  const { actor } = opening;
  const requestId = opening.requestId ?? (actor.kind === 'system' ? `${actor.name.replace(/\s+/g, ':')}:${randomUUID()}` : randomUUID());
  const { tx, row } = await ScopeTransaction.open(app.dataSource, openingSql(actor), opening.owner);
  let caller: Caller | null;
  try {
    caller = callerFrom(actor, row);
  } catch (error) {
    await tx.rollback();
    throw error;
  }
  if (!caller) {
    await tx.rollback();
    return null;
  }
  const audit = new AuditTrail({
    tx,
    actor: auditActor(caller),
    tenantId: caller.tenantId,
    requestId,
    client: opening.client ?? { ip: null, userAgent: null },
    dataSource: app.dataSource,
    log: app.log,
  });
  const scope: Omit<TenantScope, 'log'> = { app, requestId, caller, tx, loaders: new Map(), audit };
  return Object.assign(Object.create(Scope.prototype) as Scope, scope);
}

/**
 * Runs `work` in a scope of its own (a job, a seed step): committed when it succeeds, rolled back
 * when it throws, its failure audit written either way. Throws when the actor is refused.
 */
export async function inScope<T>(app: AppServices, opening: ScopeOpening, work: (scope: TenantScope) => Promise<T>): Promise<T> {
  const scope = await openScope(app, opening);
  if (!scope) throw new Error('the credentials were not confirmed by the database');
  return scope.tx.run(() => work(scope));
}
