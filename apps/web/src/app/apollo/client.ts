import { ApolloClient, ApolloLink, HttpLink } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { OperationTypeNode } from 'graphql';
import { from, mergeMap, tap, throwError } from 'rxjs';
import { hasProblem } from '../../ui/errors';
import type { Session } from '../session/session';
import { createCache } from './cache';
import { persistedHash, persistedQueryExtension } from './persisted';
import type { LiveConnection } from './live';

declare module '@apollo/client' {
  interface DefaultContext {
    /** The access token the request left with, to tell a stale token from a dead session. */
    sentToken?: string | null;
    /** Set on the one retry after a silent refresh. */
    retriedAfterRefresh?: boolean;
  }
}

/**
 * Links, outermost first: on UNAUTHENTICATED refresh once and retry (the retry passes through the
 * auth link again and picks up the new token); then attach the bearer token; then name the operation by its
 * persisted hash; then HTTP.
 * Subscriptions take the live connection instead (WebSocket, authenticated when it connects).
 */
export function createLink(session: Session, fetchImpl?: typeof fetch, live?: LiveConnection): ApolloLink {
  const recover = new ErrorLink(({ error, operation, forward }) => {
    if (!hasProblem(error, 'unauthenticated')) return;
    const { sentToken, retriedAfterRefresh } = operation.getContext();
    if (retriedAfterRefresh || !sentToken) {
      session.expire();
      return;
    }
    return from(session.recover(sentToken)).pipe(
      mergeMap((recovered) => {
        if (!recovered) {
          session.expire();
          return throwError(() => error);
        }
        operation.setContext({ retriedAfterRefresh: true });
        // A fresh token refused as well: the session is gone (user deactivated, membership ended).
        const refusedAgain = (problem: unknown) => {
          if (hasProblem(problem, 'unauthenticated')) session.expire();
        };
        return forward(operation).pipe(tap({ next: (result) => refusedAgain(result.errors), error: refusedAgain }));
      }),
    );
  });

  const auth = new SetContextLink(async (previous) => {
    const token = await session.validToken();
    return {
      sentToken: token,
      headers: token ? { ...previous.headers, authorization: `Bearer ${token}` } : previous.headers,
    };
  });

  // The web app's operations travel as their codegen hash (src/gql/persisted-documents.json), never as text:
  // the API can then refuse text from browser sessions (STEWARD_PERSISTED_ONLY).
  const persisted = new ApolloLink((operation, forward) => {
    const hash = persistedHash(operation.query);
    if (hash) {
      operation.extensions = { ...operation.extensions, ...persistedQueryExtension(hash) };
      operation.setContext({ http: { includeQuery: false, includeExtensions: true } });
    }
    return forward(operation);
  });
  const http = new HttpLink({ uri: '/graphql', credentials: 'same-origin', fetch: fetchImpl });
  const overHttp = ApolloLink.from([recover, auth, persisted, http]);
  return live ? ApolloLink.split((operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION, live.link(), overHttp) : overHttp;
}

export function createApolloClient(session: Session, fetchImpl?: typeof fetch, live?: LiveConnection): ApolloClient {
  return new ApolloClient({ link: createLink(session, fetchImpl, live), cache: createCache() });
}
