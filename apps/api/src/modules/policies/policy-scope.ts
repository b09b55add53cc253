import { Agent } from '../agents';
import type { AiModel } from '../ai-models';
import type { TenantScope } from '../../scope';
import type { StoredScope } from './policy-version.entity';

/** The policy columns under their entity property names, for raw SQL that returns policies. */
export const POLICY_COLUMNS = `p.id AS uuid, p.tenant_id AS "tenantId", p.name, p.description, p.type, p.category, p.severity, p.enforcement,
  p.rules, p.scope_kind AS "scopeKind", p.scope_tags AS "scopeTags", p.active, p.version,
  p.created_by_id AS "createdById", p.created_at AS "createdAt", p.updated_at AS "updatedAt"`;

const AGENT_COLUMNS = `a.id AS uuid, a.tenant_id AS "tenantId", a.name, a.description, a.role, a.model_id AS "modelId", a.model_tier AS "modelTier",
  a.thinking_mode AS "thinkingMode", a.status, a.runtime_state AS "runtimeState", a.cost_per_request::text AS "costPerRequest",
  a.total_requests::text AS "totalRequests", a.configuration, a.tool_policy AS "toolPolicy", a.tags, a.capabilities, a.limitations,
  a.compliance_status AS "complianceStatus", a.deployed_at AS "deployedAt", a.last_active_at AS "lastActiveAt", a.created_by_id AS "createdById",
  a.created_at AS "createdAt", a.updated_at AS "updatedAt"`;

/**
 * Whether policy `p` covers the agent whose id and tags are the SQL expressions given: its scope
 * keys (all agents, or one of the agent's tags; migration 1765200000000) meet the agent's, or the
 * policy lists the agent.
 */
export function coversAgent(agentId: string, tags: string): string {
  return `(p.scope_keys && steward.agent_scope_keys(p.tenant_id, ${tags})
    OR (p.scope_kind = 'agents' AND EXISTS (SELECT 1 FROM policy_agents pa WHERE pa.tenant_id = p.tenant_id AND pa.policy_id = p.id AND pa.agent_id = ${agentId})))`;
}

/**
 * The active policies covering each of the agents `$2` (uuid[]) of tenant `$1`, as rows of
 * `policy_id` and `agents`: the agents' positions in `$2` (1-based), comma-separated. Found through
 * indexes, never by testing each policy against each agent: the page's scope keys (each agent's
 * `<tenant> *` and `<tenant> #<tag>`, see migration 1765200000000) find the policies holding any of
 * them in one pass (through the GIN index policies_scope_keys, or the tenant's active policies read
 * once when the planner finds that cheaper, as it does for a few dozen), matched back to agents by a
 * hash join on the key; listed agents come from policy_agents by agent. Architecture policies judge designs, never agents. Positions instead of ids keep the answer small to send and to parse.
 */
export const COVERING_SQL = `WITH page AS MATERIALIZED (
    SELECT k.n, a.tags FROM unnest($2::uuid[]) WITH ORDINALITY AS k(id, n) JOIN agents a ON a.id = k.id AND a.tenant_id = $1),
  page_keys AS MATERIALIZED (
    SELECT n, $1::text || ' *' AS key FROM page UNION ALL SELECT page.n, $1::text || ' #' || t FROM page CROSS JOIN LATERAL unnest(page.tags) AS t)
  SELECT pairs.policy_id, string_agg(DISTINCT pairs.n::text, ',') AS agents FROM (
    SELECT p.id AS policy_id, page_keys.n FROM policies p CROSS JOIN LATERAL unnest(p.scope_keys) AS pk(key) JOIN page_keys ON page_keys.key = pk.key
    WHERE p.tenant_id = $1 AND p.active AND p.type <> 'architecture' AND p.scope_keys && (SELECT array_agg(key) FROM page_keys)
    UNION ALL
    SELECT pa.policy_id, k.n FROM policy_agents pa JOIN unnest($2::uuid[]) WITH ORDINALITY AS k(id, n) ON k.id = pa.agent_id
      JOIN policies lp ON lp.id = pa.policy_id AND lp.tenant_id = $1 AND lp.active AND lp.type <> 'architecture' AND lp.scope_kind = 'agents'
    WHERE pa.tenant_id = $1 AND pa.agent_id = ANY($2::uuid[])
  ) pairs GROUP BY pairs.policy_id`;

// Archived agents are read-only and no longer judged.
const IN_SCOPE = `a.tenant_id = $1 AND a.status <> 'archived'
  AND ($2 = 'all' OR ($2 = 'tags' AND a.tags && $3::text[]) OR ($2 = 'agents' AND a.id = ANY($4::uuid[])))`;

function scopeParams(ctx: TenantScope, scope: StoredScope): unknown[] {
  return [ctx.caller.tenantId, scope.kind, scope.tags, scope.agentIds];
}

export async function countInScope(ctx: TenantScope, scope: StoredScope): Promise<number> {
  const [row]: { n: number }[] = await ctx.tx.manager.query(`SELECT count(*)::int AS n FROM agents a WHERE ${IN_SCOPE}`, scopeParams(ctx, scope));
  return row.n;
}

/**
 * One keyset batch of the agents in scope, with the models their snapshots need. Plain SQL, so the
 * seed (which has no entity metadata) judges agents through the same code as requests do.
 */
export async function agentBatch(
  ctx: TenantScope,
  scope: StoredScope,
  afterId: string | null,
  size: number,
  lock = false,
): Promise<{ agents: Agent[]; models: Map<string, AiModel> }> {
  // Locking the agents first takes locks in the order an agent change does (the agent, then its violations).
  const rows: Agent[] = await ctx.tx.manager.query(
    `SELECT ${AGENT_COLUMNS} FROM agents a WHERE ${IN_SCOPE} AND ($5::uuid IS NULL OR a.id > $5) ORDER BY a.id LIMIT $6${lock ? ' FOR UPDATE' : ''}`,
    [...scopeParams(ctx, scope), afterId, size],
  );
  const agents = rows.map((row) => Object.assign(new Agent(), row));
  const modelIds = [...new Set(agents.map((a) => a.modelId).filter((id): id is string => id !== null))];
  const models: AiModel[] = modelIds.length
    ? await ctx.tx.manager.query(`SELECT id AS uuid, name, provider, version, type, status FROM ai_models WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [
        ctx.caller.tenantId,
        modelIds,
      ])
    : [];
  return { agents, models: new Map(models.map((m) => [m.uuid, m])) };
}
