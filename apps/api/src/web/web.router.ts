import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Router } from 'express';
import { repoRoot } from '../config';

const WEB_DIST = join(repoRoot, 'apps/web/dist');
const INDEX = join(WEB_DIST, 'index.html');
/** Paths the API answers itself: never the web app's index.html. */
const API_PATHS = /^\/(graphql|healthz|readyz)(\/|$)|^\/graphiql\//;

// The web app talks only to its own origin; Mantine sets inline styles, so styles may be inline.
const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const INDEX_HEADERS = {
  'Cache-Control': 'no-cache',
  'Content-Security-Policy': WEB_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
};

/**
 * Serves the built web app (apps/web/dist) from the API's origin, so the refresh cookie and CSRF
 * prevention need no cross-origin setup. Hashed assets are cached for a year; index.html is always
 * revalidated so a deploy shows at once. Without a build, every request passes through.
 */
export function webAppRouter(): Router {
  const router = express.Router();
  const assets = express.static(WEB_DIST, {
    index: false,
    fallthrough: true,
    setHeaders(res, path) {
      if (path.startsWith(join(WEB_DIST, 'assets'))) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      else if (path === INDEX) res.set(INDEX_HEADERS);
      else res.setHeader('Cache-Control', 'no-cache');
    },
  });

  router.use((req, res, next) => {
    if (!existsSync(INDEX) || API_PATHS.test(req.path)) return next();
    assets(req, res, next);
  });

  router.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATHS.test(req.path) || !existsSync(INDEX)) return next();
    if (req.accepts(['text/html', 'application/json']) !== 'text/html') return next();
    res.set(INDEX_HEADERS).sendFile(INDEX);
  });

  return router;
}
