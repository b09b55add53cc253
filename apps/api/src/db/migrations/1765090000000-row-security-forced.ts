import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Row-level security forced on every tenant table, so it holds for the tables' owner too, not only
 * for `steward_app`. The owner's own paths (opening a request, sign-in, jobs) read across tenants on
 * purpose, so the owner must be a superuser or have BYPASSRLS; refuse clearly rather than let them
 * find nothing at run time.
 */
export class RowSecurityForced1765090000000 implements MigrationInterface {
  name = 'RowSecurityForced1765090000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
DO $$
DECLARE t record;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolbypassrls)) THEN
    RAISE EXCEPTION 'the role % owns Steward''s tables but is neither a superuser nor BYPASSRLS: grant it BYPASSRLS (ALTER ROLE % BYPASSRLS) and migrate again', current_user, current_user;
  END IF;
  FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
           WHERE n.nspname = 'public' AND c.relkind = 'r' LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY', t.relname);
  END LOOP;
END $$;`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DO $$
DECLARE t record;
BEGIN
  FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relforcerowsecurity LOOP
    EXECUTE format('ALTER TABLE %I NO FORCE ROW LEVEL SECURITY', t.relname);
  END LOOP;
END $$;`);
  }
}
