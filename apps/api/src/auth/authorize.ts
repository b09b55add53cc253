import {
  defaultFieldResolver,
  GraphQLFieldResolver,
  GraphQLObjectType,
  GraphQLResolveInfo,
  GraphQLSchema,
  isAbstractType,
  isIntrospectionType,
  isObjectType,
} from 'graphql';
import { allow, and, deny, or, rule } from 'graphql-shield';
import type { StewardContext } from '../context';
import { StewardError } from '../graphql/errors';
import { PERMISSION_NAMES, PermissionName, rolePermissions } from './permissions';
import { ROLES } from './roles';
import { nobody, Permission, PermissionMap, ShieldRule } from './rules';

/**
 * Field authorization, compiled once at startup from the permission map and the schema.
 *
 * Rules are written with graphql-shield's constructors (auth/rules.ts), but evaluated here:
 * - a rule whose answer depends only on the caller (shield's `cache: 'contextual'`, and/or of such
 *   rules, allow, deny) is worked out once per request and then read synchronously;
 * - an ownership rule (any other `rule(...)`) runs for each object it guards.
 *
 * A type's '*' rule guards the objects of that type: it is checked once per object, where the
 * object is reached (whichever field returns it), and the fields that share that rule run their
 * plain resolvers. Fields with a rule of their own are checked themselves. A type only gets this
 * object check when every field rule of its own is at least as strict as the type's (proven below
 * over every kind of caller); otherwise each of its fields is checked on its own, as shield did.
 */

/** A rule's answer: a boolean, or a promise of one when the rule itself is asynchronous. */
type Verdict = boolean | Promise<boolean>;
type Test = (parent: unknown, args: unknown, ctx: StewardContext, info: GraphQLResolveInfo | undefined) => Verdict;

interface Check {
  /** The answer when it never changes (allow, deny). */
  constant?: boolean;
  /** True when the answer depends only on the caller. */
  byCaller: boolean;
  test: Test;
}

interface ShieldLeaf {
  func: (parent: unknown, args: unknown, ctx: unknown, info: unknown) => unknown;
  cache: unknown;
}
interface ShieldLogic {
  getRules(): ShieldRule[];
}

/* graphql-shield exports its constructors, not its classes: the classes are taken from instances. */
const RuleClass = rule()(() => true).constructor;
const AndClass = and().constructor;
const OrClass = or().constructor;
const AllowClass = allow.constructor;
const DenyClass = deny.constructor;

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as Promise<unknown> | null)?.then === 'function';
}

/** As in graphql-shield: only `true` grants; a rule that throws or rejects refuses. */
function leafTest(leaf: ShieldLeaf): Test {
  return (parent, args, ctx, info) => {
    try {
      const answer = leaf.func(parent, args, ctx, info);
      return isPromise(answer)
        ? answer.then(
            (a) => a === true,
            () => false,
          )
        : answer === true;
    } catch {
      return false;
    }
  };
}

function all(checks: Check[], parent: unknown, args: unknown, ctx: StewardContext, info: GraphQLResolveInfo | undefined, from = 0): Verdict {
  for (let i = from; i < checks.length; i++) {
    const verdict = checks[i].test(parent, args, ctx, info);
    if (verdict === false) return false;
    if (verdict !== true) return verdict.then((granted) => granted && all(checks, parent, args, ctx, info, i + 1));
  }
  return true;
}

function any(checks: Check[], parent: unknown, args: unknown, ctx: StewardContext, info: GraphQLResolveInfo | undefined, from = 0): Verdict {
  for (let i = from; i < checks.length; i++) {
    const verdict = checks[i].test(parent, args, ctx, info);
    if (verdict === true) return true;
    if (verdict !== false) return verdict.then((granted) => granted || any(checks, parent, args, ctx, info, i + 1));
  }
  return false;
}

const ALWAYS: Check = { constant: true, byCaller: true, test: () => true };
const NEVER: Check = { constant: false, byCaller: true, test: () => false };

/** A rule's answer for the caller alone: undefined when it depends on the object (ownership) or is not known synchronously. */
export type StaticVerdict = (ctx: StewardContext) => boolean | undefined;

/** Turns shield rules into checks; each distinct caller-only rule gets a slot in the request's memo. */
class RuleCompiler {
  private readonly checks = new Map<ShieldRule, Check>();
  private readonly verdicts = new Map<ShieldRule, StaticVerdict>();
  private slots = 0;

  /**
   * The rule's answer where the caller alone decides it (three-valued: an ownership rule is unknown, and
   * so is an and/or that such a rule would decide), through the same per-request memo as the checks.
   */
  decide(shieldRule: ShieldRule): StaticVerdict {
    let verdict = this.verdicts.get(shieldRule);
    if (!verdict) {
      verdict = this.buildVerdict(shieldRule);
      this.verdicts.set(shieldRule, verdict);
    }
    return verdict;
  }

  private buildVerdict(shieldRule: ShieldRule): StaticVerdict {
    if (shieldRule instanceof AllowClass) return () => true;
    if (shieldRule instanceof DenyClass) return () => false;
    if (shieldRule instanceof AndClass || shieldRule instanceof OrClass) {
      const both = shieldRule instanceof AndClass;
      const parts = (shieldRule as unknown as ShieldLogic).getRules().map((r) => this.decide(r));
      return (ctx) => {
        let unknown = false;
        for (const part of parts) {
          const answer = part(ctx);
          if (answer === undefined) unknown = true;
          else if (answer !== both) return answer;
        }
        return unknown ? undefined : both;
      };
    }
    if (shieldRule.constructor === RuleClass && (shieldRule as unknown as ShieldLeaf).cache === 'contextual') {
      const check = this.compile(shieldRule);
      return (ctx) => {
        const answer = check.test(undefined, {}, ctx, undefined);
        return typeof answer === 'boolean' ? answer : undefined;
      };
    }
    return () => undefined;
  }

  compile(shieldRule: ShieldRule): Check {
    let check = this.checks.get(shieldRule);
    if (!check) {
      check = this.build(shieldRule);
      this.checks.set(shieldRule, check);
    }
    return check;
  }

  private build(shieldRule: ShieldRule): Check {
    if (shieldRule instanceof AllowClass) return ALWAYS;
    if (shieldRule instanceof DenyClass) return NEVER;
    if (shieldRule instanceof AndClass || shieldRule instanceof OrClass) {
      const both = shieldRule instanceof AndClass;
      const parts = (shieldRule as unknown as ShieldLogic).getRules().map((r) => this.compile(r));
      const deciding = both ? parts.filter((p) => p.constant !== true) : parts.filter((p) => p.constant !== false);
      if (parts.some((p) => p.constant === !both)) return both ? NEVER : ALWAYS;
      if (deciding.length === 0) return both ? ALWAYS : NEVER;
      if (deciding.length === 1) return deciding[0];
      // The caller's part first: it is already known after its first use, and often decides alone.
      const ordered = [...deciding].sort((a, b) => Number(b.byCaller) - Number(a.byCaller));
      const test: Test = both ? (p, a, c, i) => all(ordered, p, a, c, i) : (p, a, c, i) => any(ordered, p, a, c, i);
      return ordered.every((p) => p.byCaller) ? this.perRequest(test) : { byCaller: false, test };
    }
    if (shieldRule.constructor === RuleClass) {
      const leaf = shieldRule as unknown as ShieldLeaf;
      const test = leafTest(leaf);
      return leaf.cache === 'contextual' ? this.perRequest(test) : { byCaller: false, test };
    }
    throw new Error(`Authorization supports rule, and, or, allow and deny; a ${shieldRule.constructor.name} is in the permission map`);
  }

  /** Evaluated at the request's first use, then read from the context's memo. */
  private perRequest(test: Test): Check {
    const slot = this.slots++;
    return {
      byCaller: true,
      test(parent, args, ctx, info) {
        const memo = (ctx.permitted ??= []);
        let verdict = memo[slot];
        if (verdict === undefined) {
          verdict = memo[slot] = test(parent, args, ctx, info);
          if (isPromise(verdict))
            void verdict.then((granted) => {
              memo[slot] = granted;
            });
        }
        return verdict;
      },
    };
  }
}

/** Why the caller was refused: not signed in, a tenant that is not active, or simply not allowed. */
export function refusal(ctx: StewardContext, info: GraphQLResolveInfo, permission?: Permission): StewardError {
  const error = refusalOf(ctx, `${info.parentType.name === 'Mutation' ? 'run' : 'read'} ${info.parentType.name}.${info.fieldName}`, permission);
  if (info.parentType.name === 'Mutation') {
    ctx.audit.failed({ action: info.fieldName, outcome: 'denied', errorCode: String(error.extensions.code) });
  }
  return error;
}

/** Refusal of a whole object by its type's rule; it lands where the object would have been. */
function typeRefusal(ctx: StewardContext, type: string, permission?: Permission): StewardError {
  return refusalOf(ctx, `read ${type}`, permission);
}

function refusalOf(ctx: StewardContext, what: string, permission?: Permission): StewardError {
  const { caller } = ctx;
  if (!caller.userId && !caller.apiKeyId) return StewardError.unauthenticated();
  if (caller.tenantStatus && caller.tenantStatus !== 'active') {
    return StewardError.forbidden(`The tenant is ${caller.tenantStatus}: nothing can be read or changed until it is reactivated`);
  }
  // A key whose role would allow it but whose scopes leave the permission out: name what it lacks.
  if (caller.scopes && permission) {
    const held = rolePermissions(caller) ?? new Set<string>();
    const missing = PERMISSION_NAMES.filter((p) => held.has(p) && permission.holds(new Set([p])) === 'yes');
    if (missing.length) return StewardError.forbidden(`You are not allowed to ${what}: the API key's scopes do not include ${missing.join(' or ')}`);
  }
  return StewardError.forbidden(`You are not allowed to ${what}`);
}

/**
 * Every kind of caller a caller-only rule can tell apart: anonymous, or signed in (as a user or an
 * API key) with any system role or none, as a platform admin or not, in a tenant of any status; or
 * holding a custom role with any (small) set of permissions.
 */
function everyKindOfCaller(): StewardContext[] {
  const callers: StewardContext['caller'][] = [
    { userId: null, apiKeyId: null, apiKeyName: null, tenantId: null, role: null, tenantStatus: null, platformAdmin: false, sessionFamilyId: null },
  ];
  for (const who of ['user', 'apiKey'] as const) {
    for (const role of [null, ...ROLES]) {
      for (const platformAdmin of [false, true]) {
        for (const tenantStatus of [null, 'active', 'suspended']) {
          callers.push({
            userId: who === 'user' ? 'u' : null,
            apiKeyId: who === 'apiKey' ? 'k' : null,
            apiKeyName: null,
            tenantId: tenantStatus ? 't' : null,
            role: tenantStatus === 'active' ? role : null,
            tenantStatus,
            platformAdmin: who === 'user' && platformAdmin,
            sessionFamilyId: null,
          });
        }
      }
    }
  }
  // A custom role may hold any set of permissions. Rules are and/or of permissions, so a field rule is no wider
  // than its type's for every set when it is not for the sets of at most as many permissions as a rule
  // ands together: two here (no rule ands more; allOf of three permissions would need sets of three).
  for (const permissions of permissionSets(2)) {
    for (const who of ['user', 'apiKey'] as const) {
      callers.push({
        userId: who === 'user' ? 'u' : null,
        apiKeyId: who === 'apiKey' ? 'k' : null,
        apiKeyName: null,
        tenantId: 't',
        role: null,
        customRole: { id: 'r', name: 'r', permissions },
        tenantStatus: 'active',
        platformAdmin: false,
        sessionFamilyId: null,
      });
    }
  }
  return callers.map((caller) => ({ caller }) as StewardContext);
}

function permissionSets(most: number): PermissionName[][] {
  const sets: PermissionName[][] = [[]];
  for (const name of PERMISSION_NAMES) {
    for (const set of [...sets]) if (set.length < most) sets.push([...set, name]);
  }
  return sets;
}

/**
 * Whether `narrow` can only grant where `wide` grants too, for every kind of caller and whatever the
 * ownership rules say about the object. Ownership rules count as free yes/no; a caller-only rule that
 * cannot be decided here (it throws or is asynchronous on a bare caller) makes the answer no.
 */
function implies(narrow: ShieldRule, wide: ShieldRule): boolean {
  if (narrow === wide) return true;
  const owned: ShieldRule[] = [];
  const collect = (r: ShieldRule) => {
    if (r instanceof AndClass || r instanceof OrClass) (r as unknown as ShieldLogic).getRules().forEach(collect);
    else if (r.constructor === RuleClass && (r as unknown as ShieldLeaf).cache !== 'contextual' && !owned.includes(r)) owned.push(r);
  };
  collect(narrow);
  collect(wide);
  const decide = (r: ShieldRule, ctx: StewardContext, ownership: boolean[]): boolean | undefined => {
    if (r instanceof AllowClass) return true;
    if (r instanceof DenyClass) return false;
    if (r instanceof AndClass || r instanceof OrClass) {
      const answers = (r as unknown as ShieldLogic).getRules().map((p) => decide(p, ctx, ownership));
      if (answers.includes(undefined)) return undefined;
      return r instanceof AndClass ? answers.every(Boolean) : answers.some(Boolean);
    }
    const index = owned.indexOf(r);
    if (index >= 0) return ownership[index];
    try {
      const answer = (r as unknown as ShieldLeaf).func(undefined, {}, ctx, undefined);
      return typeof answer === 'boolean' ? answer : undefined;
    } catch {
      return undefined;
    }
  };
  for (const ctx of everyKindOfCaller()) {
    for (let bits = 0; bits < 2 ** owned.length; bits++) {
      const ownership = owned.map((_, i) => Boolean(bits & (1 << i)));
      const granted = decide(narrow, ctx, ownership);
      const wider = decide(wide, ctx, ownership);
      if (granted === undefined || wider === undefined) return false;
      if (granted && !wider) return false;
    }
  }
  return true;
}

function guarded(
  check: Check,
  resolve: GraphQLFieldResolver<unknown, StewardContext>,
  permission: Permission | undefined,
): GraphQLFieldResolver<unknown, StewardContext> {
  return (parent, args, ctx, info) => {
    const verdict = check.test(parent, args, ctx, info);
    if (verdict === true) return resolve(parent, args, ctx, info);
    if (verdict === false) throw refusal(ctx, info, permission);
    return verdict.then((granted) => {
      if (!granted) throw refusal(ctx, info, permission);
      return resolve(parent, args, ctx, info);
    });
  };
}

/**
 * graphql-js asks an object type's isTypeOf about every object of that type before it resolves the
 * object's fields, wherever the object was reached (a field, a list item, an interface): the one
 * place to check the type's rule once per object. Throwing there makes the object null with the
 * error at its own path.
 */
function objectGuard(type: GraphQLObjectType, check: Check, permission: Permission | undefined): NonNullable<GraphQLObjectType['isTypeOf']> {
  return (value, ctx: StewardContext, info) => {
    const verdict = check.test(value, {}, ctx, info);
    if (verdict === true) return true;
    if (verdict === false) throw typeRefusal(ctx, type.name, permission);
    return verdict.then((granted) => {
      if (!granted) throw typeRefusal(ctx, type.name, permission);
      return true;
    });
  };
}

/** Per schema, per type: the caller-only verdict of its object check (when it has one) and of each field that checks its own rule. */
const staticRules = new WeakMap<GraphQLSchema, Map<string, { object?: StaticVerdict; fields: Map<string, StaticVerdict> }>>();

/**
 * Whether the caller may read objects of `type` (its per-object check), decided from the caller alone:
 * true or false, or undefined when an ownership rule (the object) would decide, or the schema is not authorized here.
 */
export function objectReadable(schema: GraphQLSchema, ctx: StewardContext, type: string): boolean | undefined {
  const rules = staticRules.get(schema)?.get(type);
  if (!rules) return undefined;
  return rules.object ? rules.object(ctx) : true;
}

/** Whether the caller may read `type.field` beyond the object check (its own rule), decided from the caller alone, as above. */
export function fieldReadable(schema: GraphQLSchema, ctx: StewardContext, type: string, field: string): boolean | undefined {
  const rules = staticRules.get(schema)?.get(type);
  if (!rules) return undefined;
  const own = rules.fields.get(field);
  return own ? own(ctx) : true;
}

export interface AuthorizationPlan {
  /** Types whose rule is checked once per object; their fields that share it run unguarded. */
  objectChecked: string[];
  /** type.field of every field that checks a rule itself. */
  fieldChecked: string[];
}

/**
 * Applies `permissions` to `schema` in place: guards resolvers and object types. Deny is the
 * default: a field with no rule, in a type with no '*' rule, is refused.
 */
export function authorizeSchema(schema: GraphQLSchema, permissions: PermissionMap): AuthorizationPlan {
  const compiler = new RuleCompiler();
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean));
  const plan: AuthorizationPlan = { objectChecked: [], fieldChecked: [] };
  const verdicts = new Map<string, { object?: StaticVerdict; fields: Map<string, StaticVerdict> }>();
  staticRules.set(schema, verdicts);
  const types = Object.values(schema.getTypeMap());
  for (const type of types) {
    if (isAbstractType(type) && !type.resolveType) throw new Error(`${type.name} has no resolveType: authorization relies on it instead of isTypeOf`);
  }
  for (const type of types) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    const rules = permissions[type.name] ?? {};
    const typeRule = rules['*']?.rule;
    const fields = Object.values(type.getFields());
    const objectChecked = typeRule !== undefined && !roots.has(type) && fields.every((f) => !rules[f.name] || implies(rules[f.name].rule, typeRule));
    const typeVerdicts: { object?: StaticVerdict; fields: Map<string, StaticVerdict> } = { fields: new Map() };
    verdicts.set(type.name, typeVerdicts);
    if (objectChecked) {
      const check = compiler.compile(typeRule);
      if (check.constant !== true) {
        typeVerdicts.object = compiler.decide(typeRule);
        if (type.isTypeOf) throw new Error(`${type.name} already has isTypeOf; authorization needs it`);
        type.isTypeOf = objectGuard(type, check, rules['*']);
      }
      plan.objectChecked.push(type.name);
    }
    for (const field of fields) {
      const fieldRule = rules[field.name]?.rule ?? typeRule ?? nobody.rule;
      if (objectChecked && fieldRule === typeRule) continue;
      const check = compiler.compile(fieldRule);
      if (check.constant === true) continue;
      typeVerdicts.fields.set(field.name, compiler.decide(fieldRule));
      const permission = rules[field.name] ?? rules['*'];
      field.resolve = guarded(check, (field.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<unknown, StewardContext>, permission);
      // A subscription is refused when it is made, and each of its events is checked again as it is resolved (above).
      if (field.subscribe) field.subscribe = guarded(check, field.subscribe as GraphQLFieldResolver<unknown, StewardContext>, permission);
      plan.fieldChecked.push(`${type.name}.${field.name}`);
    }
  }
  return plan;
}

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
