import express, { type Request, type Response, Router } from 'express';
import { inRoleGroup } from '../../auth/role-groups';
import { createContext, credentialsFrom, exchangeSignal, type AppServices } from '../../context';
import { codeOf } from '../../graphql/errors';
import { parseGlobalId, toGlobalId } from '../../graphql/global-id';

const PAGE = 500;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

interface Row {
  tenant_id: string;
  slug: string;
  name: string;
  month: string;
  plan: string | null;
  billing_cycle: string | null;
  price_cents: number | null;
  events: string;
  api_requests: string;
}

function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\n\r]/.test(text) || /^[=+\-@]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const COLUMNS = ['tenantId', 'tenantSlug', 'tenantName', 'month', 'plan', 'billingCycle', 'price', 'events', 'apiRequests'] as const;

function record(row: Row) {
  return {
    tenantId: toGlobalId('Tenant', row.tenant_id),
    tenantSlug: row.slug,
    tenantName: row.name,
    month: row.month,
    plan: row.plan,
    billingCycle: row.billing_cycle,
    price: row.price_cents === null ? null : (row.price_cents / 100).toFixed(2),
    events: Number(row.events),
    apiRequests: Number(row.api_requests),
  };
}

/**
 * GET /usage/export?format=csv|json&from=YYYY-MM&to=YYYY-MM[&tenant=<Tenant id>]: metered use per tenant and calendar
 * month (UTC) with the plan in force at the month's end (the first one, for use recorded before it), for a billing system. Tenant admins get their own tenant;
 * platform admins any one tenant, or every tenant without `tenant`. Written as it is read, 500 rows a statement, in
 * the request's transaction (one snapshot), and audited (in the platform's trail too for a platform admin).
 */
export function usageExportRouter(services: AppServices): Router {
  const router = express.Router();
  router.get('/usage/export', async (req: Request, res: Response) => {
    try {
      const format = String(req.query.format ?? 'csv');
      if (format !== 'csv' && format !== 'json') return void res.status(400).json({ error: 'format must be csv or json' });
      const now = new Date();
      const thisMonth = now.toISOString().slice(0, 7);
      const yearAgo = new Date(Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth() + 1, 1)).toISOString().slice(0, 7);
      const from = String(req.query.from ?? yearAgo);
      const to = String(req.query.to ?? thisMonth);
      if (!MONTH.test(from) || !MONTH.test(to) || from > to)
        return void res.status(400).json({ error: 'from and to must be months (YYYY-MM), from not after to' });
      const ctx = await createContext(services, {
        credentials: await credentialsFrom(req.headers, services.tokens),
        owner: exchangeSignal(res),
        requestId: res.locals.requestId as string,
        ip: req.ip ?? null,
        userAgent: req.header('user-agent')?.slice(0, 500) ?? null,
      });
      const platform = ctx.caller.platformAdmin && !ctx.caller.apiKeyId;
      let tenantId: string | null;
      if (platform) {
        const given = req.query.tenant ? parseGlobalId(String(req.query.tenant)) : null;
        if (req.query.tenant && (!given || given.type !== 'Tenant')) return void res.status(404).json({ error: 'No such Tenant' });
        tenantId = given?.id ?? null;
      } else if (ctx.caller.tenantId && inRoleGroup('admins', ctx.caller)) {
        tenantId = ctx.caller.tenantId;
      } else {
        return void res.status(ctx.caller.userId || ctx.caller.apiKeyId ? 403 : 401).json({ error: 'Only admins export usage' });
      }
      const draft = {
        action: 'tenant.usage.export',
        entityType: 'Tenant',
        entityId: tenantId,
        after: { format, from, to, tenants: tenantId ? 1 : 'all' },
      };
      await ctx.audit.record({ ...draft, tenantId: tenantId ?? ctx.caller.tenantId });
      if (platform && tenantId) await ctx.audit.record({ ...draft, tenantId: null });
      const name = `steward-usage-${from}-to-${to}.${format}`;
      res.setHeader('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
      res.setHeader('content-disposition', `attachment; filename="${name}"`);
      res.setHeader('cache-control', 'private, no-store');
      res.setHeader('x-content-type-options', 'nosniff');
      res.write(format === 'csv' ? `${COLUMNS.join(',')}\n` : '[');
      let after: [string, string] | null = null;
      let first = true;
      for (;;) {
        const rows: Row[] = await ctx.tx.manager.query(
          `SELECT u.tenant_id, t.slug, t.name, u.month, s.plan, s.billing_cycle, s.price_cents, u.events, u.api_requests
           FROM (SELECT tenant_id, to_char(date_trunc('month', day), 'YYYY-MM') AS month, sum(events) AS events, sum(api_requests) AS api_requests
                 FROM tenant_usage_days
                 WHERE day >= to_date($1, 'YYYY-MM') AND day < to_date($2, 'YYYY-MM') + interval '1 month' AND ($3::uuid IS NULL OR tenant_id = $3)
                 GROUP BY 1, 2) u
           JOIN tenants t ON t.id = u.tenant_id
           LEFT JOIN LATERAL (SELECT plan, billing_cycle, price_cents FROM subscriptions s
                              WHERE s.tenant_id = u.tenant_id
                              ORDER BY s.started_at < to_date(u.month, 'YYYY-MM') + interval '1 month' DESC,
                                       CASE WHEN s.started_at < to_date(u.month, 'YYYY-MM') + interval '1 month' THEN s.started_at END DESC NULLS LAST,
                                       s.started_at
                              LIMIT 1) s ON true
           WHERE $4::text IS NULL OR (t.slug, u.month) > ($4, $5)
           ORDER BY t.slug, u.month LIMIT ${PAGE}`,
          [from, to, tenantId, after?.[0] ?? null, after?.[1] ?? null],
        );
        for (const row of rows) {
          const r = record(row);
          if (format === 'csv') res.write(`${COLUMNS.map((c) => csvCell(r[c])).join(',')}\n`);
          else res.write(`${first ? '' : ','}\n${JSON.stringify(r)}`);
          first = false;
        }
        if (rows.length < PAGE) break;
        after = [rows[rows.length - 1].slug, rows[rows.length - 1].month];
      }
      await ctx.tx.commit();
      res.end(format === 'csv' ? '' : first ? ']' : '\n]\n');
    } catch (error) {
      if (res.headersSent) {
        services.log.error({ err: error }, 'usage export failed while streaming');
        res.destroy();
        return;
      }
      const code = codeOf(error);
      if (code === 'UNAUTHENTICATED') res.status(401).json({ error: (error as Error).message });
      else {
        services.log.error({ err: error }, 'usage export failed');
        res.status(500).json({ error: 'Something went wrong on our side; it has been logged' });
      }
    }
  });
  return router;
}
