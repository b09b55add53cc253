import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invitations give a custom role as members and API keys hold one: exactly one of a system role and a custom
 * role. A pending invitation counts as a holder, so the role cannot be deleted under it.
 */
export class InvitationCustomRoles17668000000000 implements MigrationInterface {
  name = 'InvitationCustomRoles17668000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE invitations ALTER COLUMN role DROP NOT NULL,
  ADD COLUMN custom_role_id uuid,
  ADD CONSTRAINT invitations_custom_role_fk FOREIGN KEY (custom_role_id, tenant_id) REFERENCES roles (id, tenant_id),
  ADD CONSTRAINT invitations_one_role CHECK ((role IS NULL) <> (custom_role_id IS NULL));
CREATE INDEX invitations_custom_role ON invitations (custom_role_id) WHERE custom_role_id IS NOT NULL;`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DELETE FROM invitations WHERE custom_role_id IS NOT NULL;
ALTER TABLE invitations DROP COLUMN custom_role_id, ALTER COLUMN role SET NOT NULL;`);
  }
}
