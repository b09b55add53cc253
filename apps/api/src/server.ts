import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import cookieParser from 'cookie-parser';
import express, { Express, NextFunction, Request, Response } from 'express';
import { getNamedType, GraphQLFormattedError, GraphQLSchema, isInputObjectType } from 'graphql';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { AppServices, createHttpContext, exchangeSignal, StewardContext } from './context';
import { isDatabaseUnavailable, UNAVAILABLE_MESSAGE } from './db/availability';
import { graphiqlRouter } from './graphiql/graphiql.router';
import { requestLifecyclePlugin } from './graphql/apollo-plugins';
import { PUBLIC_ERROR_CODES } from './graphql/errors';
import { MAX_TOKENS, tokenLimitError } from './graphql/limits';
import { buildStewardSchema } from './graphql/schema';
import { CompiledExecutor, executorGateway } from './graphql/compiled-executor';
import { stringifyResult } from './graphql/sql-compiler';
import { webAppRouter } from './web/web.router';
import { complianceFilesRouter } from './modules/compliance';
import { personalDataRouter } from './modules/personal-data';
import { usageExportRouter } from './modules/tenants';
import { otlpMetricsRouter } from './modules/metrics';
import { workflowHooksRouter } from './modules/workflow-executions';
import { bodyErrors } from './http/body-errors';
import { createHttpServer } from './http/http-server';
import { startLiveServer, type LiveServer } from './graphql/live-server';
import { requestLog, requestLogPlugin } from './http/request-log';
import { RequestMeter } from './graphql/request-meter';
import { loadPersistedDocuments, persistedDocuments } from './http/persisted-documents';

const REQUEST_ID = /^[\w.-]{1,64}$/;

interface ValidationProblem {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationProblem[];
}

/** class-validator's nested problems as one line each, prefixed by the path to the field. */
function flattenValidation(problems: ValidationProblem[], path: string[] = []): { field: string; message: string }[] {
  return problems.flatMap((p) => {
    const here = [...path, p.property];
    const own = Object.values(p.constraints ?? {}).map((message) => ({ field: here.join('.'), message }));
    return [...own, ...flattenValidation(p.children ?? [], here)];
  });
}

/** The name of the one input-object argument of the root field at `path`, which validation problems are relative to. */
function inputArgumentOf(schema: GraphQLSchema, path: readonly (string | number)[] | undefined): string[] {
  const name = path?.length === 1 ? String(path[0]) : undefined;
  const field = name ? (schema.getMutationType()?.getFields()[name] ?? schema.getQueryType()?.getFields()[name]) : undefined;
  const inputs = field?.args.filter((a) => isInputObjectType(getNamedType(a.type))) ?? [];
  return inputs.length === 1 ? [inputs[0].name] : [];
}

/** Keeps the codes we document and the messages we wrote; everything else becomes INTERNAL. */
export function formatError(formatted: GraphQLFormattedError, error: unknown, schema: GraphQLSchema): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  const extensions: Record<string, unknown> = { ...formatted.extensions };
  delete extensions.stacktrace;
  delete extensions.exception;
  if (typeof code === 'string' && PUBLIC_ERROR_CODES.has(code)) {
    const original = (error as { originalError?: { extensions?: { validationErrors?: ValidationProblem[] } } })?.originalError;
    const validation = original?.extensions?.validationErrors ?? (extensions.validationErrors as ValidationProblem[] | undefined);
    if (validation?.length) {
      const problems = flattenValidation(validation, inputArgumentOf(schema, formatted.path));
      return {
        ...formatted,
        message: `Invalid input: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
        extensions: { code: 'BAD_USER_INPUT', fields: problems },
      };
    }
    return { ...formatted, extensions };
  }
  if (isDatabaseUnavailable(error))
    return { message: UNAVAILABLE_MESSAGE, path: formatted.path, locations: formatted.locations, extensions: { code: 'UNAVAILABLE' } };
  return {
    message: 'Something went wrong on our side; it has been logged',
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: 'INTERNAL' },
  };
}

export interface StewardServer {
  app: Express;
  httpServer: http.Server;
  schema: GraphQLSchema;
  /** GraphQL subscriptions over WebSocket at /graphql, with this process's event hub. */
  live: LiveServer;
  /** API requests counted per tenant (saved every few seconds and at stop) and the session rate limits. */
  meter: RequestMeter;
  stop(): Promise<void>;
}

export async function createServer(services: AppServices): Promise<StewardServer> {
  const { schema } = await buildStewardSchema();
  let shuttingDown = false;
  const meter = new RequestMeter(
    (services.dataSource.options as { url?: string }).url ?? services.config.databaseUrl ?? '',
    services.log.child({ component: 'request-meter' }),
  );
  meter.start();
  const app = express();
  const httpServer = createHttpServer(app, services.config);
  const executor = new CompiledExecutor(schema);
  const apollo = new ApolloServer<StewardContext>({
    // Apollo parses, validates and runs the plugins; the executor runs the operation (compiled for queries).
    gateway: executorGateway(schema, executor),
    csrfPrevention: true,
    // start.ts owns the signals: it stops the server, then the job runner, then the database, in that order.
    stopOnTerminationSignals: false,
    introspection: true,
    // Operations by hash come only from the web app's manifest (http/persisted-documents), never from callers' registrations.
    persistedQueries: false,
    // An answer built by PostgreSQL as JSON (graphql/sql-compiler) goes out as PostgreSQL's text.
    stringifyResult,
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: MAX_TOKENS },
    formatError: (formatted, error) => {
      let result = tokenLimitError(formatted.message) ?? formatError(formatted, error, schema);
      // Suggestions (field names, enum values) would reveal the schema to callers who may not introspect it.
      if (services.config.production) result = { ...result, message: result.message.replace(/ Did you mean .*$/s, '') };
      if (result.extensions?.code === 'UNAVAILABLE' && formatted.extensions?.code !== 'UNAVAILABLE') {
        services.log.warn({ err: error, path: formatted.path }, 'the database could not serve a request');
      } else if (result.extensions?.code === 'INTERNAL' && formatted.extensions?.code !== 'INTERNAL') {
        const aborted = /Query runner already released/.test(formatted.message);
        if (aborted) services.log.warn({ path: formatted.path }, 'the client went away; the rest of its request was not run');
        else services.log.error({ err: error }, 'unexpected error in a GraphQL request');
      }
      return result;
    },
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // Steward sets no cache hints; without this plugin Apollo would still instrument every field for them.
      ApolloServerPluginCacheControlDisabled(),
      requestLifecyclePlugin(() => schema, {
        maxCost: services.config.maxOperationCost,
        introspectionNeedsSignIn: services.config.production,
        apiKeyCostPerMinute: services.config.apiKeyCostPerMinute,
        apiRateLimits: services.config.apiRateLimits,
        meter,
      }),
      requestLogPlugin,
    ],
  });
  await apollo.start();
  const live = startLiveServer(httpServer, schema, services, (error) => {
    const result = formatError(error.toJSON(), error, schema);
    if (result.extensions?.code === 'INTERNAL' && error.extensions?.code !== 'INTERNAL')
      services.log.error({ err: error }, 'unexpected error in a subscription');
    return result;
  });

  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use((req, res, next) => {
    const given = req.header('x-request-id');
    const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    next();
  });
  app.use(requestLog(services));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (shuttingDown) {
      res.status(503).json({ status: 'shutting down' });
      return;
    }
    try {
      await services.dataSource.query('SELECT 1');
      const pending = await services.dataSource.showMigrations();
      res.status(pending ? 503 : 200).json({ status: pending ? 'migrations pending' : 'ready' });
    } catch (error) {
      // Down, restarting, or every connection busy past the checkout timeout: not ready either way.
      services.log.warn({ err: error }, 'not ready: the database cannot serve');
      res.status(503).json({ status: 'database unavailable' });
    }
  });
  app.use(cookieParser());
  app.use(graphiqlRouter());
  // GraphQL answers are per caller and never revalidated: an app of their own, so Express does not
  // hash every response body for an ETag (the web app's files keep theirs).
  const graphql = express();
  graphql.set('etag', false);
  graphql.disable('x-powered-by');
  graphql.use(
    (_req: Request, res: Response, next: NextFunction) => {
      exchangeSignal(res);
      next();
    },
    express.json({ limit: services.config.maxRequestBodyBytes }),
    persistedDocuments(loadPersistedDocuments(), services.config.persistedOnly),
    expressMiddleware(apollo, { context: ({ req, res }) => createHttpContext(services, req, res, () => shuttingDown) }),
  );
  app.use('/graphql', graphql);
  app.use(complianceFilesRouter(services));
  app.use(personalDataRouter(services));
  app.use(usageExportRouter(services));
  app.use(otlpMetricsRouter(services));
  app.use(workflowHooksRouter(services));
  app.use(webAppRouter());
  app.use(bodyErrors(services));

  return {
    app,
    httpServer,
    schema,
    live,
    meter,
    async stop() {
      // From here new requests are refused with 503 while those already running finish.
      shuttingDown = true;
      await live.stop();
      await apollo.stop();
      await meter.stop();
    },
  };
}
