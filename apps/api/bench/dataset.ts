import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from '../src/auth/passwords';
import { dropEverything, migrate, openDatabase } from '../src/db/data-source';
import { startEmbeddedPostgres } from '../src/db/embedded';
import { migrations } from '../src/db/migrations';
import { dataDir } from './options';
import { workloads, type BenchSubject } from './workloads';

/** Bump when the generated data changes, so existing bench databases are rebuilt. */
const DATASET_VERSION = 3;
export const BENCH_PASSWORD = 'steward-bench-2026';
/** The workload tenant (bench-1) and its admin, who is also a member of bench-2. */
const SUBJECT_EMAIL = 'user1@bench.test';
const SUBJECT_TENANT = 'bench-1';

export interface Scale {
  tenants: number;
  users: number;
}

/** 20,000 agents, 500 policies and 1,000,000 cost rows at the default 20 tenants. */
export const AGENTS_PER_TENANT = 1000;
export const MODELS_PER_TENANT = 5;
export const POLICIES_PER_TENANT = 25;
export const COST_ROWS_PER_TENANT = 50_000;

export interface BenchDataset {
  url: string;
  reused: boolean;
  subject: BenchSubject & { email: string; password: string; tenantSlug: string; tenantMembers: number };
  stop(): Promise<void>;
}

function fingerprint(scale: Scale) {
  return {
    version: DATASET_VERSION,
    tenants: scale.tenants,
    users: scale.users,
    agentsPerTenant: AGENTS_PER_TENANT,
    costRowsPerTenant: COST_ROWS_PER_TENANT,
    migrations: migrations.map((m) => m.name),
    workloads: workloads.filter((w) => w.seed).map((w) => `${w.name}@${w.seedVersion ?? 1}`),
  };
}

async function seededFingerprint(dataSource: DataSource): Promise<unknown> {
  const [table] = await dataSource.query(`SELECT to_regclass('public.bench_dataset') IS NOT NULL AS present`);
  if (!table.present) return null;
  const [row] = await dataSource.query(`SELECT fingerprint FROM bench_dataset`);
  return row?.fingerprint ?? null;
}

/**
 * Every row in a handful of set-based statements. Ids are md5-derived so they are the same on every
 * rebuild. Users 1..bigTenantUsers belong to bench-1 (at least 100 of them), the rest round-robin over
 * the other tenants; every 20th user (5%) is also a member of the next tenant.
 */
async function seed(dataSource: DataSource, scale: Scale): Promise<void> {
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const bigTenantUsers = scale.tenants === 1 ? scale.users : Math.min(scale.users, Math.max(100, Math.ceil(scale.users / scale.tenants)));
  await dataSource.transaction(async (manager) => {
    await manager.query(
      `INSERT INTO tenants (id, name, slug, plan)
       SELECT md5('tenant:' || t)::uuid, 'Bench Tenant ' || t, 'bench-' || t, (ARRAY['starter','professional','enterprise'])[1 + t % 3]
       FROM generate_series(1, $1) AS t`,
      [scale.tenants],
    );
    await manager.query(
      `INSERT INTO users (id, email, full_name, password_hash, email_verified)
       SELECT md5('user:' || u)::uuid, 'user' || u || '@bench.test', 'Bench User ' || u, $2, true
       FROM generate_series(1, $1) AS u`,
      [scale.users, passwordHash],
    );
    // Roles by u % 20: 1 admin, 6 developers, 2 compliance officers, 5 analysts, 2 auditors, 4 viewers.
    await manager.query(
      `WITH placed AS (
         SELECT u, CASE WHEN u <= $2 THEN 1 ELSE 2 + (u - $2 - 1) % ($3 - 1) END AS home FROM generate_series(1, $1) AS u
       )
       INSERT INTO memberships (id, tenant_id, user_id, role, created_at)
       SELECT md5('membership:' || home || ':' || u)::uuid, md5('tenant:' || home)::uuid, md5('user:' || u)::uuid,
              CASE WHEN u = 1 THEN 'admin' ELSE (ARRAY['admin','developer','developer','developer','developer','developer','developer',
                'compliance_officer','compliance_officer','analyst','analyst','analyst','analyst','analyst',
                'auditor','auditor','viewer','viewer','viewer','viewer'])[1 + u % 20] END,
              now() - make_interval(mins => u)
       FROM placed
       UNION ALL
       SELECT md5('membership:' || (home % $3 + 1) || ':' || u)::uuid, md5('tenant:' || (home % $3 + 1))::uuid, md5('user:' || u)::uuid,
              CASE WHEN u % 40 = 1 THEN 'analyst' ELSE 'viewer' END, now() - make_interval(mins => u, secs => 30)
       FROM placed WHERE u % 20 = 1 AND $3 > 1`,
      [scale.users, bigTenantUsers, scale.tenants],
    );
    await manager.query(
      `INSERT INTO api_keys (id, tenant_id, name, role, prefix, key_hash)
       SELECT md5('api-key:' || t || ':' || k)::uuid, md5('tenant:' || t)::uuid, (ARRAY['Agent runtime','CI pipeline'])[k],
              (ARRAY['developer','analyst'])[k], 'stw_bench', encode(sha256(convert_to('stw_bench_' || t || '_' || k, 'UTF8')), 'hex')
       FROM generate_series(1, $1) AS t, generate_series(1, 2) AS k`,
      [scale.tenants],
    );
    await seedModels(manager, scale);
    await seedAgents(manager, scale, bigTenantUsers);
    await seedPolicies(manager, scale);
    await seedCosts(manager, scale);
    for (const workload of workloads) await workload.seed?.(manager, scale);
    await manager.query(`CREATE TABLE bench_dataset (fingerprint jsonb NOT NULL, seeded_at timestamptz NOT NULL DEFAULT now())`);
    await manager.query(`INSERT INTO bench_dataset (fingerprint) VALUES ($1)`, [fingerprint(scale)]);
  });
  // VACUUM too: index-only scans of cost_entries need the visibility map set.
  await dataSource.query('VACUUM ANALYZE');
}

/**
 * Agents of every tenant, generic enough for any workload: name, role, model tier, status, tags and
 * a creator among the tenant's members (the users placed in it by seed()). Newest first is agent 1.
 */
async function seedAgents(manager: EntityManager, scale: Scale, bigTenantUsers: number): Promise<void> {
  await manager.query(
    `INSERT INTO agents (id, tenant_id, name, description, role, model_tier, status, runtime_state, cost_per_request, total_requests, tags,
                         compliance_status, deployed_at, created_by_id, created_at, updated_at, model_id)
     SELECT md5('agent:' || t || ':' || n)::uuid, md5('tenant:' || t)::uuid, 'Agent ' || t || '-' || n, 'Bench agent ' || n,
            (ARRAY['pm','engineering','operations','custom'])[1 + n % 4], (ARRAY['sonnet','opus','haiku','sonnet','haiku'])[1 + n % $5],
            CASE WHEN n % 10 = 0 THEN 'draft' WHEN n % 10 = 1 THEN 'suspended' ELSE 'deployed' END,
            CASE WHEN n % 10 = 0 THEN 'provisioning' WHEN n % 10 = 1 THEN 'paused' ELSE 'active' END,
            (n % 50) / 1000.0, n * 37 % 100000, ARRAY[(ARRAY['docs','sre','support','data','product'])[1 + n % 5], 'team-' || (n % 7)],
            CASE WHEN n % 10 = 1 THEN 'non_compliant' ELSE 'compliant' END, CASE WHEN n % 10 = 0 THEN NULL ELSE now() - make_interval(days => n % 90) END,
            md5('user:' || CASE WHEN t = 1 THEN 1 + n % $3
                                ELSE $3 + (t - 1) + (n % greatest(1, ($2 - $3 - (t - 1)) / ($4 - 1) + 1)) * ($4 - 1) END)::uuid,
            now() - make_interval(mins => n, secs => t), now() - make_interval(mins => n),
            CASE WHEN n % 10 = 0 THEN NULL ELSE md5('model:' || t || ':' || (1 + n % $5))::uuid END
     FROM generate_series(1, $4) AS t, generate_series(1, $1) AS n`,
    [AGENTS_PER_TENANT, scale.users, bigTenantUsers, scale.tenants, MODELS_PER_TENANT],
  );
}

async function seedModels(manager: EntityManager, scale: Scale): Promise<void> {
  await manager.query(
    `INSERT INTO ai_models (id, tenant_id, name, provider, version, type, tier, status)
     SELECT md5('model:' || t || ':' || k)::uuid, md5('tenant:' || t)::uuid, (ARRAY['Claude Sonnet','Claude Opus','Claude Haiku','GPT-4o','Llama'])[k],
            (ARRAY['anthropic','anthropic','anthropic','openai','internal'])[k], '1.' || k, 'llm', (ARRAY['sonnet','opus','haiku','sonnet','haiku'])[k], 'deployed'
     FROM generate_series(1, $1) AS t, generate_series(1, $2) AS k`,
    [scale.tenants, MODELS_PER_TENANT],
  );
}

/**
 * Policies of every kind of scope, as W1 needs them: a third cover all agents, a third agents with a
 * tag, a third a list of 40 agents (policy_agents, which carries tenant_id like every table).
 */
async function seedPolicies(manager: EntityManager, scale: Scale): Promise<void> {
  await manager.query(
    `INSERT INTO policies (id, tenant_id, name, description, type, severity, enforcement, rules, scope_kind, scope_tags)
     SELECT md5('policy:' || t || ':' || k)::uuid, md5('tenant:' || t)::uuid, 'Policy ' || lpad(k::text, 2, '0'), 'Bench policy ' || k,
            (ARRAY['agent','architecture','data','security'])[1 + k % 4], (ARRAY['critical','high','medium','low'])[1 + k % 4],
            (ARRAY['audit','warn','block'])[1 + k % 3],
            jsonb_build_array(jsonb_build_object('name', 'cost ceiling', 'condition', 'agent.costPerRequest > 0.04', 'message', 'Too expensive')),
            (ARRAY['all','tags','agents'])[1 + k % 3], CASE WHEN k % 3 = 1 THEN ARRAY[(ARRAY['docs','sre','support','data','product'])[1 + k % 5]] ELSE '{}' END
     FROM generate_series(1, $1) AS t, generate_series(1, $2) AS k`,
    [scale.tenants, POLICIES_PER_TENANT],
  );
  await manager.query(
    `INSERT INTO policy_agents (tenant_id, policy_id, agent_id)
     SELECT md5('tenant:' || t)::uuid, md5('policy:' || t || ':' || k)::uuid, md5('agent:' || t || ':' || (1 + (k * 37 + i * 11) % $3))::uuid
     FROM generate_series(1, $1) AS t, generate_series(1, $2) AS k, generate_series(1, 40) AS i
     WHERE k % 3 = 2
     ON CONFLICT DO NOTHING`,
    [scale.tenants, POLICIES_PER_TENANT, AGENTS_PER_TENANT],
  );
}

/**
 * Cost rows over the last 365 days, spread over every tenant's agents (one in 20 with no agent), with
 * amounts from a hash of the row number. Foreign keys are not checked row by row (replica role):
 * the agents are the ones just inserted.
 */
async function seedCosts(manager: EntityManager, scale: Scale): Promise<void> {
  await manager.query(`SET LOCAL session_replication_role = replica`);
  await manager.query(
    `INSERT INTO cost_entries (tenant_id, idempotency_key, agent_id, incurred_on, amount, currency, provider, service, region, category, quantity, unit, tags)
     SELECT md5('tenant:' || t)::uuid, 'bench:' || g, CASE WHEN h % 20 = 0 THEN NULL ELSE md5('agent:' || t || ':' || (1 + (g / $2) % $3))::uuid END,
            current_date - (h % 365)::int, round((h % 100000) / 1000.0, 6), 'USD',
            (ARRAY['aws','gcp','azure','openai','anthropic','other'])[1 + h % 6], (ARRAY['EC2','Cloud Storage','Bandwidth','Chat Completions','Messages API','Misc'])[1 + h % 6],
            (ARRAY['eu-west-1','us-east-1','europe-west1'])[1 + h % 3], (ARRAY['compute','storage','network','ai','ai','other'])[1 + h % 6],
            h % 1000, CASE WHEN h % 6 IN (3, 4) THEN 'requests' ELSE 'GB' END, ARRAY['team-' || (h % 7)]
     FROM (SELECT g, 1 + g % $2 AS t, ('x' || substr(md5('cost:' || g), 1, 8))::bit(32)::bigint AS h FROM generate_series(1, $1) AS g) rows`,
    [COST_ROWS_PER_TENANT * scale.tenants, scale.tenants, AGENTS_PER_TENANT],
  );
  await manager.query(`SET LOCAL session_replication_role = origin`);
}

async function findSubject(dataSource: DataSource): Promise<BenchDataset['subject']> {
  const [row] = await dataSource.query(
    `SELECT u.id AS user_id, t.id AS tenant_id, (SELECT count(*)::int FROM memberships m WHERE m.tenant_id = t.id) AS members
     FROM users u, tenants t WHERE u.email = $1 AND t.slug = $2`,
    [SUBJECT_EMAIL, SUBJECT_TENANT],
  );
  if (!row) throw new Error('the bench database has no workload user; delete .data/bench-postgres and run again');
  return {
    userId: row.user_id,
    tenantId: row.tenant_id,
    email: SUBJECT_EMAIL,
    password: BENCH_PASSWORD,
    tenantSlug: SUBJECT_TENANT,
    tenantMembers: row.members,
  };
}

/**
 * The bench database: BENCH_DATABASE_URL, or `steward_bench` on an embedded PostgreSQL under
 * .data/bench-postgres. Reused when it was built at this scale by this generator; otherwise wiped and rebuilt.
 */
export async function prepareDataset(scale: Scale, log: (line: string) => void): Promise<BenchDataset> {
  const external = process.env.BENCH_DATABASE_URL;
  const database = external
    ? { url: external, stop: async () => undefined }
    : await startEmbeddedPostgres({ dataDir: join(dataDir, 'bench-postgres'), port: Number(process.env.BENCH_PG_PORT ?? 54339), database: 'steward_bench' });
  try {
    const dataSource = await openDatabase(database.url, 2);
    try {
      const reused = isDeepStrictEqual(await seededFingerprint(dataSource), fingerprint(scale));
      if (!reused) {
        log(
          `seeding ${scale.tenants} tenants, ${scale.users} users, ${scale.tenants * AGENTS_PER_TENANT} agents and ${scale.tenants * COST_ROWS_PER_TENANT} cost rows...`,
        );
        await dropEverything(dataSource);
        // A recreated public schema lacks the default USAGE grant that steward_app relies on.
        await dataSource.query('GRANT USAGE ON SCHEMA public TO PUBLIC');
        await migrate(dataSource);
        await seed(dataSource, scale);
      }
      return { url: database.url, reused, subject: await findSubject(dataSource), stop: database.stop };
    } finally {
      await dataSource.destroy();
    }
  } catch (error) {
    await database.stop();
    throw error;
  }
}
