import * as argon2 from 'argon2';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { DataSource } from 'typeorm';
import { dropEverything, migrate, openDatabase } from '../src/db/data-source';
import { startEmbeddedPostgres } from '../src/db/embedded';
import { migrations } from '../src/db/migrations';
import { dataDir } from './options';
import type { BenchSubject } from './workloads';

/** Bump when the generated data changes, so existing bench databases are rebuilt. */
const DATASET_VERSION = 1;
export const BENCH_PASSWORD = 'steward-bench-2026';
/** The workload tenant (bench-1) and its admin, who is also a member of bench-2. */
const SUBJECT_EMAIL = 'user1@bench.test';
const SUBJECT_TENANT = 'bench-1';

export interface Scale {
  tenants: number;
  users: number;
}

export interface BenchDataset {
  url: string;
  reused: boolean;
  subject: BenchSubject & { email: string; password: string; tenantSlug: string; tenantMembers: number };
  stop(): Promise<void>;
}

function fingerprint(scale: Scale) {
  return { version: DATASET_VERSION, tenants: scale.tenants, users: scale.users, migrations: migrations.map((m) => m.name) };
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
  const passwordHash = await argon2.hash(BENCH_PASSWORD);
  const bigTenantUsers = scale.tenants === 1 ? scale.users : Math.min(scale.users, Math.max(100, Math.ceil(scale.users / scale.tenants)));
  await dataSource.transaction(async (manager) => {
    await manager.query(
      `INSERT INTO tenants (id, name, slug, plan)
       SELECT md5('tenant:' || t)::uuid, 'Bench Tenant ' || t, 'bench-' || t, (ARRAY['starter','growth','enterprise'])[1 + t % 3]
       FROM generate_series(1, $1) AS t`, [scale.tenants]);
    await manager.query(
      `INSERT INTO users (id, email, full_name, password_hash, email_verified)
       SELECT md5('user:' || u)::uuid, 'user' || u || '@bench.test', 'Bench User ' || u, $2, true
       FROM generate_series(1, $1) AS u`, [scale.users, passwordHash]);
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
       FROM placed WHERE u % 20 = 1 AND $3 > 1`, [scale.users, bigTenantUsers, scale.tenants]);
    await manager.query(
      `INSERT INTO api_keys (id, tenant_id, name, role, prefix, key_hash)
       SELECT md5('api-key:' || t || ':' || k)::uuid, md5('tenant:' || t)::uuid, (ARRAY['Agent runtime','CI pipeline'])[k],
              (ARRAY['developer','analyst'])[k], 'stw_bench', encode(sha256(convert_to('stw_bench_' || t || '_' || k, 'UTF8')), 'hex')
       FROM generate_series(1, $1) AS t, generate_series(1, 2) AS k`, [scale.tenants]);
    await manager.query(`CREATE TABLE bench_dataset (fingerprint jsonb NOT NULL, seeded_at timestamptz NOT NULL DEFAULT now())`);
    await manager.query(`INSERT INTO bench_dataset (fingerprint) VALUES ($1)`, [fingerprint(scale)]);
  });
  await dataSource.query('ANALYZE');
}

async function findSubject(dataSource: DataSource): Promise<BenchDataset['subject']> {
  const [row] = await dataSource.query(
    `SELECT u.id AS user_id, t.id AS tenant_id, (SELECT count(*)::int FROM memberships m WHERE m.tenant_id = t.id) AS members
     FROM users u, tenants t WHERE u.email = $1 AND t.slug = $2`, [SUBJECT_EMAIL, SUBJECT_TENANT]);
  if (!row) throw new Error('the bench database has no workload user; delete .data/bench-postgres and run again');
  return { userId: row.user_id, tenantId: row.tenant_id, email: SUBJECT_EMAIL, password: BENCH_PASSWORD, tenantSlug: SUBJECT_TENANT, tenantMembers: row.members };
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
        log(`seeding ${scale.tenants} tenants and ${scale.users} users...`);
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
