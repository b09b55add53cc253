import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A platform admin who creates a tenant invites its first admin, and so queues the invitation mail of a tenant that is
 * not theirs: they may add (and read back) mail rows, as they may add the invitation itself.
 */
export class MailOutboxPlatform17677000000000 implements MigrationInterface {
  name = 'MailOutboxPlatform17677000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE POLICY platform_admin_add ON mail_outbox FOR INSERT WITH CHECK (steward.is_platform_admin());
CREATE POLICY platform_admin_read ON mail_outbox FOR SELECT USING (steward.is_platform_admin());`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP POLICY IF EXISTS platform_admin_read ON mail_outbox; DROP POLICY IF EXISTS platform_admin_add ON mail_outbox;`);
  }
}
