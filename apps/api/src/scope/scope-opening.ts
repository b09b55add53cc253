import { isUuid } from '../graphql/global-id';
import type { Caller, ScopeActor } from './tenant-scope';

const HEX = /^[0-9a-f]{64}$/;

function uuid(value: string): string {
  if (!isUuid(value)) throw new Error('malformed credentials');
  return `'${value}'::uuid`;
}

/**
 * The opening of a scope's transaction as one round trip: BEGIN, drop to the non-owner role that
 * row-level security applies to, and set the transaction-local settings its policies read; for
 * credentials, a database function confirms the caller first. Values are validated and inlined
 * because the simple-query protocol (the only one that carries several statements) has no parameters.
 */
export function openingSql(actor: ScopeActor): string {
  return `${confirmingSql(actor)} SAVEPOINT ${OPENING_SAVEPOINT};`;
}

/**
 * Opened after the settings (a rollback to it keeps them): the first change of the scope, when nothing was sent
 * before it, is isolated by it at no round trip of its own (ScopeTransaction.isolated).
 */
export const OPENING_SAVEPOINT = 'sp_opening';

function confirmingSql(actor: ScopeActor): string {
  const head = 'BEGIN; SET LOCAL ROLE steward_app;';
  switch (actor.kind) {
    case 'user': {
      const tenant = actor.tenantId === null ? 'NULL::uuid' : uuid(actor.tenantId);
      return `${head} SELECT * FROM steward.begin_user_request(${uuid(actor.userId)}, ${tenant}, ${uuid(actor.sessionFamilyId)});`;
    }
    case 'apiKey':
      if (!HEX.test(actor.keyHash)) throw new Error('malformed credentials');
      return `${head} SELECT * FROM steward.begin_api_key_request('${actor.keyHash}');`;
    case 'anonymous':
      return head;
    case 'system':
      return `${head} SELECT set_config('app.tenant_id', ${uuid(actor.tenantId)}::text, true);
        SELECT t.status AS tenant_status, t.read_only_since FROM tenants t WHERE t.id = ${uuid(actor.tenantId)};`;
    case 'member':
      return `${head} SELECT set_config('app.tenant_id', ${uuid(actor.tenantId)}::text, true), set_config('app.user_id', ${uuid(actor.userId)}::text, true);
        SELECT t.status AS tenant_status, t.read_only_since, m.role, r.id AS custom_role_id, r.name AS custom_role_name, r.permissions AS role_permissions
        FROM tenants t LEFT JOIN memberships m ON m.tenant_id = t.id AND m.user_id = ${uuid(actor.userId)} LEFT JOIN roles r ON r.id = m.custom_role_id
        WHERE t.id = ${uuid(actor.tenantId)};`;
  }
}

const NOBODY: Caller = {
  userId: null,
  apiKeyId: null,
  apiKeyName: null,
  tenantId: null,
  role: null,
  tenantStatus: null,
  platformAdmin: false,
  sessionFamilyId: null,
};

/** The custom role the opening read, when the caller holds one in an active tenant. */
function customRoleOf(row: Record<string, unknown> | undefined, active: boolean): Caller['customRole'] {
  if (!active || !row?.custom_role_id) return null;
  return { id: row.custom_role_id as string, name: row.custom_role_name as string, permissions: (row.role_permissions as string[] | null) ?? [] };
}

/** Whether the tenant is read-only (its trial ran out), as the opening read it: absent when it read no tenant. */
function readOnlyOf(row: Record<string, unknown> | undefined): Pick<Caller, 'readOnlySince'> {
  return row && 'read_only_since' in row ? { readOnlySince: (row.read_only_since as Date | null) ?? null } : {};
}

/** What the opening confirmed: null when the credentials are not (or no longer) good. */
export function callerFrom(actor: ScopeActor, row: Record<string, unknown> | undefined): Caller | null {
  switch (actor.kind) {
    case 'anonymous':
      return NOBODY;
    case 'user': {
      if (!row) return null;
      const active = row.tenant_status === 'active';
      return {
        ...NOBODY,
        userId: actor.userId,
        tenantId: row.role || row.custom_role_id ? actor.tenantId : null,
        role: active ? (row.role as string | null) : null,
        customRole: customRoleOf(row, active),
        tenantStatus: (row.tenant_status as string | null) ?? null,
        platformAdmin: row.platform_admin === true,
        sessionFamilyId: actor.sessionFamilyId,
        ...readOnlyOf(row),
      };
    }
    case 'apiKey':
      if (!row) return null;
      return {
        ...NOBODY,
        apiKeyId: row.key_id as string,
        apiKeyName: row.key_name as string,
        tenantId: row.tenant_id as string,
        role: row.tenant_status === 'active' ? (row.role as string | null) : null,
        customRole: customRoleOf(row, row.tenant_status === 'active'),
        scopes: (row.scopes as string[] | null) ?? null,
        apiKeyLimits: {
          operations: (row.allowed_operations as { name: string; hash: string }[] | null) ?? null,
          costPerMinute: (row.cost_per_minute as number | null) ?? null,
          tenantRequestsPerMinute: (row.requests_per_minute as number | null) ?? null,
        },
        tenantStatus: row.tenant_status as string,
        ...readOnlyOf(row),
      };
    case 'system':
    case 'member': {
      // Steward's own work runs only where a request of the tenant could.
      const status = (row?.tenant_status as string | undefined) ?? 'unknown';
      if (status !== 'active') throw new Error(`tenant ${actor.tenantId} is ${status}: Steward's own work runs only in active tenants`);
      if (actor.kind === 'system') return { ...NOBODY, tenantId: actor.tenantId, tenantStatus: status, system: actor.name, ...readOnlyOf(row) };
      if (!row?.role && !row?.custom_role_id) throw new Error(`user ${actor.userId} is not a member of tenant ${actor.tenantId}`);
      return {
        ...NOBODY,
        userId: actor.userId,
        tenantId: actor.tenantId,
        tenantStatus: status,
        role: (row.role as string | null) ?? null,
        customRole: customRoleOf(row, true),
        ...readOnlyOf(row),
      };
    }
  }
}
