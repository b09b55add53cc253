import type { DataSource, EntityManager } from 'typeorm';
import type { EncryptionKeys } from '../../auth/encryption';
import { hashPassword } from '../../auth/passwords';
import { PermissionName } from '../../auth/permissions';
import { Role } from '../../auth/roles';
import { sha256Hex } from '../../auth/secrets';
import { createLogger } from '../../logger';
import { inScope, type AppServices } from '../../scope';
import { type AgentPeople, type SeedAs, seedAgents } from './demo-agents';
import { seedArchitectures } from './demo-architectures';
import { seedPolicies } from './demo-policies';
import { seedCompliance } from './demo-compliance';
import { seedApprovals, seedHeldAgent } from './demo-approvals';
import { seedWorkflows } from './demo-workflows';
import { seedCosts } from './demo-costs';
import { seedSkills } from './demo-skills';
import { seedUsage } from './demo-usage';
import { DEMO_SSO, seedSso } from './demo-sso';
import { seedObservability } from './demo-observability';
import { seedHrRecords } from './demo-hr';
import { stableApiKey, stableUuid } from './deterministic';

export const DEMO_PASSWORD = 'steward-demo-2026';

interface DemoTenant {
  slug: string;
  name: string;
  plan: string;
  status: string;
  members: [email: string, role: Role][];
  apiKeys: [name: string, role: Role][];
  /** The tenant's own roles: name, description, permissions. */
  customRoles?: [name: string, description: string, permissions: PermissionName[]][];
}

const people: Record<string, string> = {
  'platform@steward.test': 'Priya Platform',
  'admin@acme.test': 'Ada Admin',
  'dev@acme.test': 'Dev Dhillon',
  'compliance@acme.test': 'Cora Compliance',
  'compliance2@acme.test': 'Colin Checker',
  'analyst@acme.test': 'Ana Analyst',
  'auditor@acme.test': 'Otto Auditor',
  'viewer@acme.test': 'Vic Viewer',
  'hr@acme.test': 'Hana Hughes',
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
    slug: 'acme',
    name: 'Acme Corporation',
    plan: 'enterprise',
    status: 'active',
    members: [
      ['admin@acme.test', Role.ADMIN],
      ['dev@acme.test', Role.DEVELOPER],
      ['compliance@acme.test', Role.COMPLIANCE_OFFICER],
      ['analyst@acme.test', Role.ANALYST],
      ['auditor@acme.test', Role.AUDITOR],
      ['viewer@acme.test', Role.VIEWER],
      ['consultant@steward.test', Role.DEVELOPER],
      ['compliance2@acme.test', Role.COMPLIANCE_OFFICER],
      ['hr@acme.test', Role.HR_MANAGER],
    ],
    apiKeys: [
      ['Agent runtime', Role.DEVELOPER],
      ['CI pipeline', Role.DEVELOPER],
      ['Billing feed', Role.ANALYST],
    ],
    customRoles: [
      [
        'Agent operator',
        'Runs agents day to day: deploys, suspends and configures them, watches their health and budgets; no money, no compliance',
        [PermissionName.AGENTS_WRITE, PermissionName.VIOLATIONS_READ, PermissionName.BUDGETS_READ],
      ],
      ['HR manager', 'Looks after people: invites members, changes their roles, reads their email addresses', [PermissionName.MEMBERS_MANAGE]],
    ],
  },
  {
    slug: 'globex',
    name: 'Globex Industries',
    plan: 'professional',
    status: 'active',
    members: [
      ['admin@globex.test', Role.ADMIN],
      ['dev@globex.test', Role.DEVELOPER],
      ['viewer@globex.test', Role.VIEWER],
      ['consultant@steward.test', Role.ANALYST],
    ],
    apiKeys: [['Agent runtime', Role.DEVELOPER]],
    customRoles: [['Cost reviewer', 'Reviews and exports spend each month', [PermissionName.COSTS_READ_AMOUNTS, PermissionName.COSTS_EXPORT]]],
  },
  {
    slug: 'initech',
    name: 'Initech',
    plan: 'starter',
    status: 'active',
    members: [
      ['admin@initech.test', Role.ADMIN],
      ['analyst@initech.test', Role.ANALYST],
    ],
    apiKeys: [['Reporting', Role.ANALYST]],
  },
  {
    slug: 'umbrella',
    name: 'Umbrella Labs',
    plan: 'professional',
    status: 'suspended',
    members: [['admin@umbrella.test', Role.ADMIN]],
    apiKeys: [['Agent runtime', Role.DEVELOPER]],
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
      [stableUuid(`user:${email}`), email, fullName, passwordHash, email === 'platform@steward.test'],
    );
  }
}

/** The tenant, its members and API keys, as the database owner: no scope can exist before them. False when it was there already. */
async function seedTenantIdentity(manager: EntityManager, tenant: DemoTenant, keys: EncryptionKeys): Promise<boolean> {
  const tenantId = stableUuid(`tenant:${tenant.slug}`);
  // Active while its content is seeded through scopes, which open only in active tenants; its own status comes last.
  const created: unknown[] = await manager.query(
    `INSERT INTO tenants (id, name, slug, plan, status, resource_limits) VALUES ($1, $2, $3, $4, 'active', $5)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [tenantId, tenant.name, tenant.slug, tenant.plan, {}],
  );
  if (!created.length) return false;
  await manager.query(
    `INSERT INTO audit_entries (tenant_id, actor_type, actor_label, action, entity_type, entity_id, entity_name, after, outcome, prev_hash, hash)
     VALUES ($1, 'system', 'demo seed', 'tenant.create', 'Tenant', $1, $2, $3, 'success', '', '')`,
    [tenantId, tenant.name, { slug: tenant.slug, plan: tenant.plan, status: tenant.status }],
  );
  for (const [index, [email, role]] of tenant.members.entries()) {
    await manager.query(`INSERT INTO memberships (id, tenant_id, user_id, role, created_at) VALUES ($1, $2, $3, $4, now() - make_interval(mins => $5))`, [
      stableUuid(`membership:${tenant.slug}:${email}`),
      tenantId,
      stableUuid(`user:${email}`),
      role,
      100 - index,
    ]);
  }
  for (const [name, description, permissions] of tenant.customRoles ?? []) {
    await manager.query(`INSERT INTO roles (id, tenant_id, name, description, permissions, created_by_id, updated_by_id) VALUES ($1, $2, $3, $4, $5, $6, $6)`, [
      stableUuid(`role:${tenant.slug}:${name}`),
      tenantId,
      name,
      description,
      permissions,
      stableUuid(`user:${tenant.members[0][0]}`),
    ]);
  }
  for (const [name, role] of tenant.apiKeys) {
    const secret = demoApiKeySecret(tenant.slug, name);
    await manager.query(`INSERT INTO api_keys (id, tenant_id, name, role, prefix, key_hash, created_by_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      stableUuid(`api-key:${tenant.slug}:${name}`),
      tenantId,
      name,
      role,
      secret.slice(0, 12),
      sha256Hex(secret),
      stableUuid(`user:${tenant.members[0][0]}`),
    ]);
  }
  if (tenant.slug === DEMO_SSO.tenant) await seedSso(manager, keys, stableUuid(`user:${tenant.members[0][0]}`));
  return true;
}

/**
 * What the tenant holds, made by its members through the one scope opener and the same services a
 * request would use (rules, audit entries, activity). Audit entries name the member as the actor
 * and the seed as the client.
 */
async function seedTenantContent(app: AppServices, tenant: DemoTenant, dataKeys?: EncryptionKeys): Promise<void> {
  const tenantId = stableUuid(`tenant:${tenant.slug}`);
  const as: SeedAs = (userId, work) =>
    inScope(app, { actor: { kind: 'member', tenantId, userId }, requestId: `seed:${tenantId}`, client: { ip: null, userAgent: 'steward demo seed' } }, work);
  const first = stableUuid(`user:${tenant.members[0][0]}`);
  if (tenant.slug !== 'umbrella') await seedAgents(as, tenant.slug, tenantId, agentPeople(tenant), tenant.slug === 'acme' ? undefined : 4);
  if (tenant.slug === 'acme') await seedHeldAgent(as, tenant.slug, agentPeople(tenant).builder);
  if (tenant.slug === 'acme' || tenant.slug === 'globex') {
    await as(first, (scope) => seedPolicies(scope, tenant.slug));
    await as(first, (scope) => seedArchitectures(scope, tenant.slug));
    await as(first, (scope) => seedCosts(scope.tx.manager, tenant.slug, tenantId, first));
    await as(first, (scope) => seedObservability(scope, tenant.slug));
  }
  await as(first, (scope) => seedSkills(scope.tx.manager, tenant.slug, tenantId, first));
  if (tenant.status === 'active') await as(first, (scope) => seedUsage(scope.tx.manager, tenantId, tenant.plan));
  if (tenant.slug === 'acme') await seedCompliance(as);
  if (tenant.slug === 'acme') {
    const member = (role: Role) => stableUuid(`user:${tenant.members.find(([, r]) => r === role)![0]}`);
    await seedApprovals(as, tenant.slug, { admin: member(Role.ADMIN), developer: member(Role.DEVELOPER), compliance: member(Role.COMPLIANCE_OFFICER) });
    const [, secondCompliance] = tenant.members.filter(([, r]) => r === Role.COMPLIANCE_OFFICER).map(([email]) => stableUuid(`user:${email}`));
    await seedWorkflows(app, as, tenant.slug, tenantId, {
      developer: member(Role.DEVELOPER),
      compliance: member(Role.COMPLIANCE_OFFICER),
      secondCompliance,
      admin: member(Role.ADMIN),
    });
  }
  const hrManager = tenant.members.find(([, role]) => role === Role.HR_MANAGER);
  if (hrManager && dataKeys) await as(stableUuid(`user:${hrManager[0]}`), (scope) => seedHrRecords(scope, tenant.slug));
  if (tenant.status !== 'active') await app.dataSource.query(`UPDATE tenants SET status = $2 WHERE id = $1`, [tenantId, tenant.status]);
}

/** The tenant's first developer registers its agents (its admin when it has none); its admin deploys and retires them. */
function agentPeople(tenant: DemoTenant): AgentPeople {
  const [adminEmail] = tenant.members.find(([, role]) => role === Role.ADMIN)!;
  const [builderEmail] = tenant.members.find(([, role]) => role === Role.DEVELOPER) ?? [adminEmail];
  return { builder: stableUuid(`user:${builderEmail}`), admin: stableUuid(`user:${adminEmail}`) };
}

/**
 * The deterministic demo world: same tenants, people, ids, passwords and API keys on every run. Idempotent:
 * a tenant that exists is left alone. People and tenants commit first (scopes open only on committed tenants),
 * then each tenant's content in scopes of its members; a failure there leaves that tenant partly seeded
 * (`db:reset` starts over). `keys` seal the demo SSO client secret, `dataKeys` (when given) the HR records: the keys the API will run with.
 */
export async function seedDemoWorld(dataSource: DataSource, keys: EncryptionKeys, dataKeys?: EncryptionKeys): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const created = await dataSource.transaction(async (manager) => {
    await seedPeople(manager, passwordHash);
    const fresh: DemoTenant[] = [];
    for (const tenant of demoTenants) if (await seedTenantIdentity(manager, tenant, keys)) fresh.push(tenant);
    return fresh;
  });
  // The services the seed calls need of the app only its database and a logger.
  const app = { dataSource, log: createLogger(), config: { dataKeys } } as AppServices;
  for (const tenant of created) await seedTenantContent(app, tenant, dataKeys);
}

export function demoLogins(): { email: string; role: string; tenants: string }[] {
  return Object.keys(people).map((email) => {
    const places = demoTenants.flatMap((t) => t.members.filter(([e]) => e === email).map(([, role]) => `${t.slug}:${role}`));
    return { email, role: email === 'platform@steward.test' ? 'platform_admin' : places.join(', '), tenants: places.join(', ') };
  });
}
