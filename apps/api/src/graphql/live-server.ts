import type http from 'node:http';
import { GraphQLError, GraphQLSchema, getOperationAST, parse, validate, type ExecutionResult } from 'graphql';
import type { Disposable } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { credentialsFrom, type AppServices, type StewardContext } from '../context';
import { codeOf } from './errors';
import { enforceLimits, MAX_TOKENS } from './limits';
import { EventHub, LIVE_CLOSE, LiveFanout, openScopeWaiting, type LiveConnection, type LiveContext } from '../modules/events';
import { isUuid, parseGlobalId } from './global-id';
import type { Credentials } from '../scope';

/** How long after connecting the subscriptions of a resumed connection catch up (a client resubscribes at once). */
const RESUME_WINDOW_MS = 10_000;

interface ConnectionState {
  live: LiveConnection;
  tenantId: string;
  expiry?: NodeJS.Timeout;
  /** The last event (uuid) the client received before it reconnected: its subscriptions catch up from there. */
  resumeAfter: string | null;
  connectedAt: number;
}

export interface LiveServer {
  hub: EventHub;
  /** Serves each audience's subscriptions with one read per batch of events. */
  fanout: LiveFanout;
  /** Live connections per tenant on this process. */
  connections(tenantId: string): number;
  stop(): Promise<void>;
}

type Params = Record<string, unknown> | undefined;

/** The credentials a connection_init payload carries, the same as HTTP's: `authorization: Bearer …` or `apiKey`. */
/** The `lastEventId` connection param (a DomainEvent global id or uuid); undefined when absent, null when not an event id. */
function lastEventIdOf(params: Params): string | null | undefined {
  const value = params?.lastEventId;
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') return null;
  if (isUuid(value)) return value;
  const parsed = parseGlobalId(value);
  return parsed?.type === 'DomainEvent' ? parsed.id : null;
}

function headersOf(params: Params): Record<string, string | undefined> {
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { authorization: text(params?.authorization) ?? text(params?.Authorization), 'x-api-key': text(params?.apiKey) ?? text(params?.['x-api-key']) };
}

/**
 * GraphQL subscriptions over WebSocket (the graphql-ws protocol) on the API's own HTTP server, at
 * /graphql. A connection is authenticated at connection_init with the same credentials as HTTP; an
 * access token's expiry closes it with 4401 unless a fresh token came first (a ping whose payload
 * has `authorization`). Only subscriptions run here; queries and mutations go over HTTP. Events come
 * from this process's EventHub (LISTEN/NOTIFY), so every process delivers whoever made the change.
 */
export function startLiveServer(httpServer: http.Server, schema: GraphQLSchema, services: AppServices, format: (e: GraphQLError) => unknown): LiveServer {
  const settings = services.config.live;
  const url = (services.dataSource.options as { url?: string }).url ?? services.config.databaseUrl ?? '';
  const hub = new EventHub(url, services.log.child({ component: 'event-hub' }));
  const fanout = new LiveFanout(services);
  const perTenant = new Map<string, number>();
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: services.config.maxRequestBodyBytes });
  const state = (extra: unknown) => (extra as { state?: ConnectionState }).state;

  const closeWith = (socket: WebSocket, code: number, reason: string) => {
    if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) socket.close(code, reason);
  };

  /** Closes the connection with 4401 when its access token expires (a fresh one sent by ping moves this on). */
  const watchExpiry = async (own: ConnectionState, socket: WebSocket, credentials: Credentials, bearer: string | undefined) => {
    clearTimeout(own.expiry);
    if (credentials.kind !== 'user' || !bearer) return;
    const claims = await services.tokens.verify(bearer);
    if (!claims) return;
    own.expiry = setTimeout(
      () => closeWith(socket, LIVE_CLOSE.UNAUTHORIZED, 'The access token expired: reconnect with a fresh one'),
      claims.expiresAt * 1000 - Date.now(),
    );
    own.expiry.unref();
  };

  const disposable: Disposable = useServer(
    {
      schema,
      async onConnect(ctx) {
        const socket = ctx.extra.socket;
        const headers = headersOf(ctx.connectionParams);
        let credentials: Credentials;
        try {
          credentials = await credentialsFrom(headers, services.tokens);
        } catch (error) {
          closeWith(socket, LIVE_CLOSE.UNAUTHORIZED, codeOf(error) === 'UNAUTHENTICATED' ? (error as Error).message : 'The credentials could not be checked');
          return false;
        }
        if (credentials.kind === 'anonymous') {
          closeWith(socket, LIVE_CLOSE.UNAUTHORIZED, 'Sign in: send authorization (Bearer token) or apiKey in connection_init');
          return false;
        }
        const resumeAfter = lastEventIdOf(ctx.connectionParams);
        if (resumeAfter === null) {
          closeWith(socket, 4400, 'lastEventId is not the id of an event (send the eventId of the last message received)');
          return false;
        }
        // A busy pool is waited for: the connection is refused only if the database cannot serve at all.
        const scope = await openScopeWaiting(services, credentials);
        if (scope === 'busy') {
          closeWith(socket, 1013, 'The server is busy: try again shortly');
          return false;
        }
        await scope?.tx.rollback();
        const tenantId = scope?.caller.tenantId;
        if (!scope || !tenantId) {
          closeWith(socket, LIVE_CLOSE.UNAUTHORIZED, scope ? 'Subscriptions need a tenant' : 'The credentials are unknown, revoked or expired');
          return false;
        }
        const count = perTenant.get(tenantId) ?? 0;
        if (count >= settings.maxConnectionsPerTenant) {
          closeWith(socket, LIVE_CLOSE.TOO_MANY_CONNECTIONS, `The tenant already has ${count} live connections on this server`);
          return false;
        }
        perTenant.set(tenantId, count + 1);
        await hub.start();
        const own: ConnectionState = {
          tenantId,
          resumeAfter: resumeAfter ?? null,
          connectedAt: Date.now(),
          live: {
            hub,
            credentials,
            maxQueued: settings.maxQueuedEvents,
            backlogged: () => socket.bufferedAmount > settings.maxBufferedBytes,
            close: (code, reason) => closeWith(socket, code, reason),
          },
        };
        (ctx.extra as { state?: ConnectionState }).state = own;
        await watchExpiry(own, socket, credentials, /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1]);
        return true;
      },
      async onPing(ctx, payload) {
        const own = state(ctx.extra);
        const bearer = /^Bearer\s+(\S+)$/i.exec(headersOf(payload).authorization ?? '')?.[1];
        if (!own || !bearer) return;
        const claims = await services.tokens.verify(bearer);
        const before = own.live.credentials;
        if (!claims || before.kind !== 'user' || claims.userId !== before.userId || claims.tenantId !== before.tenantId) {
          closeWith(ctx.extra.socket, LIVE_CLOSE.UNAUTHORIZED, 'The fresh access token is invalid or for someone else');
          return;
        }
        own.live.credentials = { kind: 'user', userId: claims.userId, tenantId: claims.tenantId, sessionFamilyId: claims.sessionId };
        await watchExpiry(own, ctx.extra.socket, own.live.credentials, bearer);
      },
      onSubscribe(ctx, _id, payload) {
        if (Object.keys(ctx.subscriptions).length > settings.maxSubscriptionsPerConnection) {
          return [new GraphQLError(`A connection may hold ${settings.maxSubscriptionsPerConnection} subscriptions`, { extensions: { code: 'RATE_LIMITED' } })];
        }
        let document;
        try {
          document = parse(payload.query, { maxTokens: MAX_TOKENS });
        } catch (error) {
          const message = error instanceof GraphQLError ? error.message : 'The document could not be parsed';
          return [new GraphQLError(message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
        }
        const problems = validate(schema, document);
        if (problems.length) return problems.map((p) => new GraphQLError(p.message, { nodes: p.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return [new GraphQLError('Name the operation to run in operationName', { extensions: { code: 'BAD_USER_INPUT' } })];
        if (operation.operation !== 'subscription') {
          return [new GraphQLError('Only subscriptions run over WebSocket; send queries and mutations over HTTP', { extensions: { code: 'BAD_USER_INPUT' } })];
        }
        try {
          enforceLimits(schema, document, operation, payload.variables ?? {}, services.config.maxOperationCost);
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError(String(error))];
        }
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
      },
      context(ctx) {
        const own = state(ctx.extra);
        if (!own) throw new Error('the connection was not acknowledged');
        // No transaction yet: the audience's stream confirms the credentials when it starts and for every batch (LiveFanout).
        const request = ctx.extra.request;
        const resumeAfter = own.resumeAfter && Date.now() - own.connectedAt < RESUME_WINDOW_MS ? own.resumeAfter : null;
        const live: Partial<StewardContext> & Pick<LiveContext, 'live'> & { resumeAfter: string | null } = {
          app: services,
          ip: request.socket.remoteAddress ?? null,
          userAgent: request.headers['user-agent']?.slice(0, 500) ?? null,
          live: own.live,
          resumeAfter,
        };
        return live as never;
      },
      subscribe: (args) => fanout.subscribe(args),
      onNext(_ctx, _id, _payload, _args, result) {
        const errors = (result as ExecutionResult).errors;
        if (!errors?.length) return;
        return { ...result, errors: errors.map((e) => format(e)) } as never;
      },
      onError(_ctx, _id, _payload, errors) {
        return errors.map((e) => format(e)) as never;
      },
      onClose(ctx) {
        const own = state(ctx.extra);
        if (!own) return;
        clearTimeout(own.expiry);
        const left = (perTenant.get(own.tenantId) ?? 1) - 1;
        if (left > 0) perTenant.set(own.tenantId, left);
        else perTenant.delete(own.tenantId);
      },
    },
    wss,
  );

  return {
    hub,
    fanout,
    connections: (tenantId) => perTenant.get(tenantId) ?? 0,
    async stop() {
      // Clients are told the server is going away (1001) and reconnect, to another process if there is one.
      for (const client of wss.clients) client.close(1001, 'The server is restarting');
      await disposable.dispose();
      await hub.stop();
    },
  };
}
