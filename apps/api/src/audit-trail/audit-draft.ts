/** What a piece of work tells the audit log; who did it, where from and in which request come from its scope. */
export interface AuditDraft {
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  entityName?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  outcome?: 'success' | 'failure' | 'denied';
  errorCode?: string | null;
  /** Defaults to the scope's tenant. */
  tenantId?: string | null;
  /** Names an anonymous actor, e.g. the email a failed sign-in gave. */
  actorLabel?: string | null;
}

/** Who an entry names as its actor (audit_entries.actor_*). */
export interface AuditActor {
  actorType: 'user' | 'api_key' | 'system' | 'anonymous';
  actorUserId: string | null;
  actorApiKeyId: string | null;
  actorLabel: string | null;
}

/** Where the work came from: the HTTP client's address and user agent, or a name such as the demo seed's. */
export interface AuditClient {
  ip: string | null;
  userAgent: string | null;
}
