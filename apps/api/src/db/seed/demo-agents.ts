// The seed runs the agents service, whose types carry decorator metadata.
import 'reflect-metadata';
import type { TenantScope } from '../../scope';
import { toGlobalId } from '../../graphql/global-id';
import { AgentCreateInput, type AgentPayload, type AgentRole, changeLifecycle, createAgent, type ModelTier, type ThinkingMode } from '../../modules/agents';
import { stableUuid } from './deterministic';

const models = [
  {
    key: 'sonnet',
    tier: 'sonnet',
    name: 'Claude Sonnet',
    provider: 'anthropic',
    version: '4.5',
    type: 'llm',
    status: 'deployed',
    metrics: { accuracy: 0.94, p95LatencyMs: 1800 },
  },
  {
    key: 'opus',
    tier: 'opus',
    name: 'Claude Opus',
    provider: 'anthropic',
    version: '4.1',
    type: 'llm',
    status: 'deployed',
    metrics: { accuracy: 0.96, p95LatencyMs: 4200 },
  },
  {
    key: 'haiku',
    tier: 'haiku',
    name: 'Claude Haiku',
    provider: 'anthropic',
    version: '4.5',
    type: 'llm',
    status: 'deployed',
    metrics: { accuracy: 0.89, p95LatencyMs: 600 },
  },
  {
    key: 'gpt',
    tier: 'sonnet',
    name: 'GPT-4o',
    provider: 'openai',
    version: '2024-11-20',
    type: 'llm',
    status: 'deployed',
    metrics: { accuracy: 0.92, p95LatencyMs: 1500 },
  },
  { key: 'embed', tier: null, name: 'text-embedding-3-large', provider: 'openai', version: '3', type: 'embedding', status: 'deployed', metrics: {} },
  {
    key: 'llama',
    tier: 'haiku',
    name: 'Llama fine-tune (support)',
    provider: 'internal',
    version: '0.3',
    type: 'llm',
    status: 'training',
    metrics: { accuracy: 0.81 },
  },
];

const agents = [
  {
    name: 'Release Notes Writer',
    role: 'pm',
    model: 'sonnet',
    tier: 'sonnet',
    thinking: 'low',
    status: 'deployed',
    state: 'active',
    cost: '0.0180',
    requests: 48210,
    tags: ['docs', 'product'],
    capabilities: ['summarise pull requests', 'draft release notes'],
  },
  {
    name: 'Incident Triage',
    role: 'operations',
    model: 'opus',
    tier: 'opus',
    thinking: 'high',
    status: 'deployed',
    state: 'active',
    cost: '0.0720',
    requests: 9120,
    tags: ['sre', 'production'],
    capabilities: ['read alerts', 'page on-call'],
  },
  {
    name: 'Code Reviewer',
    role: 'engineering',
    model: 'sonnet',
    tier: 'sonnet',
    thinking: 'low',
    status: 'deployed',
    state: 'idle',
    cost: '0.0240',
    requests: 130450,
    tags: ['engineering', 'ci'],
    capabilities: ['comment on pull requests'],
  },
  {
    name: 'Support Summariser',
    role: 'operations',
    model: 'haiku',
    tier: 'haiku',
    thinking: 'off',
    status: 'deployed',
    state: 'active',
    cost: '0.0021',
    requests: 512300,
    tags: ['support', 'pii'],
    capabilities: ['summarise tickets'],
  },
  {
    name: 'Roadmap Planner',
    role: 'pm',
    model: 'gpt',
    tier: 'sonnet',
    thinking: 'low',
    status: 'suspended',
    state: 'paused',
    cost: '0.0150',
    requests: 2210,
    tags: ['product'],
    capabilities: ['draft roadmaps'],
  },
  {
    name: 'Terraform Drafter',
    role: 'engineering',
    model: 'opus',
    tier: 'opus',
    thinking: 'high',
    status: 'draft',
    state: 'provisioning',
    cost: '0.0650',
    requests: 0,
    tags: ['infrastructure'],
    capabilities: ['write terraform'],
  },
  {
    name: 'Legacy FAQ Bot',
    role: 'custom',
    model: 'haiku',
    tier: 'haiku',
    thinking: 'off',
    status: 'archived',
    state: 'paused',
    cost: '0.0010',
    requests: 88000,
    tags: ['support'],
    capabilities: ['answer FAQs'],
  },
  {
    name: 'Data Quality Checker',
    role: 'engineering',
    model: null,
    tier: 'haiku',
    thinking: 'off',
    status: 'draft',
    state: 'provisioning',
    cost: '0.0030',
    requests: 0,
    tags: ['data'],
    capabilities: ['profile tables'],
  },
];

/** Who registers and who runs the tenant's agents (user ids): its first developer (or admin), and its admin. */
export interface AgentPeople {
  builder: string;
  admin: string;
}

/** Runs `work` in a scope of its own, acting for a member of the tenant being seeded. */
export type SeedAs = <T>(userId: string, work: (scope: TenantScope) => Promise<T>) => Promise<T>;

const SUSPEND_REASON = 'Paused while the roadmap process is reviewed';
const ARCHIVE_REASON = 'Replaced by the support knowledge base';

/**
 * Models, then agents registered and moved through their lifecycle by the agents service, so each
 * agent's audit trail and activity feed start the way a real one would. Figures the service does
 * not take (usage, last activity, compliance before any policy) are set on the rows afterwards.
 */
export async function seedAgents(as: SeedAs, slug: string, tenantId: string, people: AgentPeople, count = agents.length): Promise<void> {
  await as(people.admin, async (scope) => {
    for (const m of models) await seedModel(scope, slug, tenantId, m);
  });
  for (const [index, a] of agents.slice(0, count).entries()) {
    const id = stableUuid(`agent:${slug}:${a.name}`);
    const input = Object.assign(new AgentCreateInput(), {
      name: a.name,
      description: `${a.name} for ${slug}`,
      role: a.role as AgentRole,
      modelId: a.model ? toGlobalId('AiModel', stableUuid(`model:${slug}:${a.model}`)) : null,
      modelTier: a.tier as ModelTier,
      thinkingMode: a.thinking as ThinkingMode,
      costPerRequest: a.cost,
      configuration: { maxTokens: 4096, systemPrompt: `You are the ${a.name}.` },
      toolPolicy: { allow: ['search', 'read_repo'], deny: ['shell'] },
      tags: a.tags,
      capabilities: a.capabilities,
      limitations: ['no production writes'],
    });
    // Each step commits before the next actor's scope opens, as two people's requests would.
    await as(people.builder, async (scope) => expectApplied(await createAgent(scope, input, id), a.name));
    await as(people.admin, async (scope) => {
      if (a.status !== 'draft') await expectApplied(await changeLifecycle(scope, id, 'deploy', undefined), a.name);
      if (a.status === 'suspended') await expectApplied(await changeLifecycle(scope, id, 'suspend', SUSPEND_REASON), a.name);
      if (a.status === 'archived') await expectApplied(await changeLifecycle(scope, id, 'archive', ARCHIVE_REASON), a.name);
      await scope.tx.manager.query(
        `UPDATE agents SET runtime_state = $2, total_requests = $3, compliance_status = 'compliant', last_active_at = $4,
           created_at = now() - make_interval(days => $5), deployed_at = CASE WHEN deployed_at IS NULL THEN NULL ELSE now() - make_interval(days => $6) END
         WHERE id = $1`,
        [id, a.state, a.requests, a.status === 'deployed' ? new Date(Date.now() - index * 3600_000) : null, 40 - index, 30 - index],
      );
    });
  }
}

async function seedModel(scope: TenantScope, slug: string, tenantId: string, m: (typeof models)[number]): Promise<void> {
  await scope.tx.manager.query(
    `INSERT INTO ai_models (id, tenant_id, name, provider, version, type, tier, status, performance_metrics, configuration, created_by_id)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
    [
      stableUuid(`model:${slug}:${m.key}`),
      tenantId,
      m.name,
      m.provider,
      m.version,
      m.type,
      m.tier,
      m.status,
      m.metrics,
      { temperature: 0.2, region: 'eu-west-1' },
      scope.caller.userId,
    ],
  );
}

async function expectApplied(payload: AgentPayload, name: string): Promise<void> {
  if (!payload.agent || payload.userErrors.length) throw new Error(`seeding ${name} failed: ${payload.userErrors.map((e) => e.message).join('; ')}`);
}
