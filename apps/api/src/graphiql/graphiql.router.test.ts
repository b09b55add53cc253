import { execFileSync } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import express from 'express';
import { GRAPHIQL_CSP, graphiqlRouter } from './graphiql.router';

const apiRoot = join(__dirname, '../..');
const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

let server: Server;
let base: string;

beforeAll(async () => {
  // A no-op when the bundle is up to date.
  execFileSync(process.execPath, ['scripts/build-graphiql.mjs'], { cwd: apiRoot, stdio: 'inherit' });
  const app = express();
  app.use(graphiqlRouter());
  app.all('/graphql', (_req, res) => {
    res.status(418).end();
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60000);

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function page() {
  const response = await fetch(`${base}/graphql`, { headers: { accept: HTML } });
  return { response, html: await response.text() };
}

function referencedAssets(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]).filter((url) => url !== 'data:,');
}

it('serves the GraphiQL page to browsers with a strict CSP', async () => {
  const { response, html } = await page();
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  expect(response.headers.get('content-security-policy')).toBe(GRAPHIQL_CSP);
  for (const directive of ["script-src 'self'", "style-src 'self' 'unsafe-inline'", "connect-src 'self'", "img-src 'self' data:"]) {
    expect(GRAPHIQL_CSP).toContain(directive);
  }
  expect(html).toContain('id="graphiql"');
  expect(html).not.toMatch(/https?:\/\//);
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);

  const assets = referencedAssets(html);
  expect(assets).toEqual(
    expect.arrayContaining([expect.stringMatching(/^\/graphiql\/assets\/[\w-]+\.js$/), expect.stringMatching(/^\/graphiql\/assets\/[\w-]+\.css$/)]),
  );
  for (const url of assets) expect(url).toMatch(/^\/graphiql\/assets\/[\w-]+\.(js|css)$/);
});

it('serves every referenced asset itself, cacheably, with no code loaded from a CDN', async () => {
  const { html } = await page();
  for (const url of referencedAssets(html)) {
    const response = await fetch(`${base}${url}`);
    const body = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(url.endsWith('.js') ? /^(text|application)\/javascript/ : /^text\/css/);
    expect(response.headers.get('cache-control')).toMatch(/max-age=31536000.*immutable/);
    expect(body.length).toBeGreaterThan(url.endsWith('.js') ? 500_000 : 50_000);
    expect(body).not.toMatch(/https?:\/\/(unpkg\.com|cdn\.jsdelivr\.net|esm\.sh|cdnjs\.cloudflare\.com|fonts\.googleapis\.com)/);
    if (url.endsWith('.css')) expect(body).not.toMatch(/url\(\s*['"]?(https?:)?\/\//);
  }
});

it('leaves GraphQL GET requests and non-browser clients to the next handler', async () => {
  const query = encodeURIComponent('{__typename}');
  expect((await fetch(`${base}/graphql?query=${query}`, { headers: { accept: 'application/json' } })).status).toBe(418);
  expect((await fetch(`${base}/graphql?query=${query}`, { headers: { accept: HTML } })).status).toBe(418);
  expect((await fetch(`${base}/graphql`, { headers: { accept: 'application/json' } })).status).toBe(418);
  expect((await fetch(`${base}/graphql`, { method: 'POST', headers: { accept: HTML } })).status).toBe(418);
});

it('answers 404 for unknown assets', async () => {
  expect((await fetch(`${base}/graphiql/assets/nope.js`)).status).toBe(404);
});
