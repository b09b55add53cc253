import type { EntityManager } from 'typeorm';
import { stableUuid } from './deterministic';

const models = [
  { key: 'sonnet', tier: 'sonnet', name: 'Claude Sonnet', provider: 'anthropic', version: '4.5', type: 'llm', status: 'deployed', metrics: { accuracy: 0.94, p95LatencyMs: 1800 } },
  { key: 'opus', tier: 'opus', name: 'Claude Opus', provider: 'anthropic', version: '4.1', type: 'llm', status: 'deployed', metrics: { accuracy: 0.96, p95LatencyMs: 4200 } },
  { key: 'haiku', tier: 'haiku', name: 'Claude Haiku', provider: 'anthropic', version: '4.5', type: 'llm', status: 'deployed', metrics: { accuracy: 0.89, p95LatencyMs: 600 } },
  { key: 'gpt', tier: 'sonnet', name: 'GPT-4o', provider: 'openai', version: '2024-11-20', type: 'llm', status: 'deployed', metrics: { accuracy: 0.92, p95LatencyMs: 1500 } },
  { key: 'embed', tier: null, name: 'text-embedding-3-large', provider: 'openai', version: '3', type: 'embedding', status: 'deployed', metrics: {} },
  { key: 'llama', tier: 'haiku', name: 'Llama fine-tune (support)', provider: 'internal', version: '0.3', type: 'llm', status: 'training', metrics: { accuracy: 0.81 } },
];

const agents = [
  { name: 'Release Notes Writer', role: 'pm', model: 'sonnet', tier: 'sonnet', thinking: 'low', status: 'deployed', state: 'active', cost: '0.0180', requests: 48210, tags: ['docs', 'product'], capabilities: ['summarise pull requests', 'draft release notes'] },
  { name: 'Incident Triage', role: 'operations', model: 'opus', tier: 'opus', thinking: 'high', status: 'deployed', state: 'active', cost: '0.0720', requests: 9120, tags: ['sre', 'production'], capabilities: ['read alerts', 'page on-call'] },
  { name: 'Code Reviewer', role: 'engineering', model: 'sonnet', tier: 'sonnet', thinking: 'low', status: 'deployed', state: 'idle', cost: '0.0240', requests: 130450, tags: ['engineering', 'ci'], capabilities: ['comment on pull requests'] },
  { name: 'Support Summariser', role: 'operations', model: 'haiku', tier: 'haiku', thinking: 'off', status: 'deployed', state: 'active', cost: '0.0021', requests: 512300, tags: ['support', 'pii'], capabilities: ['summarise tickets'] },
  { name: 'Roadmap Planner', role: 'pm', model: 'gpt', tier: 'sonnet', thinking: 'low', status: 'suspended', state: 'paused', cost: '0.0150', requests: 2210, tags: ['product'], capabilities: ['draft roadmaps'] },
  { name: 'Terraform Drafter', role: 'engineering', model: 'opus', tier: 'opus', thinking: 'high', status: 'draft', state: 'provisioning', cost: '0.0650', requests: 0, tags: ['infrastructure'], capabilities: ['write terraform'] },
  { name: 'Legacy FAQ Bot', role: 'custom', model: 'haiku', tier: 'haiku', thinking: 'off', status: 'archived', state: 'paused', cost: '0.0010', requests: 88000, tags: ['support'], capabilities: ['answer FAQs'] },
  { name: 'Data Quality Checker', role: 'engineering', model: null, tier: 'haiku', thinking: 'off', status: 'draft', state: 'provisioning', cost: '0.0030', requests: 0, tags: ['data'], capabilities: ['profile tables'] },
];

/** Models and agents for a demo tenant, with a lifecycle event for each agent that left draft. */
export async function seedAgents(manager: EntityManager, slug: string, tenantId: string, creatorId: string, count = agents.length): Promise<void> {
  for (const m of models) {
    await manager.query(
      `INSERT INTO ai_models (id, tenant_id, name, provider, version, type, tier, status, performance_metrics, configuration, created_by_id)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
      [stableUuid(`model:${slug}:${m.key}`), tenantId, m.name, m.provider, m.version, m.type, m.tier, m.status, m.metrics, { temperature: 0.2, region: 'eu-west-1' }, creatorId]);
  }
  for (const [index, a] of agents.slice(0, count).entries()) {
    const id = stableUuid(`agent:${slug}:${a.name}`);
    await manager.query(
      `INSERT INTO agents (id, tenant_id, name, description, role, model_id, model_tier, thinking_mode, status, runtime_state, cost_per_request,
         total_requests, configuration, tool_policy, tags, capabilities, limitations, compliance_status, deployed_at, last_active_at, created_by_id, created_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,'compliant',$18,$19,$20, now() - make_interval(days => $21))`,
      [id, tenantId, a.name, `${a.name} for ${slug}`, a.role, a.model ? stableUuid(`model:${slug}:${a.model}`) : null, a.tier, a.thinking, a.status, a.state,
        a.cost, a.requests, { maxTokens: 4096, systemPrompt: `You are the ${a.name}.` }, { allow: ['search', 'read_repo'], deny: ['shell'] },
        a.tags, a.capabilities, ['no production writes'], a.status === 'draft' ? null : new Date(Date.now() - (30 - index) * 86400_000),
        a.status === 'deployed' ? new Date(Date.now() - index * 3600_000) : null, creatorId, 40 - index]);
    if (a.status !== 'draft') {
      await manager.query(
        `INSERT INTO agent_activities (tenant_id, agent_id, type, summary, details, actor_user_id, occurred_at)
         VALUES ($1, $2, 'lifecycle', 'draft → deployed', '{"action":"deploy"}', $3, now() - make_interval(days => $4))`,
        [tenantId, id, creatorId, 30 - index]);
    }
  }
}
