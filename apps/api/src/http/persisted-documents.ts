import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { repoRoot } from '../config';
import { API_KEY_PREFIX } from '../context';

/** The web app's operations by hash, as codegen writes them ("sha256:<hex>" -> text). */
export type PersistedDocuments = ReadonlyMap<string, string>;

export const PERSISTED_DOCUMENTS_FILE = join(repoRoot, 'apps/web/src/gql/persisted-documents.json');

export function loadPersistedDocuments(file = PERSISTED_DOCUMENTS_FILE): PersistedDocuments {
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  return new Map(Object.entries(manifest));
}

interface GraphQLBody {
  query?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } } & Record<string, unknown>;
}

class Refusal {
  constructor(
    readonly code: 'PERSISTED_QUERY_NOT_FOUND' | 'PERSISTED_QUERY_REQUIRED',
    readonly message: string,
  ) {}
}

const REQUIRED_MESSAGE =
  "This API runs only the web app's persisted operations for browser sessions: send extensions.persistedQuery.sha256Hash instead of query text. " +
  'Partner apps and GraphiQL send their own operations with an API key (x-api-key).';

/** A body naming a manifest hash gets the manifest's text; an unknown hash is refused. Returns the body to run. */
function resolveBody(body: unknown, documents: PersistedDocuments, textAllowed: boolean): unknown {
  if (!body || typeof body !== 'object') return body;
  const request = body as GraphQLBody;
  const hash = request.extensions?.persistedQuery?.sha256Hash;
  const hasText = typeof request.query === 'string' && request.query !== '';
  if (hasText) {
    if (!textAllowed) throw new Refusal('PERSISTED_QUERY_REQUIRED', REQUIRED_MESSAGE);
    return body;
  }
  if (typeof hash !== 'string') return body;
  const key = hash.startsWith('sha256:') ? hash : `sha256:${hash}`;
  const query = documents.get(key);
  if (!query) throw new Refusal('PERSISTED_QUERY_NOT_FOUND', `No persisted operation has the hash ${hash}; reload the web app to get the current version.`);
  const extensions = { ...request.extensions };
  delete extensions.persistedQuery;
  return { ...request, query, extensions };
}

/** As credentialsFrom reads them: an x-api-key header, or an API key as the bearer token. */
function sendsApiKey(req: Request): boolean {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1];
  return Boolean(req.header('x-api-key')) || Boolean(bearer?.startsWith(API_KEY_PREFIX));
}

/**
 * Runs before Apollo: the web app sends its operations by hash (codegen's persisted documents) and this
 * puts the text back. With `persistedOnly`, a request without an API key may not bring its own text, so a
 * stolen browser session cannot run arbitrary operations; API-key callers (partner apps, GraphiQL) are unaffected.
 * Apollo's own APQ cache is off, so the manifest is the only way to run an operation by hash.
 */
export function persistedDocuments(documents: PersistedDocuments, persistedOnly: boolean): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const textAllowed = !persistedOnly || sendsApiKey(req);
    try {
      if (req.method === 'GET') {
        const query = req.query.query;
        if (!textAllowed && typeof query === 'string' && query !== '') throw new Refusal('PERSISTED_QUERY_REQUIRED', REQUIRED_MESSAGE);
      } else if (Array.isArray(req.body)) {
        req.body = req.body.map((item: unknown) => resolveBody(item, documents, textAllowed));
      } else {
        req.body = resolveBody(req.body, documents, textAllowed);
      }
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      res.status(400).json({ errors: [{ message: error.message, extensions: { code: error.code } }] });
      return;
    }
    next();
  };
}
