import { MigrationInterface, QueryRunner } from 'typeorm';
import { JOB } from '../../jobs/job-names';

/**
 * The transactional mail outbox: a message is a row written in the transaction that decides to send
 * it (so a rolled-back change sends nothing), and a mail:send job queued by the row's insert sends it
 * over SMTP. Tenant mail (invitations, notifications) carries its tenant; account mail (password
 * reset, email verification) belongs to a person, not a tenant, and is written with no tenant by the
 * owner connection, which is why the policy lets steward_app see only its tenant's rows.
 */
export class MailOutbox17672000000000 implements MigrationInterface {
  name = 'MailOutbox17672000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE mail_outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid REFERENCES tenants(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (length(kind) BETWEEN 1 AND 60),
  to_address text NOT NULL CHECK (length(to_address) BETWEEN 3 AND 320),
  subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
  text_body text NOT NULL CHECK (length(text_body) <= 100000),
  html_body text CHECK (length(html_body) <= 200000),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','failed')),
  attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_error text CHECK (length(last_error) <= 1000),
  smtp_message_id text,
  created_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX mail_outbox_tenant_created ON mail_outbox (tenant_id, created_at DESC, id DESC);
CREATE INDEX mail_outbox_to_created ON mail_outbox (lower(to_address), created_at DESC);
ALTER TABLE mail_outbox ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON mail_outbox USING (tenant_id = steward.current_tenant());
GRANT SELECT, INSERT ON mail_outbox TO steward_app;

-- Owner only, through the trigger: whoever wrote the row, its send is queued in the same transaction.
CREATE FUNCTION steward.queue_mail() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, steward AS $f$
BEGIN
  IF NEW.status <> 'pending' OR to_regnamespace('graphile_worker') IS NULL THEN RETURN NULL; END IF;
  PERFORM graphile_worker.add_job('${JOB.mailSend}', json_build_object('mailId', NEW.id),
    job_key := '${JOB.mailSend}:' || NEW.id, job_key_mode := 'replace', max_attempts := 8);
  RETURN NULL;
END $f$;
REVOKE ALL ON FUNCTION steward.queue_mail() FROM PUBLIC;
CREATE TRIGGER mail_outbox_queue AFTER INSERT ON mail_outbox FOR EACH ROW EXECUTE FUNCTION steward.queue_mail();
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS mail_outbox_queue ON mail_outbox; DROP FUNCTION IF EXISTS steward.queue_mail(); DROP TABLE IF EXISTS mail_outbox;`);
  }
}
