import { MigrationInterface, QueryRunner } from 'typeorm';
import { JOB } from '../../jobs/job-names';

/**
 * Tenant webhook endpoints and their deliveries. Each domain event makes one delivery per active
 * endpoint that wants its type, in the event's own transaction (so a delivery exists exactly when
 * its event does), and queues the job that sends it.
 */
export class Webhooks17662100000000 implements MigrationInterface {
  name = 'Webhooks17662100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE webhook_endpoints (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  url text NOT NULL CHECK (length(url) BETWEEN 8 AND 2000),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 500),
  event_types text[] NOT NULL DEFAULT '{}',
  secret_sealed text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  disabled_reason text CHECK (length(disabled_reason) <= 500),
  failure_streak int NOT NULL DEFAULT 0 CHECK (failure_streak >= 0),
  created_by_id uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_endpoints_tenant_created ON webhook_endpoints (tenant_id, created_at DESC, id DESC);

CREATE TABLE webhook_deliveries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  endpoint_id uuid NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
  -- No foreign key: events are dropped after their retention, deliveries keep the body they sent.
  event_id uuid,
  message_id text NOT NULL CHECK (length(message_id) BETWEEN 1 AND 100),
  event_type text NOT NULL,
  body text,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','retrying','succeeded','failed','cancelled')),
  attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at timestamptz,
  last_status_code int,
  last_duration_ms int,
  last_error text,
  redelivery_of_id uuid REFERENCES webhook_deliveries(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz
);
CREATE INDEX webhook_deliveries_endpoint_created ON webhook_deliveries (tenant_id, endpoint_id, created_at DESC, id DESC);
CREATE INDEX webhook_deliveries_tenant_created ON webhook_deliveries (tenant_id, created_at DESC, id DESC);

CREATE TABLE webhook_delivery_attempts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  delivery_id uuid NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
  attempt int NOT NULL CHECK (attempt >= 1),
  attempted_at timestamptz NOT NULL,
  status_code int,
  duration_ms int NOT NULL,
  response_excerpt text CHECK (length(response_excerpt) <= 2000),
  error text CHECK (length(error) <= 500),
  UNIQUE (delivery_id, attempt)
);
CREATE INDEX webhook_delivery_attempts_tenant ON webhook_delivery_attempts (tenant_id, delivery_id);

ALTER TABLE webhook_endpoints ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_endpoints USING (tenant_id = steward.current_tenant());
ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_deliveries USING (tenant_id = steward.current_tenant());
ALTER TABLE webhook_delivery_attempts ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_delivery_attempts USING (tenant_id = steward.current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_endpoints TO steward_app;
GRANT SELECT, INSERT, UPDATE ON webhook_deliveries TO steward_app;
GRANT SELECT, INSERT ON webhook_delivery_attempts TO steward_app;

-- An endpoint switched off after failing raises an alert; whatever sources others have added stay allowed.
DO $d$ DECLARE def text; BEGIN
  SELECT pg_get_constraintdef(oid) INTO def FROM pg_constraint WHERE conrelid = 'alerts'::regclass AND conname = 'alerts_source_check';
  IF def IS NOT NULL THEN
    ALTER TABLE alerts DROP CONSTRAINT alerts_source_check;
    EXECUTE 'ALTER TABLE alerts ADD CONSTRAINT alerts_source_check CHECK (source = ''webhook'' OR ' || substr(def, 7) || ')';
  END IF;
END $d$;

-- Owner only: the fan-out trigger queues for the event's tenant, whatever the session's tenant is.
CREATE FUNCTION steward.queue_webhook_delivery(tenant uuid, delivery uuid, at timestamptz) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, steward AS $f$
BEGIN
  IF to_regnamespace('graphile_worker') IS NULL THEN RETURN; END IF;
  PERFORM graphile_worker.add_job('${JOB.webhookDeliver}', json_build_object('tenantId', tenant, 'deliveryId', delivery),
    run_at := at, job_key := '${JOB.webhookDeliver}:' || delivery, job_key_mode := 'replace', max_attempts := 5);
END $f$;
REVOKE ALL ON FUNCTION steward.queue_webhook_delivery(uuid, uuid, timestamptz) FROM PUBLIC;

CREATE FUNCTION steward.enqueue_webhook_delivery(delivery uuid, at timestamptz) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, steward AS $f$
DECLARE tenant uuid := steward.current_tenant();
BEGIN
  IF tenant IS NULL OR NOT EXISTS (SELECT 1 FROM webhook_deliveries WHERE id = delivery AND tenant_id = tenant) THEN
    RAISE EXCEPTION 'no such webhook delivery in this tenant';
  END IF;
  PERFORM steward.queue_webhook_delivery(tenant, delivery, at);
END $f$;
REVOKE ALL ON FUNCTION steward.enqueue_webhook_delivery(uuid, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION steward.enqueue_webhook_delivery(uuid, timestamptz) TO steward_app;

CREATE FUNCTION steward.webhook_fanout() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, steward AS $f$
DECLARE d record;
BEGIN
  FOR d IN
    INSERT INTO webhook_deliveries (tenant_id, endpoint_id, event_id, message_id, event_type, next_attempt_at)
    SELECT NEW.tenant_id, e.id, NEW.id, 'msg_' || replace(NEW.id::text, '-', ''), NEW.type, now()
    FROM webhook_endpoints e
    WHERE e.tenant_id = NEW.tenant_id AND e.active AND (cardinality(e.event_types) = 0 OR NEW.type = ANY(e.event_types))
    RETURNING id
  LOOP
    PERFORM steward.queue_webhook_delivery(NEW.tenant_id, d.id, now());
  END LOOP;
  RETURN NULL;
END $f$;
CREATE TRIGGER webhook_fanout AFTER INSERT ON domain_events FOR EACH ROW EXECUTE FUNCTION steward.webhook_fanout();
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP TRIGGER IF EXISTS webhook_fanout ON domain_events;
DROP FUNCTION IF EXISTS steward.webhook_fanout(), steward.enqueue_webhook_delivery(uuid, timestamptz), steward.queue_webhook_delivery(uuid, uuid, timestamptz);
DELETE FROM alerts WHERE source = 'webhook';
DROP TABLE IF EXISTS webhook_delivery_attempts, webhook_deliveries, webhook_endpoints;`);
  }
}
