import http from 'node:http';
import type { Express } from 'express';
import type { Config } from '../config';

/** The HTTP server with the configured timeouts, so slow or idle clients cannot hold connections open. */
export function createHttpServer(app: Express, config: Config): http.Server {
  const server = http.createServer(
    {
      headersTimeout: config.httpHeadersTimeoutMs,
      requestTimeout: config.httpRequestTimeoutMs,
      // Node enforces the two timeouts above only when it checks, every 30 s unless told otherwise.
      connectionsCheckingInterval: Math.min(1000, config.httpHeadersTimeoutMs),
    },
    app,
  );
  server.keepAliveTimeout = config.httpKeepAliveTimeoutMs;
  return server;
}
