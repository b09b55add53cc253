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

export type UserInputCode = 'BAD_USER_INPUT' | 'CONFLICT' | 'POLICY_VIOLATION' | 'PLAN_LIMIT' | 'FOUR_EYES';

/**
 * A problem the caller can fix, returned in a payload's userErrors instead of thrown. `field` is the
 * path inside the mutation's input, dotted ("entries.3.idempotencyKey"), or null for the input as a whole.
 */
export class UserInputProblem extends Error {
  constructor(
    readonly field: string | null,
    message: string,
    readonly code: UserInputCode = 'BAD_USER_INPUT',
  ) {
    super(message);
  }
}

/** Every problem found with one input, refused together: an operator with three typos hears about all three. */
export class UserInputProblems extends Error {
  constructor(readonly problems: readonly UserInputProblem[]) {
    super(problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)).join('; '));
  }
}

/**
 * Collects the problems of an input while a service checks all of its fields, then refuses with every
 * one of them (or lets the work go on when there were none).
 */
export class InputChecks {
  private readonly found: UserInputProblem[] = [];

  add(field: string | null, message: string, code?: UserInputCode): void {
    this.found.push(new UserInputProblem(field, message, code));
  }

  /** Runs one check that throws UserInputProblem(s); keeps what it found and answers undefined instead. */
  check<T>(run: () => T): T | undefined {
    try {
      return run();
    } catch (error) {
      return this.keep(error);
    }
  }

  async checkAsync<T>(run: () => Promise<T>): Promise<T | undefined> {
    try {
      return await run();
    } catch (error) {
      return this.keep(error);
    }
  }

  /** Whether a problem was already found at `field`, so a later check need not add a second one. */
  has(field: string): boolean {
    return this.found.some((p) => p.field === field);
  }

  get count(): number {
    return this.found.length;
  }

  /** Throws every problem found so far, if there is any. */
  refuseIfAny(): void {
    if (this.found.length === 1) throw this.found[0];
    if (this.found.length) throw new UserInputProblems([...this.found]);
  }

  private keep(error: unknown): undefined {
    if (error instanceof UserInputProblem) this.found.push(error);
    else if (error instanceof UserInputProblems) this.found.push(...error.problems);
    else throw error;
    return undefined;
  }
}

export function codeOf(error: unknown): string | undefined {
  const code = (error as GraphQLError | undefined)?.extensions?.code;
  return typeof code === 'string' ? code : undefined;
}
