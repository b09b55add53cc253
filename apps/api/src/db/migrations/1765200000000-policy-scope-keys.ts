import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which policies cover an agent, through an index instead of testing every policy of the tenant
 * against each agent. A policy's scope is kept as keys in a GIN-indexed array, derived by
 * PostgreSQL itself from the scope columns (a stored generated column, so every way a policy is
 * written, the API's, the seed's, a bulk load's, keeps it right):
 *
 * - `all` → `{"<tenant> *"}`
 * - `tags` → `{"<tenant> #<tag>", …}` one key per tag
 * - `agents` → `{}` (listed agents are in policy_agents, indexed by agent)
 *
 * An agent's keys are `<tenant> *` and `<tenant> #<tag>` for each of its tags
 * (`steward.agent_scope_keys`), so "policy p covers agent a" for the first two kinds is
 * `p.scope_keys && steward.agent_scope_keys(a.tenant_id, a.tags)`. The tenant is part of each key, so
 * a key never matches another tenant's policy.
 */
export class PolicyScopeKeys1765200000000 implements MigrationInterface {
  name = 'PolicyScopeKeys1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE FUNCTION steward.policy_scope_keys(tenant uuid, kind text, tags text[]) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE kind
    WHEN 'all' THEN ARRAY[tenant::text || ' *']
    WHEN 'tags' THEN ARRAY(SELECT DISTINCT tenant::text || ' #' || t FROM unnest(tags) AS t)
    ELSE '{}'::text[] END
$$;
CREATE FUNCTION steward.agent_scope_keys(tenant uuid, tags text[]) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ARRAY[tenant::text || ' *'] || ARRAY(SELECT DISTINCT tenant::text || ' #' || t FROM unnest(tags) AS t)
$$;
GRANT EXECUTE ON FUNCTION steward.policy_scope_keys(uuid, text, text[]), steward.agent_scope_keys(uuid, text[]) TO steward_app;
ALTER TABLE policies ADD COLUMN scope_keys text[] GENERATED ALWAYS AS (steward.policy_scope_keys(tenant_id, scope_kind, scope_tags)) STORED;
CREATE INDEX policies_scope_keys ON policies USING gin (scope_keys) WHERE active;`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP INDEX IF EXISTS policies_scope_keys;
ALTER TABLE policies DROP COLUMN IF EXISTS scope_keys;
DROP FUNCTION IF EXISTS steward.agent_scope_keys(uuid, text[]);
DROP FUNCTION IF EXISTS steward.policy_scope_keys(uuid, text, text[]);`);
  }
}
