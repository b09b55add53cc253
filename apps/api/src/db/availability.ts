/** Node socket errors that mean PostgreSQL cannot be reached at all. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * SQLSTATEs for a server that is going away or not taking work: connection exceptions (class 08),
 * shutting down or starting up (57P01-57P03), out of connections (53300), and a statement that ran
 * past statement_timeout (57014).
 */
function unavailableState(code: string): boolean {
  return code.startsWith('08') || ['57P01', '57P02', '57P03', '53300', '57014'].includes(code);
}

/** pg and pg-pool report a lost or unobtainable connection only in their messages. */
const LOST =
  /^(timeout exceeded when trying to connect|Connection terminated|Client has encountered a connection error|Client was closed|Connection with postgres database is not established)/;

/**
 * Whether an error means "the database cannot serve right now" (down, restarting, unreachable, the
 * pool has no connection to give within its checkout timeout, a statement cut off by its timeout),
 * as opposed to a mistake in what was asked. Looks through TypeORM's and pg's wrappers.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const { code, message, driverError, cause, originalError } = error as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    originalError?: unknown;
  };
  if (typeof code === 'string' && (UNREACHABLE.has(code) || (/^[0-9A-Z]{5}$/.test(code) && unavailableState(code)))) return true;
  if (typeof message === 'string' && LOST.test(message)) return true;
  return [driverError, cause, originalError].some((inner) => isDatabaseUnavailable(inner, depth + 1));
}

/** What a client is told when the database cannot serve its request. */
export const UNAVAILABLE_MESSAGE = 'The database is unavailable right now; try again shortly';
