import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { type Router } from 'express';

const ENDPOINT = '/graphql';
const ASSETS_PATH = '/graphiql/assets';
// Two levels below apps/api both as src/graphiql (tests) and as dist/graphiql (compiled).
const BUNDLE_DIR = resolve(__dirname, '../../dist/graphiql');

export const GRAPHIQL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

interface Manifest {
  js: string;
  css: string;
}

/**
 * Serves GraphiQL at GET /graphql to browsers, from the bundle that scripts/build-graphiql.mjs
 * writes to dist/graphiql. Mount before Apollo: GraphQL GET requests and non-HTML clients fall through.
 */
export function graphiqlRouter(): Router {
  const router = express.Router();

  router.use(ASSETS_PATH, express.static(join(BUNDLE_DIR, 'assets'), { index: false, immutable: true, maxAge: '1y', fallthrough: false }));

  router.get(ENDPOINT, (req, res, next) => {
    if (req.query.query !== undefined || req.accepts(['application/json', 'text/html']) !== 'text/html') return next();
    // Read per request (a tiny file, and pages are rare) so a rebuild shows up without a restart.
    const page = renderPage();
    if (!page) {
      res.status(503).type('text/plain').send('GraphiQL is not built: run `pnpm --filter @steward/api graphiql:build`.\n');
      return;
    }
    res
      .set({
        'Content-Security-Policy': GRAPHIQL_CSP,
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        Vary: 'Accept',
      })
      .type('html')
      .send(page);
  });

  return router;
}

function renderPage(): string | undefined {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(BUNDLE_DIR, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Steward GraphiQL</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${ASSETS_PATH}/${manifest.css}">
<script defer src="${ASSETS_PATH}/${manifest.js}"></script>
</head>
<body>
<div id="graphiql" data-endpoint="${ENDPOINT}"></div>
</body>
</html>
`;
}
