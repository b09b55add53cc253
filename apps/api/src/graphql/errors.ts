import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';

/**
 * The one documented set of top-level error codes. Anything else that reaches a client is masked
 * as INTERNAL (see server.ts formatError).
 */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  CONFLICT = 'CONFLICT',
  COST_LIMIT = 'COST_LIMIT',
  RATE_LIMITED = 'RATE_LIMITED',
  /** The database cannot serve right now, or the server is shutting down: retry later (HTTP 503). */
  UNAVAILABLE = 'UNAVAILABLE',
  INTERNAL = 'INTERNAL',
}

export const PUBLIC_ERROR_CODES: ReadonlySet<string> = new Set([
  ...Object.values(ErrorCode),
  // Produced by Apollo/graphql-js before any resolver runs: safe, and about the caller's document.
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
]);

export class StewardError extends GraphQLError {
  constructor(message: string, code: ErrorCode, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }

  static unauthenticated(message = 'Sign in to continue'): StewardError {
    return new StewardError(message, ErrorCode.UNAUTHENTICATED);
  }
  static forbidden(message = 'You are not allowed to do this'): StewardError {
    return new StewardError(message, ErrorCode.FORBIDDEN);
  }
  static notFound(what: string): StewardError {
    return new StewardError(`${what} not found`, ErrorCode.NOT_FOUND);
  }
  static badInput(field: string, message: string): StewardError {
    return new StewardError(message, ErrorCode.BAD_USER_INPUT, { field });
  }
  static rateLimited(message: string, retryAfterSeconds: number): StewardError {
    return new StewardError(message, ErrorCode.RATE_LIMITED, { retryAfterSeconds });
  }
  /** Answered with HTTP 503 and Retry-After when it stops a request before execution. */
  static unavailable(message: string, retryAfterSeconds = 1): StewardError {
    const error = new StewardError(message, ErrorCode.UNAVAILABLE, { retryAfterSeconds });
    Object.assign(error.extensions, { http: { status: 503, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) } });
    return error;
  }
}

/** A problem the caller can fix, returned in a payload's userErrors instead of thrown. */
export class UserInputProblem extends Error {
  constructor(
    readonly field: string | null,
    message: string,
    readonly code: 'BAD_USER_INPUT' | 'CONFLICT' | 'POLICY_VIOLATION' = 'BAD_USER_INPUT',
  ) {
    super(message);
  }
}

export function codeOf(error: unknown): string | undefined {
  const code = (error as GraphQLError | undefined)?.extensions?.code;
  return typeof code === 'string' ? code : undefined;
}
