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
      SELECT coalesce(json_agg(json_build_object('role', m.role,
               'tenant', (SELECT json_build_object('name', t.name) FROM tenants t WHERE t.id = m.tenant_id)) ORDER BY m.created_at), '[]')
      FROM memberships m WHERE m.user_id = $1)),
  'members', json_build_object('edges', (
    SELECT coalesce(json_agg(json_build_object('node', json_build_object('role', page.role,
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

export const workloads: Workload[] = [W0, W2];
