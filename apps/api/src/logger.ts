import pino, { DestinationStream, Logger } from 'pino';
import { prettyFactory } from 'pino-pretty';

export type LogFormat = 'json' | 'pretty';

/**
 * Keys whose values never reach a log line, at any of the first four levels of what is logged:
 * credentials, secret settings, and whole request bodies, variables and SQL parameters (which carry all of those).
 */
const SECRET_KEYS = [
  'password',
  'newPassword',
  'currentPassword',
  'smtpPassword',
  'token',
  'accessToken',
  'refreshToken',
  'botToken',
  'secret',
  'signingSecret',
  'clientSecret',
  // Two-factor authentication: the step between password and code, and what enrolment shows once.
  'challengeToken',
  'mfaChallengeToken',
  'recoveryCodes',
  'otpauthUri',
  'qrCode',
  'jwtSecret',
  'apiKey',
  'privateKey',
  'encryptionKey',
  'databaseUrl',
  'connectionString',
  'authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'body',
  'variables',
  // A failed SQL statement's values (TypeORM's QueryFailedError), which may be anything a request sent.
  'parameters',
];
export const REDACTED_PATHS = SECRET_KEYS.flatMap((key) => {
  const step = /^\w+$/.test(key) ? `.${key}` : `["${key}"]`;
  return [step.replace(/^\./, ''), `*${step}`, `*.*${step}`, `*.*.*${step}`];
});

/** Pretty at a terminal, JSON for machines (not a terminal), or as LOG_FORMAT says. */
export function logFormat(env: NodeJS.ProcessEnv, isTTY: boolean): LogFormat {
  const asked = env.LOG_FORMAT;
  if (asked === undefined || asked === '') return isTTY ? 'pretty' : 'json';
  if (asked === 'json' || asked === 'pretty') return asked;
  throw new Error(`LOG_FORMAT must be json or pretty, not "${asked}"`);
}

const ROUTINE_KEYS = new Set(['level', 'time', 'pid', 'hostname', 'service', 'msg', 'err']);

/** One short line: a request as `POST /graphql AgentsPage 200 12ms user <request id>`, anything else as `msg key=value …`. */
function humanMessage(log: Record<string, unknown>): string {
  if (log.msg === 'graphql' || log.msg === 'request') {
    const ms = typeof log.ms === 'number' ? `${Math.round(log.ms)}ms` : undefined;
    const operation = log.msg === 'graphql' ? String(log.operation ?? '-') : undefined;
    return [log.method, log.path, operation, log.status, ms, log.caller, log.problem, log.requestId].filter((part) => part !== undefined).join(' ');
  }
  const details = Object.entries(log)
    .filter(([key]) => !ROUTINE_KEYS.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const err = log.err as { stack?: string; message?: string } | undefined;
  return [log.msg, ...details].join(' ') + (err ? `\n${err.stack ?? err.message}` : '');
}

function prettyStream(target: DestinationStream, colorize: boolean): DestinationStream {
  const prettify = prettyFactory({
    colorize,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,service,caller',
    hideObject: true,
    messageFormat: (log) => humanMessage(log),
  });
  return { write: (line: string) => target.write(prettify(line)) };
}

export interface LoggerOptions {
  level?: string;
  format?: LogFormat;
  /** Where lines go; standard output when not given. */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}, env: NodeJS.ProcessEnv = process.env): Logger {
  const toStdout = !options.destination;
  const format = options.format ?? logFormat(env, toStdout && Boolean(process.stdout.isTTY));
  const target = options.destination ?? pino.destination({ dest: 1, sync: true });
  return pino(
    {
      level: options.level ?? env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
      base: { service: 'steward-api' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    format === 'pretty' ? prettyStream(target, toStdout && Boolean(process.stdout.isTTY)) : target,
  );
}
