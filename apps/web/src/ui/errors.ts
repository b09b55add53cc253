import { CombinedGraphQLErrors, ServerError, ServerParseError } from '@apollo/client/errors';
import type { GraphQLFormattedError } from 'graphql';

/** What the UI does with an error depends only on its kind, taken from the API's extensions.code. */
export type ProblemKind =
  'unauthenticated' | 'forbidden' | 'notFound' | 'badInput' | 'conflict' | 'rateLimited' | 'costLimit' | 'network' | 'unavailable' | 'internal';

export interface Problem {
  kind: ProblemKind;
  message: string;
  /** The response path of a field-level error, e.g. "apiKeys" or "members.edges.0.node.user.email". */
  path: string | null;
  /** Input fields the problem is about, as form paths ("email", "resourceLimits.maxAgents"). */
  fields: string[];
}

const KIND_BY_CODE: Record<string, ProblemKind> = {
  UNAUTHENTICATED: 'unauthenticated',
  FORBIDDEN: 'forbidden',
  NOT_FOUND: 'notFound',
  BAD_USER_INPUT: 'badInput',
  GRAPHQL_VALIDATION_FAILED: 'badInput',
  CONFLICT: 'conflict',
  POLICY_VIOLATION: 'conflict',
  RATE_LIMITED: 'rateLimited',
  COST_LIMIT: 'costLimit',
  UNAVAILABLE: 'unavailable',
};

/** ["input", "email"] or "input.email" -> "email": the path of the field in the form that sent it. */
export function formPath(field: readonly string[] | string | null | undefined): string | null {
  if (field == null) return null;
  const parts = typeof field === 'string' ? field.split('.') : [...field];
  if (parts[0] === 'input' && parts.length > 1) parts.shift();
  return parts.length ? parts.join('.') : null;
}

interface FieldProblem {
  field: string;
  message: string;
}

function isFieldProblem(value: unknown): value is FieldProblem {
  return (
    typeof value === 'object' && value !== null && typeof (value as FieldProblem).field === 'string' && typeof (value as FieldProblem).message === 'string'
  );
}

/**
 * A query like agent(id:) refused a malformed id. The id came from an address (a mistyped or truncated
 * link): to the user there is no such object, as node(id:) answers for malformed ids.
 */
function isMalformedLookup(error: GraphQLFormattedError, code: string): boolean {
  return code === 'BAD_USER_INPUT' && error.path?.length === 1 && error.extensions?.field === 'id';
}

/**
 * One problem per error, except for input validation: the API lists each invalid field with its own
 * message in extensions.fields, and each becomes a problem of its own, shown beside that field.
 */
function fromGraphQLError(error: GraphQLFormattedError): Problem[] {
  const code = typeof error.extensions?.code === 'string' ? error.extensions.code : 'INTERNAL';
  const kind = isMalformedLookup(error, code) ? 'notFound' : (KIND_BY_CODE[code] ?? 'internal');
  const path = error.path?.join('.') ?? null;
  const many = Array.isArray(error.extensions?.fields) ? (error.extensions.fields as unknown[]) : [];
  const perField = many.filter(isFieldProblem);
  if (perField.length) return perField.map((p) => ({ kind, message: p.message, path, fields: [formPath(p.field) ?? p.field] }));
  const fields: string[] = [];
  const field = error.extensions?.field;
  if (typeof field === 'string') fields.push(formPath(field) ?? field);
  for (const f of many) if (typeof f === 'string') fields.push(formPath(f) ?? f);
  return [{ kind, message: error.message, path, fields }];
}

function fromBody(bodyText: string): GraphQLFormattedError[] | null {
  try {
    const body: unknown = JSON.parse(bodyText);
    if (body && typeof body === 'object' && 'errors' in body && Array.isArray(body.errors)) return body.errors as GraphQLFormattedError[];
  } catch {
    // not a GraphQL response
  }
  return null;
}

/** Every problem inside whatever Apollo Client, fetch or the session returned. */
export function problemsOf(error: unknown): Problem[] {
  if (!error) return [];
  if (Array.isArray(error)) return (error as GraphQLFormattedError[]).flatMap(fromGraphQLError);
  if (CombinedGraphQLErrors.is(error)) return error.errors.flatMap(fromGraphQLError);
  if (ServerError.is(error)) {
    const errors = fromBody(error.bodyText);
    if (errors?.length) return errors.flatMap(fromGraphQLError);
    const kind: ProblemKind =
      error.statusCode === 401 ? 'unauthenticated' : error.statusCode === 403 ? 'forbidden' : error.statusCode === 503 ? 'unavailable' : 'internal';
    return [{ kind, message: `The server answered ${error.statusCode}`, path: null, fields: [] }];
  }
  if (ServerParseError.is(error)) return [{ kind: 'internal', message: 'The server sent an unreadable answer', path: null, fields: [] }];
  if (error instanceof TypeError)
    return [{ kind: 'network', message: 'Steward cannot be reached. Check your connection and try again.', path: null, fields: [] }];
  const message = error instanceof Error ? error.message : String(error);
  return [{ kind: 'internal', message, path: null, fields: [] }];
}

export function hasProblem(error: unknown, kind: ProblemKind): boolean {
  return problemsOf(error).some((p) => p.kind === kind);
}

export interface UserErrorLike {
  field: readonly string[] | null;
  message: string;
}

/** Errors to show in a form: next to the field they name, the rest above the buttons. */
export interface FieldProblems {
  fields: Record<string, string>;
  general: string[];
}

/**
 * Merges a payload's userErrors and top-level BAD_USER_INPUT errors into per-field messages. Fields
 * the form does not show (when `knownFields` is given) are reported as general messages.
 */
export function fieldProblems(
  userErrors: readonly UserErrorLike[] | null | undefined,
  problems: readonly Problem[] = [],
  knownFields?: readonly string[],
): FieldProblems {
  const result: FieldProblems = { fields: {}, general: [] };
  const place = (field: string | null, message: string) => {
    if (field && (!knownFields || knownFields.includes(field))) {
      result.fields[field] = result.fields[field] ? `${result.fields[field]}; ${message}` : message;
    } else {
      result.general.push(message);
    }
  };
  for (const e of userErrors ?? []) place(formPath(e.field), e.message);
  for (const p of problems) {
    if (p.fields.length) for (const f of p.fields) place(f, p.message);
    else place(null, p.message);
  }
  return result;
}

export function isEmpty(problems: FieldProblems | null): boolean {
  return !problems || (Object.keys(problems.fields).length === 0 && problems.general.length === 0);
}

/** Keeps the messages for fields a form shows next to them; the others become general messages. */
export function restrictTo(problems: FieldProblems, knownFields: readonly string[]): FieldProblems {
  const result: FieldProblems = { fields: {}, general: [...problems.general] };
  for (const [field, message] of Object.entries(problems.fields)) {
    if (knownFields.includes(field)) result.fields[field] = message;
    else result.general.push(message);
  }
  return result;
}

/** Every message of a payload's userErrors and a request's errors, for a place with no fields. */
export function messagesOf(userErrors: readonly UserErrorLike[] | null | undefined, error?: unknown): string[] {
  return [...(userErrors ?? []).map((e) => e.message), ...problemsOf(error).map((p) => p.message)];
}

/**
 * Runs a mutation whose payload carries userErrors and says what to tell the user: the payload, and the
 * problems — its userErrors, the response's errors, or a thrown (network) error — none when it worked.
 */
export async function runMutation<D, P extends { userErrors: readonly UserErrorLike[] }>(
  run: () => Promise<{ data?: D | null; error?: unknown }>,
  payloadOf: (data: D) => P | null | undefined,
): Promise<{ payload: P | null; problems: string[] }> {
  try {
    const result = await run();
    const payload = (result.data && payloadOf(result.data)) ?? null;
    return { payload, problems: messagesOf(payload?.userErrors, result.error) };
  } catch (e) {
    return { payload: null, problems: messagesOf(null, e) };
  }
}

/**
 * The part of a query's error that concerns one of its top-level fields (by alias), so each chart of
 * a combined query shows its own failure; an error without a path (network, 500) concerns them all.
 */
export function errorAt(error: unknown, field: string): unknown {
  if (!error) return null;
  if (!CombinedGraphQLErrors.is(error)) return error;
  const mine: GraphQLFormattedError[] = error.errors.filter((e) => !e.path?.length || e.path[0] === field);
  return mine.length ? mine : null;
}

/** Every error of a query is FORBIDDEN: the role may not read amounts (e.g. it changed since sign-in). */
export function onlyForbidden(error: unknown): boolean {
  return CombinedGraphQLErrors.is(error) && error.errors.length > 0 && error.errors.every((e) => e.extensions?.code === 'FORBIDDEN');
}
