import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Single-use tokens mailed for the account lifecycle (password reset, email verification): only their
 * SHA-256 is stored, each expires, and a use marks it used. A person's tokens belong to no tenant, so
 * the table is the owner connection's alone (steward_app has no grant on it).
 */
export class AccountTokens17672000100000 implements MigrationInterface {
  name = 'AccountTokens17672000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE account_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (purpose IN ('password_reset','email_verification')),
  token_hash text NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  email text NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX account_tokens_user ON account_tokens (user_id, purpose, created_at DESC);
REVOKE ALL ON account_tokens FROM PUBLIC;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS account_tokens;`);
  }
}
