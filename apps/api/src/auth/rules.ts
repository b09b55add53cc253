import { allow, and, deny, or, rule } from 'graphql-shield';
/** A graphql-shield rule: how rules are written. auth/authorize.ts evaluates them. */
export type ShieldRule = Parameters<typeof or>[0];
import type { StewardContext } from '../context';
import { grantedPermissions, PermissionName, SYSTEM_ROLE_PERMISSIONS, withImplied } from './permissions';
import { isRole, Role, ROLES } from './roles';

/** A column of the permission matrix: a tenant role, a platform admin, or nobody signed in. */
export type Audience = Role | 'platform_admin' | 'anonymous';
export const AUDIENCES: Audience[] = ['anonymous', ...ROLES, 'platform_admin'];

/**
 * Rules only answer yes or no; why a caller was refused is worked out once, in auth/authorize.ts.
 * A rule with `cache: 'contextual'` must depend on the caller only: it is evaluated once per request.
 *
 * A shield rule that also says, for the permission matrix, what it grants each audience:
 * 'yes', 'no', or a condition such as 'own'.
 */
export interface Permission {
  rule: ShieldRule;
  grants(audience: Audience): string;
  /** What it grants a member (or API key) of an active tenant holding a custom role with exactly `permissions`. */
  holds(permissions: ReadonlySet<string>): string;
}

function permission(rule: ShieldRule, grants: (audience: Audience) => string, holds: (permissions: ReadonlySet<string>) => string): Permission {
  return { rule, grants, holds };
}

export const everyone = permission(
  allow,
  () => 'yes',
  () => 'yes',
);

export const nobody = permission(
  deny,
  () => 'no',
  () => 'no',
);

export const signedIn = permission(
  rule({ cache: 'contextual' })((_p, _a, ctx: StewardContext) => ctx.caller.userId !== null || ctx.caller.apiKeyId !== null),
  (audience) => (audience === 'anonymous' ? 'no' : 'yes'),
  () => 'yes',
);

export const platformAdmin = permission(
  rule({ cache: 'contextual' })((_p, _a, ctx: StewardContext) => ctx.caller.platformAdmin),
  (audience) => (audience === 'platform_admin' ? 'yes' : 'no'),
  () => 'no',
);

const roleRules = new Map<string, ShieldRule>();

/**
 * Members (or API keys) of the current, active tenant holding one of the system `roles`. Rules grant to
 * permissions instead (`can`, through auth/role-groups.ts): a custom role never holds a system role.
 */
export function hasRole(...roles: Role[]): Permission {
  const key = [...roles].sort().join(',');
  let shieldRule = roleRules.get(key);
  if (!shieldRule) {
    shieldRule = rule(`hasRole:${key}`, { cache: 'contextual' })(
      (_p, _a, ctx: StewardContext) =>
        !ctx.caller.customRole && !ctx.caller.scopes && ctx.caller.role !== null && (roles as string[]).includes(ctx.caller.role),
    );
    roleRules.set(key, shieldRule);
  }
  return permission(
    shieldRule,
    (audience) => ((roles as string[]).includes(audience) ? 'yes' : 'no'),
    () => 'no',
  );
}

const permissionRules = new Map<PermissionName, Permission>();

/** Members (or API keys) of the current, active tenant whose role (system or custom) includes `name`. */
export function can(name: PermissionName): Permission {
  let granted = permissionRules.get(name);
  if (!granted) {
    granted = permission(
      rule(`can:${name}`, { cache: 'contextual' })((_p, _a, ctx: StewardContext) => grantedPermissions(ctx.caller)?.has(name) === true),
      (audience) => (isRole(audience) && SYSTEM_ROLE_PERMISSIONS[audience].includes(name) ? 'yes' : 'no'),
      (permissions) => (withImplied(permissions).has(name) ? 'yes' : 'no'),
    );
    permissionRules.set(name, granted);
  }
  return granted;
}

/** Every member (or API key) of the current, active tenant, whatever its role, system or custom. */
export const anyMember = permission(
  rule('anyMember', { cache: 'contextual' })((_p, _a, ctx: StewardContext) => grantedPermissions(ctx.caller) !== null),
  (audience) => ((ROLES as string[]).includes(audience) ? 'yes' : 'no'),
  () => 'yes',
);

/**
 * Holds when `test` says the parent object belongs to the caller; `label` names the condition in the matrix.
 * Evaluated for each object it guards; a test that needs the database answers a promise (through a loader, so
 * a page of objects costs one query). Only a signed-in caller owns anything: saying so in the rule
 * lets authorization prove that a field rule like "self, or an admin" is no looser than "signed in".
 */
export function ownedBy(label: string, test: (parent: unknown, ctx: StewardContext) => boolean | Promise<boolean>): Permission {
  return permission(
    and(
      signedIn.rule,
      rule(`own:${label}`, { cache: 'no_cache' })((parent, _a, ctx: StewardContext) => test(parent, ctx)),
    ),
    (audience) => (audience === 'anonymous' ? 'no' : label),
    () => label,
  );
}

function either(granted: string[]): string {
  const some = granted.filter((g) => g !== 'no');
  if (some.includes('yes')) return 'yes';
  return some.length ? some.join(' or ') : 'no';
}

function both(granted: string[]): string {
  if (granted.includes('no')) return 'no';
  const conditions = granted.filter((g) => g !== 'yes');
  return conditions.length ? conditions.join(' and ') : 'yes';
}

export function anyOf(...permissions: Permission[]): Permission {
  return permission(
    or(...permissions.map((p) => p.rule)),
    (audience) => either(permissions.map((p) => p.grants(audience))),
    (held) => either(permissions.map((p) => p.holds(held))),
  );
}

export function allOf(...permissions: Permission[]): Permission {
  return permission(
    and(...permissions.map((p) => p.rule)),
    (audience) => both(permissions.map((p) => p.grants(audience))),
    (held) => both(permissions.map((p) => p.holds(held))),
  );
}

/** A module's part of the shield map: type -> field (or '*') -> permission. */
export type PermissionMap = Record<string, Record<string, Permission>>;
