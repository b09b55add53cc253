import type { EntityManager } from 'typeorm';
import { insertCrossedAlerts } from '../../modules/budgets';
import { stableUuid } from './deterministic';

/**
 * Cost lines per agent and day: (line, provider, service, category, unit, region, base amount, how
 * many days in 4 it appears). The AI line's provider follows the agent's model.
 */
const LINES = `(VALUES
  (1, NULL, NULL, 'ai', 'requests', 'us-east-1', 30.0, 4),
  (2, 'aws', 'EC2', 'compute', 'vCPU-hours', 'eu-west-1', 8.0, 4),
  (3, 'gcp', 'Cloud Storage', 'storage', 'GB-months', 'europe-west1', 2.0, 3),
  (4, 'azure', 'Bandwidth', 'network', 'GB', 'westeurope', 1.5, 2))`;

/**
 * 90 days of costs for a demo tenant's agents that have left draft, in one statement. Amounts come
 * from a hash of the agent, day and line (never Math.random), growing slowly towards today, so the
 * same demo world comes back on every run relative to its date.
 */
export async function seedCosts(manager: EntityManager, slug: string, tenantId: string, creatorId: string): Promise<void> {
  await manager.query(
    `WITH lines (n, provider, service, category, unit, region, base, days_in_4) AS ${LINES},
     rows AS (
       SELECT a.id AS agent_id, a.tags, a.role, m.provider AS model_provider, ago, l.*,
              ('x' || substr(md5(a.name || ':' || ago || ':' || l.n), 1, 8))::bit(32)::bigint AS h
       FROM agents a LEFT JOIN ai_models m ON m.id = a.model_id, generate_series(0, 89) AS ago, lines l
       WHERE a.tenant_id = $1 AND a.status <> 'draft')
     INSERT INTO cost_entries (tenant_id, idempotency_key, agent_id, architecture, architecture_id, incurred_on, amount, currency, provider, service, region,
                               category, quantity, unit, tags, recorded_by_user_id, recorded_at)
     SELECT $1, 'demo:' || agent_id || ':' || ago || ':' || n, agent_id, arch.name, arch.id,
            current_date - ago,
            round(base * (0.5 + (h % 1000) / 1000.0) * (1 + (89 - ago) / 180.0), 2), 'USD',
            coalesce(provider, CASE WHEN model_provider = 'openai' THEN 'openai' ELSE 'anthropic' END),
            coalesce(service, CASE WHEN model_provider = 'openai' THEN 'Chat Completions' ELSE 'Messages API' END),
            region, category, CASE WHEN unit = 'requests' THEN 200 + h % 800 ELSE round((h % 5000) / 100.0, 2) END, unit, tags,
            $2, now() - make_interval(days => ago)
     FROM rows
     -- The free-text name as ingestion records it, and the architecture of that name when there is one.
     CROSS JOIN LATERAL (SELECT CASE role WHEN 'engineering' THEN 'ci-review-pipeline' WHEN 'operations' THEN 'ops-assistants' ELSE 'product-copilots' END AS name) n
     LEFT JOIN LATERAL (SELECT n.name, (SELECT r.id FROM architectures r WHERE r.tenant_id = $1 AND lower(r.name) = n.name) AS id) arch ON true
     WHERE (h / 7) % 4 < days_in_4`,
    [tenantId, creatorId],
  );
  await seedBudgets(manager, slug, tenantId, creatorId);
}

/** A tenant-wide budget, an AI budget, and (in acme) a blocking agent budget; alerts as the checks would have raised them. */
async function seedBudgets(manager: EntityManager, slug: string, tenantId: string, creatorId: string): Promise<void> {
  const budgets: [name: string, scope: string, target: Record<string, string>, amount: string, enforcement: string][] = [
    ['Monthly cloud and AI spend', 'tenant', {}, slug === 'acme' ? '10000' : '7000', 'notify'],
    ['Quarterly AI', 'category', { category: 'ai' }, slug === 'acme' ? '22000' : '15000', 'notify'],
  ];
  if (slug === 'acme') budgets.push(['Incident Triage cap', 'agent', { agent: stableUuid('agent:acme:Incident Triage') }, '5000', 'block']);
  for (const [name, scope, target, amount, enforcement] of budgets) {
    await manager.query(
      `INSERT INTO budgets (id, tenant_id, name, scope, agent_id, category, period, amount, enforcement, created_by_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now() - interval '60 days')`,
      [
        stableUuid(`budget:${slug}:${name}`),
        tenantId,
        name,
        scope,
        target.agent ?? null,
        target.category ?? null,
        name.startsWith('Quarterly') ? 'quarterly' : 'monthly',
        amount,
        enforcement,
        creatorId,
      ],
    );
  }
  const lastMonthEnd: { day: string }[] = await manager.query(`SELECT (date_trunc('month', current_date) - interval '1 day')::date::text AS day`);
  await insertCrossedAlerts(manager, tenantId, lastMonthEnd[0].day);
  await manager.query(
    `UPDATE alerts SET status = 'resolved', resolved_at = now(), note = 'The budget period ended' WHERE tenant_id = $1 AND period_end < current_date`,
    [tenantId],
  );
  await insertCrossedAlerts(manager, tenantId, (await manager.query(`SELECT current_date::text AS day`))[0].day);
}
