import fc from 'fast-check';
import { Socket } from 'node:net';
import { Client, Pool } from 'pg';
import { DEMO_PASSWORD } from '../src/db/seed/demo-world';
import { Harness, startHarness } from './harness';

/**
 * Whatever a request opens (a pooled connection, a transaction) is released whatever becomes of the
 * request: answered, refused by the HTTP layer before anything runs, or abandoned by its client.
 */

let h: Harness;
let inspector: Client;
beforeAll(async () => {
  h = await startHarness();
  // A connection of its own: the pool under test may be exhausted by the very leak we look for.
  inspector = new Client({ connectionString: h.services.config.databaseUrl });
  await inspector.connect();
});
afterAll(async () => {
  await inspector.end();
  await h.close();
});

const pool = (): Pool => (h.dataSource.driver as unknown as { master: Pool }).master;

interface Leftovers {
  checkedOut: number;
  idleInTransaction: string[];
}

async function leftovers(): Promise<Leftovers> {
  const { rows } = await inspector.query<{ query: string }>(
    `SELECT query FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
  );
  return { checkedOut: pool().totalCount - pool().idleCount, idleInTransaction: rows.map((r) => r.query) };
}

/** What is left once the request's resources have had a moment to be released (they go when the response closes). */
async function settled(): Promise<Leftovers> {
  let state = await leftovers();
  for (let i = 0; i < 100 && (state.checkedOut > 0 || state.idleInTransaction.length > 0); i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    state = await leftovers();
  }
  return state;
}

const CLEAN: Leftovers = { checkedOut: 0, idleInTransaction: [] };

/** Ends what a leaking request left behind, so that one leak does not starve every later case. */
async function reclaim(): Promise<void> {
  await inspector.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`);
  await settled();
}

const VIEWER = '{ viewer { role } }';
/** A stack frame, a dependency path, or an integration's note about its own setup. */
const INTERNALS = /\bat .+\.(ts|js):\d+|node_modules|req\.body|<pre>/;

interface Shape {
  path?: string;
  method?: string;
  headers?: Record<string, string>;
  body?: RequestInit['body'];
}

const post = (body: string, headers: Record<string, string> = {}): Shape => ({ body, headers: { 'content-type': 'application/json', ...headers } });
const json = (body: unknown, headers: Record<string, string> = {}): Shape => post(JSON.stringify(body), headers);
const get = (params: Record<string, string>, headers: Record<string, string> = { 'apollo-require-preflight': '1' }): Shape => ({
  method: 'GET',
  path: `/graphql?${new URLSearchParams(params)}`,
  headers,
});

function multipart(): FormData {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query: VIEWER }));
  form.set('map', '{}');
  return form;
}

async function send(shape: Shape, signal?: AbortSignal): Promise<{ status: number; text: string }> {
  const response = await fetch(`${h.url}${shape.path ?? '/graphql'}`, { method: shape.method ?? 'POST', headers: shape.headers, body: shape.body, signal });
  return { status: response.status, text: await response.text() };
}

const MALFORMED: [string, Shape][] = [
  ['variables as an array', json({ query: VIEWER, variables: [1] })],
  ['variables as a JSON-encoded string', json({ query: VIEWER, variables: '{}' })],
  ['a variable of the wrong type', json({ query: 'query($first: Int) { agents(first: $first) { totalCount } }', variables: { first: 'many' } })],
  ['operationName as a number', json({ query: VIEWER, operationName: 7 })],
  ['operationName naming no operation', json({ query: VIEWER, operationName: 'Missing' })],
  ['two unnamed operations', json({ query: 'query { viewer { role } } query { viewer { role } }' })],
  ['extensions as a string', json({ query: VIEWER, extensions: 'x' })],
  ['extensions as an array', json({ query: VIEWER, extensions: [] })],
  ['query as an object', json({ query: { kind: 'Document', definitions: [] } })],
  ['query as a number', json({ query: 42 })],
  ['an empty query', json({ query: '' })],
  ['a query that does not parse', json({ query: '{ viewer {' })],
  ['an unknown field', json({ query: '{ nothingHere }' })],
  ['a body with no keys', json({})],
  ['a body with unknown keys only', json({ something: 'else' })],
  ['a JSON array batch', json([{ query: VIEWER }, { query: VIEWER }])],
  ['an empty JSON array', json([])],
  ['JSON null', post('null')],
  ['a JSON string', post('"{ viewer { role } }"')],
  ['invalid JSON', post('{"query": ')],
  ['an empty body', post('')],
  ['JSON in an unsupported charset', { body: JSON.stringify({ query: VIEWER }), headers: { 'content-type': 'application/json; charset=latin1' } }],
  ['persisted query with an unknown hash', json({ extensions: { persistedQuery: { version: 1, sha256Hash: 'not-a-hash' } } })],
  ['persisted query of an unknown version', json({ extensions: { persistedQuery: { version: 99, sha256Hash: 'x' } } })],
  ['persisted query whose hash does not match', json({ query: VIEWER, extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } })],
  ['persisted query extension as a string', json({ query: VIEWER, extensions: { persistedQuery: 'x' } })],
  ['text/plain', { body: JSON.stringify({ query: VIEWER }), headers: { 'content-type': 'text/plain' } }],
  [
    'text/plain with the preflight header',
    { body: JSON.stringify({ query: VIEWER }), headers: { 'content-type': 'text/plain', 'apollo-require-preflight': '1' } },
  ],
  ['no content type', { body: new TextEncoder().encode(JSON.stringify({ query: VIEWER })), headers: { 'apollo-require-preflight': '1' } }],
  ['application/graphql', { body: VIEWER, headers: { 'content-type': 'application/graphql', 'apollo-require-preflight': '1' } }],
  ['a multipart upload', { body: multipart(), headers: { 'apollo-require-preflight': '1' } }],
  ['a urlencoded form', { body: new URLSearchParams({ query: VIEWER }), headers: { 'apollo-require-preflight': '1' } }],
  ['an Accept no answer satisfies', json({ query: VIEWER }, { accept: 'image/png' })],
  ['GET without a query', get({})],
  ['GET without the CSRF preflight header', get({ query: VIEWER }, {})],
  ['GET with variables that are not JSON', get({ query: VIEWER, variables: '{nope' })],
  ['GET with extensions that are not JSON', get({ query: VIEWER, extensions: '[' })],
  ['GET with variables as an array', get({ query: VIEWER, variables: '[1]' })],
  ['GET with a mutation', get({ query: 'mutation { sessionDelete { userErrors { message } } }' })],
  ['GET asking for HTML', get({ query: VIEWER }, { accept: 'text/html', 'apollo-require-preflight': '1' })],
  ['PUT', { ...json({ query: VIEWER }), method: 'PUT' }],
  ['PATCH', { ...json({ query: VIEWER }), method: 'PATCH' }],
  ['DELETE', { method: 'DELETE', headers: { 'apollo-require-preflight': '1' } }],
  ['OPTIONS', { method: 'OPTIONS' }],
  ['HEAD', { method: 'HEAD', headers: { 'apollo-require-preflight': '1' } }],
  ['an unknown API key', json({ query: VIEWER }, { 'x-api-key': 'stw_unknown' })],
  ['a bearer token that is not a token', json({ query: VIEWER }, { authorization: 'Bearer not.a.token' })],
  ['an odd authorization scheme', json({ query: VIEWER }, { authorization: 'Basic YWRtaW46YWRtaW4=' })],
  ['a request id far too long', json({ query: VIEWER }, { 'x-request-id': 'r'.repeat(4000) })],
  ['headers beyond the server limit', json({ query: VIEWER }, { 'x-padding': 'p'.repeat(20000) })],
  ['two hundred headers', json({ query: VIEWER }, Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`x-junk-${i}`, `${i}`])))],
  ['a body over the size limit', post(JSON.stringify({ query: VIEWER, variables: { pad: 'x'.repeat(2_000_000) } }))],
];

describe('request resources', () => {
  afterEach(reclaim);

  it('start clean', async () => {
    expect(await leftovers()).toEqual(CLEAN);
  });

  it('an answered request leaves no connection and no transaction behind', async () => {
    expect((await send(json({ query: VIEWER }))).status).toBe(200);
    expect(await settled()).toEqual(CLEAN);
  });

  it.each(MALFORMED)('%s leaves nothing open and shows no internals', async (_name, shape) => {
    const response = await send(shape);
    expect(response.text).not.toMatch(INTERNALS);
    expect(await settled()).toEqual(CLEAN);
  });

  it.each([
    ['invalid JSON', post('{"query": '), 400],
    ['JSON that is not an object', post('null'), 400],
    ['a body over the size limit', post(JSON.stringify({ query: VIEWER, variables: { pad: 'x'.repeat(2_000_000) } })), 413],
    ['JSON in an unsupported charset', { body: '{}', headers: { 'content-type': 'application/json; charset=latin1' } }, 415],
  ] as [string, Shape, number][])('a body the JSON parser refuses (%s) is answered as a GraphQL error', async (_name, shape, status) => {
    const response = await send(shape);
    expect(response.status).toBe(status);
    expect(JSON.parse(response.text)).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('more malformed requests than the pool has connections still leave the API answering', async () => {
    const size = h.services.config.dbPoolSize;
    for (let i = 0; i < size * 3; i++) expect((await send(json({ query: VIEWER, variables: [i] }))).status).toBe(400);
    const ok = await send(json({ query: VIEWER }), AbortSignal.timeout(10_000));
    expect(ok.status).toBe(200);
    expect(await settled()).toEqual(CLEAN);
  });

  it('a client that goes away mid-request leaves nothing open', async () => {
    // Signing in runs argon2, so the request is still executing when its client gives up.
    const aborts = Array.from({ length: 6 }, async () => {
      const controller = new AbortController();
      const sent = send(
        json({
          query: 'mutation($input: SessionCreateInput!) { sessionCreate(input: $input) { accessToken } }',
          variables: { input: { email: 'admin@acme.test', password: DEMO_PASSWORD } },
        }),
        controller.signal,
      );
      setTimeout(() => controller.abort(), 5);
      await sent.catch(() => undefined);
    });
    await Promise.all(aborts);
    expect(await settled()).toEqual(CLEAN);
    expect((await send(json({ query: VIEWER }))).status).toBe(200);
  });

  it('a client that goes away halfway through its body leaves nothing open', async () => {
    const port = Number(new URL(h.url).port);
    await new Promise<void>((resolve, reject) => {
      const socket = new Socket();
      socket.on('error', reject);
      socket.connect(port, '127.0.0.1', () => {
        socket.write('POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":"{ vi');
        setTimeout(() => socket.destroy(), 50);
        socket.on('close', () => resolve());
      });
    });
    expect(await settled()).toEqual(CLEAN);
  });

  it('fuzzed requests (methods, headers, content types, bodies) never leave a connection or transaction open', async () => {
    const headerValue = fc.stringMatching(/^[\x21-\x7e]([\x20-\x7e]{0,60}[\x21-\x7e])?$/);
    const anyJson = fc.jsonValue({ maxDepth: 3 });
    const query = fc.oneof(
      fc.constantFrom(VIEWER, '{ __typename }', 'query Q($n: Int) { agents(first: $n) { totalCount } }', '{ viewer {', 'mutation { x }', ''),
      fc.string({ maxLength: 40 }),
      anyJson,
    );
    const operation = fc.record(
      {
        query,
        variables: anyJson,
        operationName: fc.oneof(fc.string({ maxLength: 10 }), anyJson),
        extensions: fc.oneof(
          anyJson,
          fc.record({
            persistedQuery: fc.record(
              { version: fc.oneof(fc.constant(1), anyJson), sha256Hash: fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), anyJson) },
              { requiredKeys: [] },
            ),
          }),
        ),
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      operation.map((o) => JSON.stringify(o)),
      fc.array(operation, { maxLength: 3 }).map((o) => JSON.stringify(o)),
      anyJson.map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 80 }),
    );
    const contentType = fc.option(
      fc.oneof(
        fc.constantFrom(
          'application/json',
          'application/json; charset=utf-8',
          'application/json; charset=utf-16',
          'application/graphql',
          'application/graphql-response+json',
          'text/plain',
          'text/html',
          'multipart/form-data; boundary=x',
          'multipart/mixed',
          'application/x-www-form-urlencoded',
          'application/octet-stream',
          '*/*',
          'application/json;;;',
        ),
        headerValue,
      ),
      { nil: undefined },
    );
    const headers = fc.dictionary(
      fc.oneof(
        fc.constantFrom(
          'authorization',
          'x-api-key',
          'apollo-require-preflight',
          'x-apollo-operation-name',
          'x-request-id',
          'accept',
          'cookie',
          'x-steward-stats',
          'content-encoding',
          'content-language',
        ),
        fc.stringMatching(/^x-[a-z0-9-]{1,20}$/),
      ),
      fc.oneof(headerValue, fc.constantFrom('Bearer stw_nope', 'Bearer a.b.c', 'stw_x', 'gzip', 'identity', 'application/json', 'text/html', '1')),
      { maxKeys: 5 },
    );
    const search = fc.dictionary(
      fc.constantFrom('query', 'variables', 'operationName', 'extensions', 'x'),
      fc.oneof(
        query.map((q) => (typeof q === 'string' ? q : JSON.stringify(q))),
        anyJson.map((v) => JSON.stringify(v)),
      ),
      { maxKeys: 4 },
    );
    const request = fc.record({
      method: fc.constantFrom('GET', 'POST', 'POST', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'),
      search,
      contentType,
      headers,
      body,
    });

    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const withBody = r.method !== 'GET';
        const headersSent: Record<string, string> = { ...r.headers };
        if (r.contentType) headersSent['content-type'] = r.contentType;
        const response = await send(
          {
            method: r.method,
            path: `/graphql?${new URLSearchParams(r.search)}`,
            headers: headersSent,
            body: withBody ? new TextEncoder().encode(r.body) : undefined,
          },
          AbortSignal.timeout(10_000),
        );
        expect(response.text).not.toMatch(INTERNALS);
        expect(await settled()).toEqual(CLEAN);
      }),
      { numRuns: 200, endOnFailure: true },
    );
  });
});
