import express, { type ErrorRequestHandler, type NextFunction, type Request, type Response, Router } from 'express';
import { createHash } from 'node:crypto';
import { inRoleGroup } from '../../auth/role-groups';
import { createContext, credentialsFrom, exchangeSignal, type AppServices } from '../../context';
import { codeOf, UserInputProblem, UserInputProblems } from '../../graphql/errors';
import { isDatabaseUnavailable } from '../../db/availability';
import { recordMetricPoints } from './metric-ingestion.service';
import { MAX_POINTS_PER_BATCH } from './metric.inputs';
import { type FieldViolation, otlpFieldOf, pointsFromOtlp } from './otlp-metrics';

/** A batch of 5,000 points in the JSON encoding, with attributes, fits well under this. */
export const OTLP_MAX_BODY_BYTES = 8 * 1024 * 1024;
export const OTLP_METRICS_PATH = '/v1/metrics';

/** google.rpc.Code values the OTLP specification names for its Status answers. */
const RPC = {
  INVALID_ARGUMENT: 3,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
};

class OtlpRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly violations: FieldViolation[] = [],
  ) {
    super(message);
  }
}

/** The OTLP answer to a refused export: a google.rpc.Status, with a BadRequest detail naming each field. */
function sendStatus(res: Response, refusal: OtlpRefusal): void {
  const details = refusal.violations.length
    ? [
        {
          '@type': 'type.googleapis.com/google.rpc.BadRequest',
          fieldViolations: refusal.violations.map((v) => ({ field: v.field, description: v.description })),
        },
      ]
    : [];
  res.status(refusal.status).json({ code: refusal.code, message: refusal.message, details });
}

function badRequest(violations: FieldViolation[]): OtlpRefusal {
  const first = violations[0];
  const more = violations.length > 1 ? ` (and ${violations.length - 1} more problem${violations.length > 2 ? 's' : ''})` : '';
  return new OtlpRefusal(400, RPC.INVALID_ARGUMENT, `${first.field ? `${first.field}: ` : ''}${first.description}${more}`, violations);
}

/** Body problems (not JSON, too large, bad encoding) as OTLP Status answers rather than GraphQL ones. */
const bodyProblems: ErrorRequestHandler = (error: { type?: string; limit?: number }, _req, res, next) => {
  if (res.headersSent) return next(error);
  if (error.type === 'entity.too.large')
    return sendStatus(
      res,
      new OtlpRefusal(413, RPC.RESOURCE_EXHAUSTED, `The request body is larger than the limit of ${error.limit} bytes; send smaller batches`),
    );
  if (error.type === 'entity.parse.failed') return sendStatus(res, new OtlpRefusal(400, RPC.INVALID_ARGUMENT, 'The request body is not valid JSON'));
  if (error.type === 'encoding.unsupported')
    return sendStatus(res, new OtlpRefusal(415, RPC.INVALID_ARGUMENT, "The body's content encoding is not supported; send it plain, gzip or deflate"));
  next(error);
};

/**
 * POST /v1/metrics: OpenTelemetry metrics as OTLP/HTTP JSON, with the credentials of the GraphQL API
 * (x-api-key, or Authorization: Bearer) of a role holding agents.write (admins, developers, custom roles with it). The
 * request's points go through metricPointsRecord's path: all or nothing, at most 5,000 points,
 * idempotent by `x-steward-batch-key` (else by the body's SHA-256), one statement for the points.
 * Answers: 200 `{}` (ExportMetricsServiceResponse; `x-steward-batch-outcome` says RECORDED or DUPLICATE),
 * 400 / 409 / 413 / 415 with a google.rpc.Status naming each field, 401, 403.
 */
export function otlpMetricsRouter(services: AppServices): Router {
  const router = express.Router();
  router.post(
    OTLP_METRICS_PATH,
    (req: Request, res: Response, next: NextFunction) => {
      exchangeSignal(res);
      const type = (req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
      if (type !== 'application/json')
        return sendStatus(
          res,
          new OtlpRefusal(415, RPC.INVALID_ARGUMENT, `Send OTLP/HTTP JSON with content-type application/json (protobuf is not accepted); got "${type}"`),
        );
      next();
    },
    express.json({
      limit: OTLP_MAX_BODY_BYTES,
      type: 'application/json',
      verify: (_req, res, raw) => {
        (res as Response).locals.bodyDigest = createHash('sha256').update(raw).digest('hex');
      },
    }),
    async (req: Request, res: Response) => {
      try {
        const ctx = await createContext(services, {
          credentials: await credentialsFrom(req.headers, services.tokens),
          owner: exchangeSignal(res),
          requestId: res.locals.requestId as string,
          ip: req.ip ?? null,
          userAgent: req.header('user-agent')?.slice(0, 500) ?? null,
        });
        // Recording metrics takes agents.write, from a system role or a custom one.
        if (!inRoleGroup('builders', ctx.caller)) {
          const member = Boolean(ctx.caller.role || ctx.caller.customRole);
          throw new OtlpRefusal(
            member ? 403 : 401,
            member ? RPC.PERMISSION_DENIED : RPC.UNAUTHENTICATED,
            'Recording metrics takes the agents.write permission (admins, developers, or a custom role holding it)',
          );
        }
        const { points, sources, problems } = pointsFromOtlp(req.body);
        if (problems.length) throw badRequest(problems);
        if (points.length > MAX_POINTS_PER_BATCH)
          throw new OtlpRefusal(
            413,
            RPC.RESOURCE_EXHAUSTED,
            `An export holds at most ${MAX_POINTS_PER_BATCH} data points; this one has ${points.length}: send smaller batches`,
          );
        if (!points.length) {
          res.status(200).json({});
          return;
        }
        const batchKey = req.header('x-steward-batch-key') ?? `otlp:${res.locals.bodyDigest as string}`;
        const audit = { action: 'metricPoints.record', entityType: 'MetricPoint' } as const;
        try {
          const recorded = await ctx.tx.isolated(() => recordMetricPoints(ctx, batchKey, points));
          await ctx.tx.commit();
          res.setHeader('x-steward-batch-outcome', recorded.outcome);
          res.status(200).json({});
        } catch (error) {
          const found = error instanceof UserInputProblems ? error.problems : error instanceof UserInputProblem ? [error] : null;
          if (!found) throw error;
          ctx.audit.failed({ ...audit, outcome: 'failure', errorCode: found[0].code, after: { via: 'otlp', problems: found.length } });
          await ctx.tx.rollback();
          const violations = found.map((p) => ({ field: otlpFieldOf(p.field, sources), description: p.message }));
          if (found[0].code === 'CONFLICT') throw new OtlpRefusal(409, RPC.ALREADY_EXISTS, found[0].message, violations);
          throw badRequest(violations);
        }
      } catch (error) {
        if (res.headersSent) return;
        if (error instanceof OtlpRefusal) return sendStatus(res, error);
        if (codeOf(error) === 'UNAUTHENTICATED') return sendStatus(res, new OtlpRefusal(401, RPC.UNAUTHENTICATED, (error as Error).message));
        if (isDatabaseUnavailable(error)) {
          res.setHeader('retry-after', '5');
          return sendStatus(res, new OtlpRefusal(503, RPC.UNAVAILABLE, 'The database cannot serve right now; retry shortly'));
        }
        services.log.error({ err: error, requestId: res.locals.requestId }, 'OTLP metrics export failed');
        sendStatus(res, new OtlpRefusal(500, RPC.INTERNAL, 'Something went wrong on our side; it has been logged'));
      }
    },
    bodyProblems,
  );
  return router;
}
