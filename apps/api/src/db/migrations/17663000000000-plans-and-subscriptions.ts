import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Plans become data: each carries its prices and limits (null: no limit) and the features it
 * includes. A tenant's `plan` names its plan; `resource_limits` keeps only negotiated overrides.
 * Subscriptions are the history of a tenant's plan and status: a trigger on tenants closes the
 * current row and opens a new one whenever either changes, so every path (service, seed, bench)
 * writes the same history. `growth` becomes `professional`.
 */
export class PlansAndSubscriptions17663000000000 implements MigrationInterface {
  name = 'PlansAndSubscriptions17663000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE plans (
  code text PRIMARY KEY CHECK (code IN ('trial','starter','professional','enterprise')),
  name text NOT NULL,
  rank int NOT NULL UNIQUE,
  monthly_price_cents int NOT NULL CHECK (monthly_price_cents >= 0),
  annual_price_cents int NOT NULL CHECK (annual_price_cents >= 0),
  max_agents int CHECK (max_agents >= 0),
  max_members int CHECK (max_members >= 0),
  max_api_keys int CHECK (max_api_keys >= 0),
  max_policies int CHECK (max_policies >= 0),
  metric_retention_days int NOT NULL CHECK (metric_retention_days > 0),
  max_events_per_month int CHECK (max_events_per_month >= 0),
  max_api_requests_per_minute int CHECK (max_api_requests_per_minute >= 0),
  features text[] NOT NULL DEFAULT '{}' CHECK (features <@ ARRAY['sso','custom_roles','approvals','exports']::text[])
);
INSERT INTO plans VALUES
  ('trial', 'Trial', 0, 0, 0, 3, 5, 2, 5, 7, 10000, 60, '{}'),
  ('starter', 'Starter', 1, 4900, 49000, 4, 10, 5, 10, 30, 100000, 300, '{exports}'),
  ('professional', 'Professional', 2, 29900, 299000, 25, 50, 25, 50, 90, 1000000, 1200, '{approvals,exports,custom_roles}'),
  ('enterprise', 'Enterprise', 3, 150000, 1500000, NULL, NULL, NULL, NULL, 365, NULL, 6000, '{sso,custom_roles,approvals,exports}');
GRANT SELECT ON plans TO steward_app;

ALTER TABLE tenants DROP CONSTRAINT IF EXISTS tenants_plan_check;
ALTER TABLE tenants ALTER COLUMN plan SET DEFAULT 'trial';
UPDATE tenants SET plan = 'professional' WHERE plan = 'growth';
ALTER TABLE tenants ADD CONSTRAINT tenants_plan_fkey FOREIGN KEY (plan) REFERENCES plans(code);

CREATE TABLE subscriptions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  plan text NOT NULL REFERENCES plans(code),
  status text NOT NULL CHECK (status IN ('active','suspended','cancelled')),
  billing_cycle text NOT NULL DEFAULT 'monthly' CHECK (billing_cycle IN ('monthly','annual')),
  price_cents int NOT NULL CHECK (price_cents >= 0),
  started_at timestamptz NOT NULL DEFAULT now(),
  -- When a trial runs out (null for paid plans).
  trial_ends_at timestamptz,
  -- When the trial-expiry job last warned (so it warns once per stage).
  trial_warned_at timestamptz,
  -- When a later row replaced it; null for the current subscription.
  ended_at timestamptz,
  CHECK (ended_at IS NULL OR ended_at >= started_at)
);
CREATE UNIQUE INDEX subscriptions_current ON subscriptions (tenant_id) WHERE ended_at IS NULL;
CREATE INDEX subscriptions_tenant_time ON subscriptions (tenant_id, started_at DESC, id DESC);
CREATE INDEX subscriptions_trials ON subscriptions (trial_ends_at) WHERE ended_at IS NULL AND plan = 'trial';
ALTER TABLE subscriptions ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON subscriptions USING (tenant_id = steward.current_tenant() OR steward.is_platform_admin());
GRANT SELECT, UPDATE ON subscriptions TO steward_app;

CREATE FUNCTION steward.subscription_follows_tenant() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, steward AS $f$
DECLARE
  cur subscriptions;
  p plans;
  cycle text := 'monthly';
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.plan IS NOT DISTINCT FROM OLD.plan AND NEW.status IS NOT DISTINCT FROM OLD.status THEN RETURN NULL; END IF;
    UPDATE subscriptions SET ended_at = greatest(now(), started_at) WHERE tenant_id = NEW.id AND ended_at IS NULL RETURNING * INTO cur;
    cycle := coalesce(cur.billing_cycle, 'monthly');
  END IF;
  SELECT * INTO p FROM plans WHERE code = NEW.plan;
  INSERT INTO subscriptions (tenant_id, plan, status, billing_cycle, price_cents, started_at, trial_ends_at, trial_warned_at)
  VALUES (NEW.id, NEW.plan,
          CASE NEW.status WHEN 'suspended' THEN 'suspended' WHEN 'failed' THEN 'cancelled' ELSE 'active' END,
          cycle,
          CASE cycle WHEN 'annual' THEN p.annual_price_cents ELSE p.monthly_price_cents END,
          greatest(now(), cur.started_at),
          CASE WHEN NEW.plan = 'trial' THEN coalesce(CASE WHEN cur.plan = 'trial' THEN cur.trial_ends_at END, now() + interval '14 days') END,
          CASE WHEN NEW.plan = 'trial' AND cur.plan = 'trial' THEN cur.trial_warned_at END);
  RETURN NULL;
END $f$;
CREATE TRIGGER subscription_history AFTER INSERT OR UPDATE OF plan, status ON tenants FOR EACH ROW EXECUTE FUNCTION steward.subscription_follows_tenant();

-- What each tenant holds of what its plan caps; for members of the tenant and platform admins (whose
-- row security shows them no other tenant's rows). Counted afresh by each statement that calls it.
CREATE FUNCTION steward.tenant_usage(p_tenants uuid[]) RETURNS TABLE (tenant_id uuid, agents int, members int, api_keys int, policies int)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, steward AS $f$
  SELECT t.id,
    (SELECT count(*) FROM agents a WHERE a.tenant_id = t.id AND a.status <> 'archived')::int,
    ((SELECT count(*) FROM memberships m WHERE m.tenant_id = t.id)
      + (SELECT count(*) FROM invitations i WHERE i.tenant_id = t.id AND i.status = 'pending' AND i.expires_at > now()))::int,
    (SELECT count(*) FROM api_keys k WHERE k.tenant_id = t.id AND k.revoked_at IS NULL)::int,
    (SELECT count(*) FROM policies p WHERE p.tenant_id = t.id)::int
  FROM tenants t
  WHERE t.id = ANY(p_tenants) AND (t.id = steward.current_tenant() OR steward.is_platform_admin())
$f$;
REVOKE ALL ON FUNCTION steward.tenant_usage(uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION steward.tenant_usage(uuid[]) TO steward_app;

INSERT INTO subscriptions (tenant_id, plan, status, billing_cycle, price_cents, started_at)
SELECT t.id, t.plan, CASE t.status WHEN 'suspended' THEN 'suspended' WHEN 'failed' THEN 'cancelled' ELSE 'active' END, 'monthly', p.monthly_price_cents, t.created_at
FROM tenants t JOIN plans p ON p.code = t.plan;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP FUNCTION steward.tenant_usage(uuid[]);
DROP TRIGGER subscription_history ON tenants;
DROP FUNCTION steward.subscription_follows_tenant();
DROP TABLE subscriptions;
ALTER TABLE tenants DROP CONSTRAINT tenants_plan_fkey;
UPDATE tenants SET plan = 'growth' WHERE plan = 'professional';
UPDATE tenants SET plan = 'starter' WHERE plan = 'trial';
ALTER TABLE tenants ALTER COLUMN plan SET DEFAULT 'starter';
ALTER TABLE tenants ADD CONSTRAINT tenants_plan_check CHECK (plan IN ('starter','growth','enterprise'));
DROP TABLE plans;
`);
  }
}
