import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { C1 } from './compliance.workload';
import { M1, M2 } from './metrics.workload';

/** Who the workloads run as: the signed-in user and the tenant their token acts in. */
export interface BenchSubject {
  userId: string;
  tenantId: string;
}

/**
 * One measured request shape. `baselineSql` is the single hand-written statement that returns the
 * same `data` as the GraphQL query, as one JSON value; the run checks the two agree before timing.
 */
export interface Workload {
  name: string;
  title: string;
  query: string;
  variables?: (subject: BenchSubject) => Record<string, unknown>;
  baselineSql: string;
  baselineParams: (subject: BenchSubject) => unknown[];
  /**
   * Rows this workload needs beyond the shared dataset (tenants bench-1…N with md5('tenant:' || t)
   * ids, users, agents md5('agent:' || t || ':' || n), models, policies, costs), written in the
   * dataset's transaction after the shared rows. Set-based statements, deterministic ids.
   */
  seed?: (manager: EntityManager, scale: { tenants: number; users: number }) => Promise<void>;
  /** Bump when `seed` writes other rows: bench databases built with another version are rebuilt. */
  seedVersion?: number;
}

const W0: Workload = {
  name: 'W0',
  title: 'members page',
  query: `query W0 {
  viewer { user { fullName email } memberships { role tenant { name } } }
  members(first: 50) { edges { node { role user { fullName email } } } }
}`,
  baselineSql: `
SELECT json_build_object(
  'viewer', json_build_object(
    'user', (SELECT json_build_object('fullName', u.full_name, 'email', u.email) FROM users u WHERE u.id = $1),
    'memberships', (
      SELECT coalesce(json_agg(json_build_object('role', upper(m.role),
               'tenant', (SELECT json_build_object('name', t.name) FROM tenants t WHERE t.id = m.tenant_id)) ORDER BY m.created_at), '[]')
      FROM memberships m WHERE m.user_id = $1)),
  'members', json_build_object('edges', (
    SELECT coalesce(json_agg(json_build_object('node', json_build_object('role', upper(page.role),
             'user', (SELECT json_build_object('fullName', u.full_name, 'email', u.email) FROM users u WHERE u.id = page.user_id)))
           ORDER BY page.created_at DESC, page.id DESC), '[]')
    FROM (SELECT id, role, user_id, created_at FROM memberships WHERE tenant_id = $2 ORDER BY created_at DESC, id DESC LIMIT 50) page)))`,
  baselineParams: (s) => [s.userId, s.tenantId],
};

/** The same 50 agents as W1, each with what it cost over the last 30 days (today included, UTC). */
const W2: Workload = {
  name: 'W2',
  title: 'cost rollup',
  query: `query W2 { agents(first: 50) { nodes { name costTotal(days: 30) } } }`,
  baselineSql: `
SELECT json_build_object('agents', json_build_object('nodes', (
  SELECT coalesce(json_agg(json_build_object('name', page.name, 'costTotal', (
           SELECT coalesce(sum(e.amount), 0)::text FROM cost_entries e
           WHERE e.tenant_id = $1 AND e.agent_id = page.id AND e.currency = 'USD'
             AND e.incurred_on BETWEEN (now() AT TIME ZONE 'UTC')::date - 29 AND (now() AT TIME ZONE 'UTC')::date))
         ORDER BY page.created_at DESC, page.id DESC), '[]')
  FROM (SELECT id, name, created_at FROM agents WHERE tenant_id = $1 ORDER BY created_at DESC, id DESC LIMIT 50) page)))`,
  baselineParams: (s) => [s.tenantId],
};

/** Agent n of tenant t of the bench dataset: the same ids dataset.ts gives them. */
function benchAgentId(tenant: number, n: number): string {
  const hex = createHash('md5').update(`agent:${tenant}:${n}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const W1: Workload = {
  name: 'W1',
  title: 'agent page',
  query: `query W1 { agents(first: 50) { nodes { name createdBy { fullName email } model { name } policiesInScope { name } } } }`,
  baselineSql: `
SELECT json_build_object('agents', json_build_object('nodes', (
  SELECT coalesce(json_agg(json_build_object('name', page.name,
           'createdBy', (SELECT json_build_object('fullName', u.full_name, 'email', u.email) FROM users u WHERE u.id = page.created_by_id),
           'model', (SELECT json_build_object('name', m.name) FROM ai_models m WHERE m.id = page.model_id),
           'policiesInScope', (SELECT coalesce(json_agg(json_build_object('name', p.name) ORDER BY p.name), '[]') FROM policies p
              WHERE p.tenant_id = $1 AND p.active AND p.type <> 'architecture' AND p.deleted_at IS NULL AND (p.scope_kind = 'all' OR (p.scope_kind = 'tags' AND p.scope_tags && page.tags)
                OR (p.scope_kind = 'agents' AND EXISTS (SELECT 1 FROM policy_agents pa WHERE pa.tenant_id = p.tenant_id AND pa.policy_id = p.id AND pa.agent_id = page.id)))))
         ORDER BY page.created_at DESC, page.id DESC), '[]')
  FROM (SELECT id, name, created_by_id, model_id, tags, created_at FROM agents WHERE tenant_id = $1 AND deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 50) page)))`,
  baselineParams: (s) => [s.tenantId],
};

const W3: Workload = {
  name: 'W3',
  title: 'point read',
  query: `query W3($id: ID!) { agent(id: $id) { name status createdBy { fullName email } } }`,
  variables: () => ({ id: Buffer.from(`Agent:${benchAgentId(1, 7)}`).toString('base64url') }),
  baselineSql: `
SELECT json_build_object('agent', (SELECT json_build_object('name', a.name, 'status', upper(a.status),
  'createdBy', (SELECT json_build_object('fullName', u.full_name, 'email', u.email) FROM users u WHERE u.id = a.created_by_id))
  FROM agents a WHERE a.tenant_id = $1 AND a.id = $2))`,
  baselineParams: (s) => [s.tenantId, benchAgentId(1, 7)],
};

/**
 * Every workload, in the order they run. A module's workload lives in a file of its own
 * (`bench/<module>.workload.ts`, exporting a Workload) and is registered here with one line.
 */
export const workloads: Workload[] = [W0, W1, W2, W3, C1, M1, M2];
