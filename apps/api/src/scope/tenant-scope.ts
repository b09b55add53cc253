import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AuditTrail } from '../audit-trail/audit-trail';
import type { AccessTokens } from '../auth/tokens';
import type { Config } from '../config';
import type { ScopeTransaction } from './scope-transaction';

/** What every scope shares: built once per process. */
export interface AppServices {
  config: Config;
  dataSource: DataSource;
  tokens: AccessTokens;
  log: Logger;
}

/** Who a request claims to be, before the database has confirmed it. */
export type Credentials =
  { kind: 'user'; userId: string; tenantId: string | null; sessionFamilyId: string } | { kind: 'apiKey'; keyHash: string } | { kind: 'anonymous' };

/**
 * Who opens a scope. Requests bring credentials; Steward's own work names itself and its tenant:
 * a job acts as the system, the demo seed acts for a member without a session. Those two kinds
 * exist only in process: nothing a client sends can produce them (see context.ts credentialsFrom).
 */
export type ScopeActor = Credentials | { kind: 'system'; tenantId: string; name: string } | { kind: 'member'; tenantId: string; userId: string };

/** What an API key is held to beyond its permissions. */
export interface ApiKeyLimits {
  /** Operations the key may run, by name and the SHA-256 of their document; null: any. */
  operations: { name: string; hash: string }[] | null;
  /** Operation cost the key may spend a minute; null: the default (config). */
  costPerMinute: number | null;
  /** Requests a minute for the whole tenant, from its plan; null: no limit. */
  tenantRequestsPerMinute: number | null;
}

/** What the database confirmed about the actor when the scope opened. */
export interface Caller {
  userId: string | null;
  apiKeyId: string | null;
  apiKeyName: string | null;
  tenantId: string | null;
  /** System role in the tenant; null when not a member, the tenant is not active, or the role is a custom one. */
  role: string | null;
  /** The custom role held instead of a system role (auth/permissions.ts grantedPermissions); null or absent otherwise. */
  customRole?: { id: string; name: string; permissions: readonly string[] } | null;
  /** An API key's scopes: it may use only these of its role's permissions; null or absent: all of them. */
  scopes?: readonly string[] | null;
  /** An API key's own limits, read when the request opened (graphql/api-key-limits.ts). */
  apiKeyLimits?: ApiKeyLimits | null;
  tenantStatus: string | null;
  platformAdmin: boolean;
  /** The signed-in user's session family (revoking it ends every token issued in it). */
  sessionFamilyId: string | null;
  /** When the tenant became read-only (its trial ran out), null if it is not, as the opening read it; absent: not read. */
  readOnlySince?: Date | null;
  /** Set when Steward itself acts, e.g. a scheduled job: its name, for the audit log. */
  system?: string;
}

/**
 * Tenant-scoped work: one transaction as `steward_app` under the actor's tenant settings, the actor
 * the database confirmed, the loaders and the audit trail of this piece of work. Requests, jobs and
 * the seed all get one from openScope (open-scope.ts); services take nothing else.
 */
export interface TenantScope {
  app: AppServices;
  /** Correlates logs and audit entries: the HTTP request id, or one made up for a job. */
  requestId: string;
  caller: Caller;
  tx: ScopeTransaction;
  /** Per-scope DataLoaders, keyed by the factory that builds them (see graphql/loader.ts). */
  loaders: Map<unknown, unknown>;
  audit: AuditTrail;
  log: Logger;
}
