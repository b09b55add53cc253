import type { GraphQLResolveInfo } from 'graphql';
import { shield } from 'graphql-shield';
import type { IRules } from 'graphql-shield';
import type { StewardContext } from '../context';
import { StewardError } from '../graphql/errors';
import { nobody, PermissionMap } from './rules';

export function mergePermissions(maps: PermissionMap[]): PermissionMap {
  const merged: PermissionMap = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) {
      const target = (merged[type] ??= {});
      for (const [field, permission] of Object.entries(fields)) {
        if (target[field]) throw new Error(`Two modules define the permission of ${type}.${field}`);
        target[field] = permission;
      }
    }
  }
  return merged;
}

/** Why the caller was refused: not signed in, a tenant that is not active, or simply not allowed. */
function refusal(ctx: StewardContext, info: GraphQLResolveInfo): StewardError {
  const { caller } = ctx;
  let error: StewardError;
  if (!caller.userId && !caller.apiKeyId) error = StewardError.unauthenticated();
  else if (caller.tenantStatus && caller.tenantStatus !== 'active') error = StewardError.forbidden(`The tenant is ${caller.tenantStatus}: nothing can be read or changed until it is reactivated`);
  else error = StewardError.forbidden(`You are not allowed to ${info.parentType.name === 'Mutation' ? 'run' : 'read'} ${info.parentType.name}.${info.fieldName}`);
  if (info.parentType.name === 'Mutation') {
    ctx.failedAudits.push({ action: info.fieldName, outcome: 'denied', errorCode: String(error.extensions.code) });
  }
  return error;
}

/**
 * The shield over the whole schema. Deny is the default: a field with no permission, in a type with
 * no '*' permission, is refused. Errors thrown by resolvers pass through untouched so their codes
 * survive (unknown ones are masked later, in formatError).
 */
export function permissionsShield(permissions: PermissionMap) {
  const rules: IRules = {};
  for (const [type, fields] of Object.entries(permissions)) {
    rules[type] = Object.fromEntries(Object.entries(fields).map(([field, p]) => [field, p.rule]));
  }
  return shield(rules, {
    fallbackRule: nobody.rule,
    fallbackError: (_thrown, _parent, _args, ctx, info) => refusal(ctx as unknown as StewardContext, info),
    allowExternalErrors: true,
    debug: false,
  });
}
