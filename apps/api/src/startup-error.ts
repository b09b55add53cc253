/** A reason Steward cannot start, in the operator's words, with what to do about it. */
export class StartupError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'StartupError';
  }
}

/** The lines `start` prints when it fails: the real reason (never "undefined") and, when known, a hint. */
export function describeStartupFailure(error: unknown): string {
  const lines = [`Steward failed to start: ${reasonOf(error)}`];
  if (error instanceof StartupError && error.hint) lines.push(`  ${error.hint}`);
  return lines.join('\n');
}

/** An error's message, its code when it adds something, and never "undefined". */
export function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length) return reasonOf(error.errors[0]);
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const message = error.message || error.name;
    return typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message;
  }
  return error === undefined ? 'an unknown error (nothing was reported)' : String(error);
}
