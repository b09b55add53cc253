import { MigrationInterface, QueryRunner } from 'typeorm';

/** Account tokens also confirm a new address before an account's email changes to it. */
export class EmailChangeTokens17687000000000 implements MigrationInterface {
  name = 'EmailChangeTokens17687000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE account_tokens DROP CONSTRAINT account_tokens_purpose_check;
ALTER TABLE account_tokens ADD CONSTRAINT account_tokens_purpose_check CHECK (purpose IN ('password_reset','email_verification','email_change'));
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DELETE FROM account_tokens WHERE purpose = 'email_change';
ALTER TABLE account_tokens DROP CONSTRAINT account_tokens_purpose_check;
ALTER TABLE account_tokens ADD CONSTRAINT account_tokens_purpose_check CHECK (purpose IN ('password_reset','email_verification'));
`);
  }
}
