import type { Request } from 'express';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { recordUnscopedAudit } from './unscoped-audit';

/**
 * A request with a bad API key or access token is recorded in the platform's chain (no tenant can be
 * trusted from a bad credential), naming only what is safe to keep: the key's visible prefix.
 */
export async function auditFailedAuthentication(
  services: { dataSource: DataSource; log: Logger },
  headers: Request['headers'],
  request: { requestId: string; ip: string | null; userAgent: string | null },
): Promise<void> {
  const apiKey = headers['x-api-key'];
  const key = Array.isArray(apiKey) ? apiKey[0] : apiKey;
  const authorization = headers.authorization;
  const label = key ? `API key ${key.slice(0, 12)}…` : /^Bearer\s+stw_/i.test(authorization ?? '') ? `API key ${authorization!.slice(7, 19)}…` : 'access token';
  try {
    await recordUnscopedAudit(
      services.dataSource,
      {
        tenantId: null,
        action: 'auth.failed',
        outcome: 'denied',
        errorCode: 'UNAUTHENTICATED',
        actorLabel: label,
      },
      request,
    );
  } catch (error) {
    services.log.error({ err: error, requestId: request.requestId }, 'could not audit a failed authentication');
  }
}
