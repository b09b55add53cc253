import { claimCapacity, PlanLimit } from '../tenants';
import type { TenantScope } from '../../scope';
import { API_KEY_PREFIX } from '../../context';
import { newSecret, sha256Hex } from '../../auth/secrets';
import { Connection, ConnectionArgs, OrderDirection } from '../../graphql/connection';
import { readPage, Selection, SqlParams } from '../../graphql/read-model';
import { apiKeyReads } from './api-key.reads';
import { InputChecks, StewardError, UserInputProblem } from '../../graphql/errors';
import { Kind, parse, print } from 'graphql';
import { PERMISSION_NAMES, SYSTEM_ROLE_PERMISSIONS, withImplied } from '../../auth/permissions';
import { roleToGive } from '../roles';
import { ApiKey, ApiKeyStatus } from './api-key.entity';
import { ApiKeyCreateInput, ApiKeyFilter } from './api-key.inputs';

const VISIBLE_PREFIX_LENGTH = 12;

export function listApiKeys(ctx: TenantScope, page: ConnectionArgs, filter: ApiKeyFilter | null, selection: Selection): Promise<Connection<ApiKey>> {
  const params = new SqlParams();
  const where = [`k.tenant_id = ${params.add(ctx.caller.tenantId)}`];
  if (filter?.statuses?.length) {
    const conditions = filter.statuses.map(
      (status) =>
        ({
          [ApiKeyStatus.ACTIVE]: 'k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())',
          [ApiKeyStatus.REVOKED]: 'k.revoked_at IS NOT NULL',
          [ApiKeyStatus.EXPIRED]: 'k.revoked_at IS NULL AND k.expires_at <= now()',
        })[status],
    );
    where.push(`(${conditions.map((c) => `(${c})`).join(' OR ')})`);
  }
  return readPage(ctx, apiKeyReads, selection, { alias: 'k', where, params }, page, {
    column: 'k.created_at',
    id: 'k.id',
    direction: OrderDirection.DESC,
    cast: 'timestamptz',
  });
}

/** The hash an operation is registered and matched by: SHA-256 of the document as graphql-js prints it. */
export function operationHash(document: string): string {
  return sha256Hex(print(parse(document)));
}

/** An operation document to register: exactly one named operation. */
function registeredOperation(document: string): { name: string; hash: string } | string {
  let parsed;
  try {
    parsed = parse(document);
  } catch (error) {
    return `is not a GraphQL document: ${(error as Error).message}`;
  }
  const operations = parsed.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1 || operations[0].kind !== Kind.OPERATION_DEFINITION || !operations[0].name) return 'must hold exactly one named operation';
  return { name: operations[0].name.value, hash: sha256Hex(print(parsed)) };
}

export async function createApiKey(ctx: TenantScope, input: ApiKeyCreateInput, customRoleId: string | null): Promise<{ apiKey: ApiKey; secret: string }> {
  const checks = new InputChecks();
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) checks.add('expiresAt', 'expiresAt must be in the future');
  const given = await checks.checkAsync(() => roleToGive(ctx, input.role ?? null, customRoleId));
  const operations = (input.allowedOperations ?? []).map((op, i) => {
    const registered = registeredOperation(op.document);
    if (typeof registered === 'string') checks.add(`allowedOperations.${i}.document`, `The operation ${registered}`);
    return registered;
  });
  checks.refuseIfAny();
  const { role, customRole } = given!;
  // Scopes narrow the role: a key never gets a permission its role does not grant.
  const scopes = input.scopes ? PERMISSION_NAMES.filter((p) => input.scopes!.includes(p)) : null;
  if (scopes) {
    const held = withImplied(customRole ? customRole.permissions : SYSTEM_ROLE_PERMISSIONS[role!]);
    const beyond = scopes.filter((p) => !held.has(p));
    if (beyond.length) throw new UserInputProblem('scopes', `Scopes must be permissions of the key's role; it does not grant ${beyond.join(', ')}`);
  }
  const allowedOperations = input.allowedOperations ? (operations as { name: string; hash: string }[]) : null;
  await claimCapacity(ctx, PlanLimit.API_KEYS);
  const secret = newSecret(API_KEY_PREFIX);
  const inserted: { id: string }[] = await ctx.tx.manager.query(
    `INSERT INTO api_keys (tenant_id, name, role, custom_role_id, prefix, key_hash, expires_at, created_by_id, scopes, allowed_operations, cost_per_minute)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [
      ctx.caller.tenantId,
      input.name.trim(),
      role,
      customRole?.uuid ?? null,
      secret.slice(0, VISIBLE_PREFIX_LENGTH),
      sha256Hex(secret),
      input.expiresAt ?? null,
      ctx.caller.userId,
      scopes,
      allowedOperations ? JSON.stringify(allowedOperations) : null,
      input.costPerMinute ?? null,
    ],
  );
  const apiKey = await ctx.tx.manager.findOneByOrFail(ApiKey, { uuid: inserted[0].id });
  await ctx.audit.record({
    action: 'apiKey.create',
    entityType: 'ApiKey',
    entityId: apiKey.uuid,
    entityName: apiKey.name,
    after: {
      name: apiKey.name,
      ...(customRole ? { customRole: customRole.name } : { role: apiKey.role }),
      prefix: apiKey.prefix,
      expiresAt: apiKey.expiresAt?.toISOString() ?? null,
      scopes,
      allowedOperations: allowedOperations?.map((op) => op.name) ?? null,
      costPerMinute: input.costPerMinute ?? null,
    },
  });
  return { apiKey, secret };
}

export async function revokeApiKey(ctx: TenantScope, apiKeyId: string): Promise<ApiKey> {
  const apiKey = await ctx.tx.manager.findOneBy(ApiKey, { uuid: apiKeyId, tenantId: ctx.caller.tenantId! });
  if (!apiKey) throw StewardError.notFound('API key');
  if (apiKey.revokedAt) throw new UserInputProblem('apiKeyId', 'The API key is already revoked', 'CONFLICT');
  apiKey.revokedAt = new Date();
  await ctx.tx.manager.update(ApiKey, { uuid: apiKey.uuid }, { revokedAt: apiKey.revokedAt });
  await ctx.audit.record({
    action: 'apiKey.revoke',
    entityType: 'ApiKey',
    entityId: apiKey.uuid,
    entityName: apiKey.name,
    before: { status: 'active' },
    after: { status: 'revoked' },
  });
  return apiKey;
}
