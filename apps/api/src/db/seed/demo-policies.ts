// Judging goes through the policies module, whose types carry decorators that need the metadata API.
import 'reflect-metadata';
import type { TenantScope } from '../../scope';
import {
  agentBatch,
  PolicyEnforcement,
  PolicyRule,
  PolicyScopeKind,
  PolicySeverity,
  PolicyType,
  reevaluateAgents,
  type StoredScope,
} from '../../modules/policies';
import { stableUuid } from './deterministic';

interface DemoPolicy {
  key: string;
  name: string;
  description: string;
  type: PolicyType;
  category: string;
  severity: PolicySeverity;
  enforcement: PolicyEnforcement;
  rules: PolicyRule[];
  scope: { kind: PolicyScopeKind; tags?: string[]; agents?: string[] };
}

// The architecture policies come first, so they are the oldest: the newest policies stay those the agent pages show first.
const policies: DemoPolicy[] = [
  {
    key: 'production-monitoring',
    name: 'Production needs monitoring',
    description: 'Nothing goes live without someone watching it: drafts may lack monitoring, activation and saves of active designs may not.',
    type: PolicyType.ARCHITECTURE,
    category: 'reliability',
    severity: PolicySeverity.HIGH,
    enforcement: PolicyEnforcement.BLOCK,
    scope: { kind: PolicyScopeKind.ALL },
    rules: [
      {
        name: 'Monitoring in production',
        condition: 'architecture.environment == "production" && architecture.status == "active" && !architecture.components.monitoring',
        message: 'A production architecture must include monitoring before it goes live',
      },
    ],
  },
  {
    key: 'no-public-storage',
    name: 'No public object storage',
    description: 'Buckets stay private; public content goes through a CDN that is reviewed separately.',
    type: PolicyType.ARCHITECTURE,
    category: 'security',
    severity: PolicySeverity.CRITICAL,
    enforcement: PolicyEnforcement.WARN,
    scope: { kind: PolicyScopeKind.ALL },
    rules: [
      {
        name: 'Private buckets',
        condition: 'architecture.services.exists(s, s.kind == "object_storage" && has(s.properties.publicAccess) && s.properties.publicAccess == true)',
        message: 'Object storage must not allow public access',
      },
    ],
  },
  {
    key: 'architecture-cost',
    name: 'Architecture estimate under $5,000',
    description: 'Designs estimated above $5,000 a month are reviewed by finance.',
    type: PolicyType.ARCHITECTURE,
    category: 'cost',
    severity: PolicySeverity.MEDIUM,
    enforcement: PolicyEnforcement.AUDIT,
    scope: { kind: PolicyScopeKind.ALL },
    rules: [{ name: 'Estimate under limit', condition: 'architecture.estimatedCost > 5000.0', message: 'The monthly estimate is above $5,000' }],
  },
  {
    key: 'multi-cloud-approval',
    name: 'Multi-cloud designs need approval',
    description: 'A design that spans clouds goes live, and changes while live, only once a compliance officer or an admin has reviewed it.',
    type: PolicyType.ARCHITECTURE,
    category: 'governance',
    severity: PolicySeverity.HIGH,
    enforcement: PolicyEnforcement.REQUIRE_APPROVAL,
    scope: { kind: PolicyScopeKind.ALL },
    rules: [
      {
        name: 'Multi-cloud review',
        condition: 'architecture.cloudProvider == "multi-cloud" && architecture.status == "active"',
        message: 'A multi-cloud design needs the approval of a compliance officer or an admin before it goes live or changes while live',
      },
    ],
  },
  {
    key: 'opus-cost',
    name: 'Opus cost ceiling',
    description: 'Opus is for work that pays for it: keep its unit cost bounded.',
    type: PolicyType.AGENT,
    category: 'cost',
    severity: PolicySeverity.HIGH,
    enforcement: PolicyEnforcement.BLOCK,
    scope: { kind: PolicyScopeKind.ALL },
    rules: [
      {
        name: 'Opus under $0.10 per request',
        condition: 'agent.modelTier == "opus" && agent.costPerRequest > 0.10',
        message: 'An Opus agent may cost at most $0.10 per request',
      },
    ],
  },
  {
    key: 'pii-thinking',
    name: 'PII agents keep high thinking off',
    description: 'Long reasoning traces can retain personal data.',
    type: PolicyType.DATA,
    category: 'privacy',
    severity: PolicySeverity.CRITICAL,
    enforcement: PolicyEnforcement.BLOCK,
    scope: { kind: PolicyScopeKind.TAGS, tags: ['pii'] },
    rules: [{ name: 'No high thinking', condition: 'agent.thinkingMode == "high"', message: 'An agent handling PII must not use high thinking mode' }],
  },
  {
    key: 'production-model',
    name: 'Production needs a deployed model',
    description: 'What runs in production runs on a model that is deployed in the registry.',
    type: PolicyType.AGENT,
    category: 'reliability',
    severity: PolicySeverity.HIGH,
    enforcement: PolicyEnforcement.WARN,
    scope: { kind: PolicyScopeKind.TAGS, tags: ['production'] },
    rules: [
      {
        name: 'Deployed model',
        condition: 'agent.model == null || agent.model.status != "deployed"',
        message: 'An agent tagged production should run on a deployed model',
      },
    ],
  },
  {
    key: 'no-shell',
    name: 'No shell access',
    description: 'Agents never get a shell; tools are granted one by one.',
    type: PolicyType.SECURITY,
    category: 'tools',
    severity: PolicySeverity.CRITICAL,
    enforcement: PolicyEnforcement.WARN,
    scope: { kind: PolicyScopeKind.ALL },
    rules: [
      {
        name: 'Shell not allowed',
        condition: 'has(agent.toolPolicy.allow) && "shell" in agent.toolPolicy.allow',
        message: 'The tool policy must not allow the shell',
      },
    ],
  },
  {
    key: 'opus-thinking',
    name: 'Opus with high thinking is reviewed',
    description: 'The most expensive combination is allowed, but finance reviews it.',
    type: PolicyType.AGENT,
    category: 'cost',
    severity: PolicySeverity.MEDIUM,
    enforcement: PolicyEnforcement.AUDIT,
    scope: { kind: PolicyScopeKind.ALL },
    rules: [
      {
        name: 'Opus with high thinking',
        condition: 'agent.modelTier == "opus" && agent.thinkingMode == "high"',
        message: 'Opus with high thinking is expensive: review whether the agent needs it',
      },
    ],
  },
  {
    key: 'reviewer-limits',
    name: 'Code Reviewer declares its limits',
    description: 'The code reviewer states what it must not do.',
    type: PolicyType.AGENT,
    category: 'transparency',
    severity: PolicySeverity.LOW,
    enforcement: PolicyEnforcement.AUDIT,
    scope: { kind: PolicyScopeKind.AGENTS, agents: ['Code Reviewer'] },
    rules: [{ name: 'Limitations declared', condition: 'size(agent.limitations) == 0', message: 'The agent must declare its limitations' }],
  },
];

const perTenant: Record<string, string[]> = {
  acme: policies.map((p) => p.key),
  globex: ['opus-cost', 'opus-thinking', 'production-monitoring'],
};

/**
 * Demo policies, judged against the tenant's agents through the same code as an on-demand
 * re-evaluation, so the seeded compliance statuses and violations follow from them.
 */
export async function seedPolicies(ctx: TenantScope, slug: string): Promise<void> {
  const manager = ctx.tx.manager;
  const tenantId = ctx.caller.tenantId;
  const creatorId = ctx.caller.userId;
  for (const [index, p] of policies.filter((d) => perTenant[slug]?.includes(d.key)).entries()) {
    const id = stableUuid(`policy:${slug}:${p.key}`);
    const scope: StoredScope = {
      kind: p.scope.kind,
      tags: p.scope.tags ?? [],
      agentIds: (p.scope.agents ?? []).map((name) => stableUuid(`agent:${slug}:${name}`)),
    };
    await manager.query(
      `INSERT INTO policies (id, tenant_id, name, description, type, category, severity, enforcement, rules, scope_kind, scope_tags, created_by_id, created_at, updated_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12, now() - make_interval(days => $13), now() - make_interval(days => $13))`,
      [
        id,
        tenantId,
        p.name,
        p.description,
        p.type,
        p.category,
        p.severity,
        p.enforcement,
        JSON.stringify(p.rules),
        scope.kind,
        scope.tags,
        creatorId,
        20 - index,
      ],
    );
    await manager.query(
      `INSERT INTO policy_versions (tenant_id, policy_id, version, name, description, type, category, severity, enforcement, rules, scope, created_by_id, created_at)
       SELECT tenant_id, id, 1, name, description, type, category, severity, enforcement, rules, $2, created_by_id, created_at FROM policies WHERE id = $1`,
      [id, scope],
    );
    if (scope.agentIds.length)
      await manager.query(`INSERT INTO policy_agents (tenant_id, policy_id, agent_id) SELECT $1, $2, unnest($3::uuid[])`, [tenantId, id, scope.agentIds]);
    // Architecture policies judge designs when they are saved, not agents.
    if (p.type === PolicyType.ARCHITECTURE) continue;
    const { agents, models } = await agentBatch(ctx, scope, null, 1000);
    await reevaluateAgents(ctx, { id, name: p.name, version: 1, severity: p.severity, enforcement: p.enforcement, rules: p.rules }, agents, models, null);
  }
}
