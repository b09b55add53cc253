import { MigrationInterface, QueryRunner } from 'typeorm';
import { JOB } from '../../jobs/job-names';

/**
 * Agents' channels deliver (issue 15): one channel_deliveries row per message to one channel, sent by
 * the channels:deliver job with retries, and kept as the channel's delivery log. Messages come from
 * alerts and violations about the channel's agent (made by a trigger in the event's own transaction),
 * from workflow "send to a channel" tasks, and from "send test message".
 */
export class ChannelDeliveries17682000000000 implements MigrationInterface {
  name = 'ChannelDeliveries17682000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE channel_deliveries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  channel_id uuid NOT NULL REFERENCES agent_channels(id) ON DELETE CASCADE,
  source text NOT NULL CHECK (source IN ('event','workflow','test')),
  event_id uuid,
  execution_id uuid,
  message_id text NOT NULL CHECK (length(message_id) BETWEEN 1 AND 100),
  subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','retrying','succeeded','failed','cancelled')),
  attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at timestamptz,
  last_status_code int,
  last_duration_ms int,
  last_error text CHECK (length(last_error) <= 500),
  response_excerpt text CHECK (length(response_excerpt) <= 2000),
  mail_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz
);
CREATE INDEX channel_deliveries_channel_created ON channel_deliveries (tenant_id, channel_id, created_at DESC, id DESC);
ALTER TABLE channel_deliveries ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON channel_deliveries USING (tenant_id = steward.current_tenant());
GRANT SELECT, INSERT, UPDATE ON channel_deliveries TO steward_app;

-- Owner only: queues for the delivery's tenant, whatever the session's tenant is.
CREATE FUNCTION steward.queue_channel_delivery(tenant uuid, delivery uuid, at timestamptz) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, steward AS $f$
BEGIN
  IF to_regnamespace('graphile_worker') IS NULL THEN RETURN; END IF;
  PERFORM graphile_worker.add_job('${JOB.channelDeliver}', json_build_object('tenantId', tenant, 'deliveryId', delivery),
    run_at := at, job_key := '${JOB.channelDeliver}:' || delivery, job_key_mode := 'replace', max_attempts := 5);
END $f$;
REVOKE ALL ON FUNCTION steward.queue_channel_delivery(uuid, uuid, timestamptz) FROM PUBLIC;

CREATE FUNCTION steward.enqueue_channel_delivery(delivery uuid, at timestamptz) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, steward AS $f$
DECLARE tenant uuid := steward.current_tenant();
BEGIN
  IF tenant IS NULL OR NOT EXISTS (SELECT 1 FROM channel_deliveries WHERE id = delivery AND tenant_id = tenant) THEN
    RAISE EXCEPTION 'no such channel delivery in this tenant';
  END IF;
  PERFORM steward.queue_channel_delivery(tenant, delivery, at);
END $f$;
REVOKE ALL ON FUNCTION steward.enqueue_channel_delivery(uuid, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION steward.enqueue_channel_delivery(uuid, timestamptz) TO steward_app;

-- Alerts raised and violations opened about an agent reach the agent's enabled channels, in the event's transaction.
CREATE FUNCTION steward.channel_fanout() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, steward AS $f$
DECLARE
  agent uuid;
  d record;
  subject text;
BEGIN
  IF NEW.type NOT IN ('alert.raised', 'violation.opened') THEN RETURN NULL; END IF;
  agent := nullif(NEW.payload->>'agentId', '')::uuid;
  IF agent IS NULL THEN RETURN NULL; END IF;
  subject := CASE NEW.type WHEN 'alert.raised' THEN 'Alert (' || coalesce(NEW.payload->>'severity', 'info') || ')'
    ELSE 'Violation on ' || coalesce(NEW.payload->>'agentName', 'an agent') || ' (' || coalesce(NEW.payload->>'severity', 'medium') || ')' END;
  FOR d IN
    INSERT INTO channel_deliveries (tenant_id, channel_id, source, event_id, message_id, subject, text, next_attempt_at)
    SELECT NEW.tenant_id, c.id, 'event', NEW.id, 'msg_' || replace(NEW.id::text, '-', ''), left(subject, 300),
      left(coalesce(nullif(NEW.payload->>'message', ''), NEW.type), 4000), now()
    FROM agent_channels c WHERE c.tenant_id = NEW.tenant_id AND c.agent_id = agent AND c.enabled
    RETURNING id
  LOOP
    PERFORM steward.queue_channel_delivery(NEW.tenant_id, d.id, now());
  END LOOP;
  RETURN NULL;
END $f$;
CREATE TRIGGER channel_fanout AFTER INSERT ON domain_events FOR EACH ROW EXECUTE FUNCTION steward.channel_fanout();
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP TRIGGER IF EXISTS channel_fanout ON domain_events;
DROP FUNCTION IF EXISTS steward.channel_fanout(), steward.enqueue_channel_delivery(uuid, timestamptz), steward.queue_channel_delivery(uuid, uuid, timestamptz);
DROP TABLE IF EXISTS channel_deliveries;`);
  }
}
