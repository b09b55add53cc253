import express, { type Request, type Response, Router } from 'express';
import { inRoleGroup, type RoleGroup } from '../../auth/role-groups';
import { createContext, credentialsFrom, exchangeSignal, type AppServices, type StewardContext } from '../../context';
import { codeOf, UserInputProblem } from '../../graphql/errors';
import { parseGlobalId } from '../../graphql/global-id';
import { EVIDENCE_CONTENT_TYPES, EVIDENCE_MAX_BYTES, evidenceFileContent, storeEvidenceFile } from './compliance-evidence.service';
import { exportContent } from './compliance-export.service';

class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The request's scope, opened like a GraphQL request's (same credentials, transaction owned by the exchange), for callers in `group`. */
async function scopeFor(services: AppServices, req: Request, res: Response, group: RoleGroup): Promise<StewardContext> {
  const ctx = await createContext(services, {
    credentials: await credentialsFrom(req.headers, services.tokens),
    owner: exchangeSignal(res),
    requestId: res.locals.requestId as string,
    ip: req.ip ?? null,
    userAgent: req.header('user-agent')?.slice(0, 500) ?? null,
  });
  if (!inRoleGroup(group, ctx.caller)) throw new HttpRefusal(ctx.caller.role || ctx.caller.customRole ? 403 : 401, 'You are not allowed to do this');
  return ctx;
}

function idOf(req: Request, type: string): string {
  const parsed = parseGlobalId(String(req.params.id));
  if (!parsed || parsed.type !== type) throw new HttpRefusal(404, `No such ${type}`);
  return parsed.id;
}

/** Reads the body up to `max` bytes; a larger one is refused with 413 before it is all read. */
function readCapped(req: Request, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.header('content-length') ?? NaN);
    if (declared > max) return reject(new HttpRefusal(413, `The file is larger than ${max} bytes`));
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.pause();
        reject(new HttpRefusal(413, `The file is larger than ${max} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function refuse(services: AppServices, res: Response, error: unknown): void {
  if (res.headersSent) return;
  if (error instanceof HttpRefusal) res.status(error.status).json({ error: error.message });
  else if (error instanceof UserInputProblem) res.status(409).json({ error: error.message });
  else if (codeOf(error) === 'UNAUTHENTICATED') res.status(401).json({ error: (error as Error).message });
  else if (codeOf(error) === 'NOT_FOUND') res.status(404).json({ error: (error as Error).message });
  else {
    services.log.error({ err: error }, 'compliance file request failed');
    res.status(500).json({ error: 'Something went wrong on our side; it has been logged' });
  }
}

/**
 * Evidence files and auditor exports over plain HTTP beside /graphql, with the same credentials
 * (Authorization: Bearer or x-api-key) and the same rules as the GraphQL fields:
 * PUT /compliance/files/evidence/<evidence id> (raw body, Content-Type, x-file-name; 10 MiB, listed types;
 * admins and compliance officers), GET the same path (compliance readers), GET /compliance/files/export/<export id>.
 */
export function complianceFilesRouter(services: AppServices): Router {
  const router = express.Router();
  router.put('/compliance/files/evidence/:id', async (req, res) => {
    try {
      const id = idOf(req, 'ComplianceEvidence');
      const contentType = (req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
      if (!EVIDENCE_CONTENT_TYPES.has(contentType)) throw new HttpRefusal(415, `Files of type "${contentType}" are not accepted as evidence`);
      const name = decodeURIComponent(req.header('x-file-name') ?? '').trim();
      if (!name || name.length > 255 || /[\\/\0]/.test(name))
        throw new HttpRefusal(400, 'x-file-name must be the file name (1-255 characters, URL-encoded, no slashes)');
      const ctx = await scopeFor(services, req, res, 'complianceOwners');
      const content = await readCapped(req, EVIDENCE_MAX_BYTES);
      if (!content.length) throw new HttpRefusal(400, 'The file is empty');
      const evidence = await ctx.tx.isolated(() => storeEvidenceFile(ctx, id, { name, contentType, content }));
      await ctx.tx.commit();
      res.status(200).json({ sha256: evidence.sha256, sizeBytes: Number(evidence.sizeBytes) });
    } catch (error) {
      refuse(services, res, error);
    }
  });
  router.get('/compliance/files/evidence/:id', async (req, res) => {
    try {
      const id = idOf(req, 'ComplianceEvidence');
      const ctx = await scopeFor(services, req, res, 'complianceReaders');
      const file = await evidenceFileContent(ctx, id);
      if (!file) throw new HttpRefusal(404, 'No such evidence file');
      await ctx.audit.record({ action: 'compliance_evidence.download', entityType: 'ComplianceEvidence', entityId: id, entityName: file.evidence.title });
      await ctx.tx.commit();
      res.setHeader('content-type', file.evidence.contentType ?? 'application/octet-stream');
      res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.evidence.fileName ?? 'evidence')}`);
      res.setHeader('x-content-sha256', file.evidence.sha256 ?? '');
      res.setHeader('cache-control', 'private, no-store');
      res.setHeader('x-content-type-options', 'nosniff');
      res.end(file.content);
    } catch (error) {
      refuse(services, res, error);
    }
  });
  router.get('/compliance/files/export/:id', async (req, res) => {
    try {
      const id = idOf(req, 'ComplianceExport');
      const ctx = await scopeFor(services, req, res, 'complianceReaders');
      const found = await exportContent(ctx, id);
      if (!found) throw new HttpRefusal(404, 'No such export, or it is not ready');
      await ctx.audit.record({ action: 'compliance_export.download', entityType: 'ComplianceExport', entityId: id, entityName: found.name });
      await ctx.tx.commit();
      res.setHeader('content-type', 'application/zip');
      res.setHeader('content-disposition', `attachment; filename="${found.name}"`);
      res.setHeader('cache-control', 'private, no-store');
      res.end(found.content);
    } catch (error) {
      refuse(services, res, error);
    }
  });
  return router;
}
