import type { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from '../../auth/passwords';
import { Role } from '../../auth/roles';
import { sha256Hex } from '../../auth/secrets';
import { type AgentPeople, seedAgents } from './demo-agents';
import { seedPolicies } from './demo-policies';
import { seedCosts } from './demo-costs';
import { seedSkills } from './demo-skills';
import { stableApiKey, stableUuid } from './deterministic';
import { seedContext } from './seed-context';

export const DEMO_PASSWORD = 'steward-demo-2026';

interface DemoTenant { slug: string; name: string; plan: string; status: string; members: [email: string, role: Role][]; apiKeys: [name: string, role: Role][] }

const people: Record<string, string> = {
  'platform@steward.test': 'Priya Platform',
  'admin@acme.test': 'Ada Admin',
  'dev@acme.test': 'Dev Dhillon',
  'compliance@acme.test': 'Cora Compliance',
  'analyst@acme.test': 'Ana Analyst',
  'auditor@acme.test': 'Otto Auditor',
  'viewer@acme.test': 'Vic Viewer',
  'admin@globex.test': 'Gina Globex',
  'dev@globex.test': 'Gus Developer',
  'viewer@globex.test': 'Greta Viewer',
  'admin@initech.test': 'Ian Initech',
  'analyst@initech.test': 'Ivy Analyst',
  'admin@umbrella.test': 'Uma Umbrella',
  'consultant@steward.test': 'Casey Consultant',
};

export const demoTenants: DemoTenant[] = [
  {
    slug: 'acme', name: 'Acme Corporation', plan: 'enterprise', status: 'active',
    members: [['admin@acme.test', Role.admin], ['dev@acme.test', Role.developer], ['compliance@acme.test', Role.compliance_officer],
      ['analyst@acme.test', Role.analyst], ['auditor@acme.test', Role.auditor], ['viewer@acme.test', Role.viewer], ['consultant@steward.test', Role.developer]],
    apiKeys: [['Agent runtime', Role.developer], ['CI pipeline', Role.developer], ['Billing feed', Role.analyst]],
  },
  {
    slug: 'globex', name: 'Globex Industries', plan: 'growth', status: 'active',
    members: [['admin@globex.test', Role.admin], ['dev@globex.test', Role.developer], ['viewer@globex.test', Role.viewer], ['consultant@steward.test', Role.analyst]],
    apiKeys: [['Agent runtime', Role.developer]],
  },
  {
    slug: 'initech', name: 'Initech', plan: 'starter', status: 'active',
    members: [['admin@initech.test', Role.admin], ['analyst@initech.test', Role.analyst]],
    apiKeys: [['Reporting', Role.analyst]],
  },
  {
    slug: 'umbrella', name: 'Umbrella Labs', plan: 'growth', status: 'suspended',
    members: [['admin@umbrella.test', Role.admin]],
    apiKeys: [['Agent runtime', Role.developer]],
  },
];

export function demoApiKeySecret(slug: string, name: string): string {
  return stableApiKey(`${slug}:${name}`);
}

async function seedPeople(manager: EntityManager, passwordHash: string): Promise<void> {
  for (const [email, fullName] of Object.entries(people)) {
    await manager.query(
      `INSERT INTO users (id, email, full_name, password_hash, email_verified, is_platform_admin)
       VALUES ($1, $2, $3, $4, true, $5) ON CONFLICT (id) DO NOTHING`,
      [stableUuid(`user:${email}`), email, fullName, passwordHash, email === 'platform@steward.test']);
  }
}

async function seedTenant(manager: EntityManager, tenant: DemoTenant): Promise<void> {
  const tenantId = stableUuid(`tenant:${tenant.slug}`);
  const created: unknown[] = await manager.query(
    `INSERT INTO tenants (id, name, slug, plan, status, resource_limits) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [tenantId, tenant.name, tenant.slug, tenant.plan, tenant.status, { maxAgents: tenant.plan === 'starter' ? 25 : null, maxMembers: null, maxApiKeys: 50 }]);
  if (!created.length) return;
  await manager.query(
    `INSERT INTO audit_entries (tenant_id, actor_type, actor_label, action, entity_type, entity_id, entity_name, after, outcome, prev_hash, hash)
     VALUES ($1, 'system', 'demo seed', 'tenant.create', 'Tenant', $1, $2, $3, 'success', '', '')`,
    [tenantId, tenant.name, { slug: tenant.slug, plan: tenant.plan, status: tenant.status }]);
  for (const [index, [email, role]] of tenant.members.entries()) {
    await manager.query(
      `INSERT INTO memberships (id, tenant_id, user_id, role, created_at) VALUES ($1, $2, $3, $4, now() - make_interval(mins => $5))`,
      [stableUuid(`membership:${tenant.slug}:${email}`), tenantId, stableUuid(`user:${email}`), role, 100 - index]);
  }
  if (tenant.slug !== 'umbrella') await seedAgents(manager, tenant.slug, tenantId, await agentPeople(manager, tenant, tenantId), tenant.slug === 'acme' ? undefined : 4);
  if (tenant.slug === 'acme' || tenant.slug === 'globex') await seedPolicies(manager, tenant.slug, tenantId, stableUuid(`user:${tenant.members[0][0]}`));
  if (tenant.slug === 'acme' || tenant.slug === 'globex') await seedCosts(manager, tenant.slug, tenantId, stableUuid(`user:${tenant.members[0][0]}`));
  await seedSkills(manager, tenant.slug, tenantId, stableUuid(`user:${tenant.members[0][0]}`));
  for (const [name, role] of tenant.apiKeys) {
    const secret = demoApiKeySecret(tenant.slug, name);
    await manager.query(
      `INSERT INTO api_keys (id, tenant_id, name, role, prefix, key_hash, created_by_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [stableUuid(`api-key:${tenant.slug}:${name}`), tenantId, name, role, secret.slice(0, 12), sha256Hex(secret), stableUuid(`user:${tenant.members[0][0]}`)]);
  }
}

/** The tenant's first developer registers its agents (its admin when it has none); its admin deploys and retires them. */
async function agentPeople(manager: EntityManager, tenant: DemoTenant, tenantId: string): Promise<AgentPeople> {
  const [adminEmail] = tenant.members.find(([, role]) => role === Role.admin)!;
  const [builderEmail, builderRole] = tenant.members.find(([, role]) => role === Role.developer) ?? [adminEmail, Role.admin];
  return {
    builder: await seedContext(manager, tenantId, stableUuid(`user:${builderEmail}`), builderRole),
    admin: await seedContext(manager, tenantId, stableUuid(`user:${adminEmail}`), Role.admin),
  };
}

/** The deterministic demo world: same tenants, people, ids, passwords and API keys on every run. Idempotent. */
export async function seedDemoWorld(dataSource: DataSource): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await dataSource.transaction(async (manager) => {
    await seedPeople(manager, passwordHash);
    for (const tenant of demoTenants) await seedTenant(manager, tenant);
  });
}

export function demoLogins(): { email: string; role: string; tenants: string }[] {
  return Object.keys(people).map((email) => {
    const places = demoTenants.flatMap((t) => t.members.filter(([e]) => e === email).map(([, role]) => `${t.slug}:${role}`));
    return { email, role: email === 'platform@steward.test' ? 'platform_admin' : places.join(', '), tenants: places.join(', ') };
  });
}
