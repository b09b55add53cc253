import type { ErrorRequestHandler } from 'express';
import type { AppServices } from '../context';

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
}

/** body-parser's error types, answered in words the caller can act on. */
function problemWith(error: BodyParserError): { status: number; message: string } | undefined {
  switch (error.type) {
    case 'entity.parse.failed':
      return { status: 400, message: 'The request body is not valid JSON' };
    case 'entity.too.large':
      return { status: 413, message: `The request body is larger than the limit of ${error.limit} bytes` };
    case 'encoding.unsupported':
      return { status: 415, message: "The request body's content encoding is not supported; send it plain, gzip or deflate" };
    case 'charset.unsupported':
      return { status: 415, message: 'The request body must be UTF-8' };
    case 'request.aborted':
      return { status: 400, message: 'The request was aborted before its body arrived' };
    case 'request.size.invalid':
      return { status: 400, message: 'The request body is shorter or longer than its Content-Length' };
    default:
      return undefined;
  }
}

/**
 * Answers requests whose body could not be read, and any other error that reaches Express, as
 * GraphQL-shaped JSON with no stack. The body is never logged: the request's log line says what went wrong.
 */
export function bodyErrors(services: AppServices): ErrorRequestHandler {
  return (error: BodyParserError, _req, res, next) => {
    if (res.headersSent) return next(error);
    const problem = problemWith(error);
    if (problem) {
      res.locals.problem = error.type;
      res.status(problem.status).json({ errors: [{ message: problem.message, extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
    // Express's own client errors, e.g. a static file that is not there.
    if (error.status && error.status >= 400 && error.status < 500) {
      res.sendStatus(error.status);
      return;
    }
    services.log.error({ err: error, requestId: res.locals.requestId }, 'unexpected error outside GraphQL');
    res.status(500).json({
      errors: [{ message: 'Something went wrong on our side; it has been logged', extensions: { code: 'INTERNAL', requestId: res.locals.requestId } }],
    });
  };
}
