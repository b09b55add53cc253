import { createHash } from 'node:crypto';
import type { Workload } from './workloads';

/** The framework the bench user opens: bench-1's, with 200 requirements (20 groups of 9) and 40 controls. */
const frameworkId = `md5('compliance-framework:1')::uuid`;

/**
 * C1 compliance framework page: one framework with its whole tree of 200 requirements, each with its
 * status, its parent and the controls mapped to it (with theirs). Steward reads it in a constant
 * number of statements (framework, tree, controls of the tree), whatever the size of the tree.
 */
export const C1: Workload = {
  name: 'C1',
  title: 'compliance framework page (200 requirements)',
  query: `query C1($id: ID!) {
  complianceFramework(id: $id) { name score requirements { code title status parent { code } controls { name status } } }
}`,
  variables: () => ({ id: Buffer.from(`ComplianceFramework:${md5Uuid('compliance-framework:1')}`).toString('base64url') }),
  baselineSql: `
SELECT json_build_object('complianceFramework', (
  SELECT json_build_object('name', f.name, 'score', f.score::float8, 'requirements', (
    SELECT coalesce(json_agg(json_build_object('code', r.code, 'title', r.title, 'status', upper(r.status),
             'parent', (SELECT json_build_object('code', p.code) FROM compliance_requirements p WHERE p.id = r.parent_id),
             'controls', (SELECT coalesce(json_agg(json_build_object('name', c.name, 'status', upper(c.status)) ORDER BY lower(c.name)), '[]')
                          FROM compliance_control_requirements m JOIN compliance_controls c ON c.id = m.control_id WHERE m.requirement_id = r.id))
           ORDER BY r.path), '[]')
    FROM compliance_requirements r WHERE r.framework_id = f.id))
  FROM compliance_frameworks f WHERE f.tenant_id = $1 AND f.id = ${frameworkId}))`,
  baselineParams: (s) => [s.tenantId],
  seed: async (manager, scale) => {
    const tenants = [scale.tenants];
    await manager.query(
      `INSERT INTO compliance_frameworks (id, tenant_id, name, version)
       SELECT md5('compliance-framework:' || t)::uuid, md5('tenant:' || t)::uuid, 'Bench framework', '1' FROM generate_series(1, $1) t`,
      tenants,
    );
    await manager.query(
      `INSERT INTO compliance_requirements (id, tenant_id, framework_id, parent_id, code, title, depth, position, path)
       SELECT md5('compliance-requirement:' || t || ':' || g)::uuid, md5('tenant:' || t)::uuid, md5('compliance-framework:' || t)::uuid, NULL,
              'G' || g, 'Requirement group ' || g, 0, g, ARRAY[g]
       FROM generate_series(1, $1) t, generate_series(1, 20) g`,
      tenants,
    );
    await manager.query(
      `INSERT INTO compliance_requirements (id, tenant_id, framework_id, parent_id, code, title, depth, position, path)
       SELECT md5('compliance-requirement:' || t || ':' || g || ':' || c)::uuid, md5('tenant:' || t)::uuid, md5('compliance-framework:' || t)::uuid,
              md5('compliance-requirement:' || t || ':' || g)::uuid, 'G' || g || '.' || c, 'Requirement ' || g || '.' || c, 1, c, ARRAY[g, c]
       FROM generate_series(1, $1) t, generate_series(1, 20) g, generate_series(1, 9) c`,
      tenants,
    );
    // Two controls of 40 on every leaf; a third of the controls need evidence they lack (failing), the rest pass.
    await manager.query(
      `INSERT INTO compliance_controls (id, tenant_id, name, evidence_required)
       SELECT md5('compliance-control:' || t || ':' || k)::uuid, md5('tenant:' || t)::uuid, 'Control ' || lpad(k::text, 2, '0'), k % 3 = 0
       FROM generate_series(1, $1) t, generate_series(0, 39) k`,
      tenants,
    );
    await manager.query(
      `INSERT INTO compliance_control_requirements (tenant_id, control_id, requirement_id)
       SELECT DISTINCT md5('tenant:' || t)::uuid, md5('compliance-control:' || t || ':' || k)::uuid, md5('compliance-requirement:' || t || ':' || g || ':' || c)::uuid
       FROM generate_series(1, $1) t, generate_series(1, 20) g, generate_series(1, 9) c, LATERAL (VALUES ((g * 9 + c) % 40), ((g * 9 + c + 7) % 40)) k(k)`,
      tenants,
    );
    await manager.query(`SELECT steward.compliance_refresh(md5('tenant:' || t)::uuid) FROM generate_series(1, $1) t`, tenants);
  },
  seedVersion: 1,
};

function md5Uuid(text: string): string {
  const hex = createHash('md5').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
