import express, { type Router } from 'express';
import { createContext, credentialsFrom, exchangeSignal, type AppServices } from '../../context';
import { codeOf } from '../../graphql/errors';
import { parseGlobalId } from '../../graphql/global-id';
import { takePersonalDataExport } from './personal-data-export.service';

/** GET /personal-data/export/<export id>: the zip, once, for whoever asked for it (same credentials as /graphql). */
export function personalDataRouter(services: AppServices): Router {
  const router = express.Router();
  router.get('/personal-data/export/:id', async (req, res) => {
    try {
      const parsed = parseGlobalId(String(req.params.id));
      if (!parsed || parsed.type !== 'PersonalDataExport') return void res.status(404).json({ error: 'No such export' });
      const ctx = await createContext(services, {
        credentials: await credentialsFrom(req.headers, services.tokens),
        owner: exchangeSignal(res),
        requestId: res.locals.requestId as string,
        ip: req.ip ?? null,
        userAgent: req.header('user-agent')?.slice(0, 500) ?? null,
      });
      if (!ctx.caller.userId || !ctx.caller.tenantId) return void res.status(401).json({ error: 'Sign in to continue' });
      const found = await takePersonalDataExport(ctx, parsed.id);
      if (!found) return void res.status(404).json({ error: 'No such export of yours, not ready, or already downloaded' });
      await ctx.tx.commit();
      res.setHeader('content-type', 'application/zip');
      res.setHeader('content-disposition', `attachment; filename="${found.name}"`);
      res.setHeader('cache-control', 'private, no-store');
      res.end(found.content);
    } catch (error) {
      if (res.headersSent) return;
      if (codeOf(error) === 'UNAUTHENTICATED') res.status(401).json({ error: (error as Error).message });
      else {
        services.log.error({ err: error }, 'personal data export download failed');
        res.status(500).json({ error: 'Something went wrong on our side; it has been logged' });
      }
    }
  });
  return router;
}
