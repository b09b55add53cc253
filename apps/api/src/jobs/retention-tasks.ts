import type { DataSource } from 'typeorm';
import { inScope, type AppServices } from '../scope';
import { purgeExpired, tenantsWithExpiredDeletions } from '../modules/deleted-items';
import { JOB } from './job-names';

/** How long what has run out is kept before the retention job removes it (seed 001), in days. */
export const CREDENTIAL_RETENTION_DAYS = {
  /** Sessions (each row a refresh token of a session family) past their expiry or revocation; rotated tokens stay as long as their family can be replayed. */
  sessions: 30,
  /** Invitations past their expiry, whatever became of them (the audit log keeps who invited whom). */
  invitations: 30,
  /** Password reset and email verification tokens once used or expired. */
  accountTokens: 7,
} as const;

export interface CredentialsPruned {
  sessions: number;
  invitations: number;
  accountTokens: number;
}

/**
 * Removes expired refresh tokens and sessions, invitations and used or expired account tokens, older than
 * their retention at `now` (a parameter so tests control the clock). Runs as the database owner across
 * tenants (sessions and account tokens belong to people, not tenants), one transaction, one statement a table.
 */
export async function pruneExpiredCredentials(dataSource: DataSource, now = new Date()): Promise<CredentialsPruned> {
  const days = CREDENTIAL_RETENTION_DAYS;
  const [row]: { sessions: number; invitations: number; account_tokens: number }[] = await dataSource.query(
    `WITH s AS (
       DELETE FROM sessions WHERE expires_at < $1::timestamptz - make_interval(days => $2) OR revoked_at < $1::timestamptz - make_interval(days => $2)
       RETURNING 1),
     i AS (DELETE FROM invitations WHERE expires_at < $1::timestamptz - make_interval(days => $3) RETURNING 1),
     t AS (DELETE FROM account_tokens WHERE used_at < $1::timestamptz - make_interval(days => $4) OR expires_at < $1::timestamptz - make_interval(days => $4)
       RETURNING 1)
     SELECT (SELECT count(*) FROM s)::int AS sessions, (SELECT count(*) FROM i)::int AS invitations, (SELECT count(*) FROM t)::int AS account_tokens`,
    [now, days.sessions, days.invitations, days.accountTokens],
  );
  return { sessions: row.sessions, invitations: row.invitations, accountTokens: row.account_tokens };
}

/**
 * Purges, tenant by tenant in each tenant's scope, what was deleted longer ago than its plan keeps it
 * restorable. One tenant's failure does not hold back the others; the job fails afterwards, to be retried.
 */
export async function purgeDeletedEverywhere(services: AppServices, now = new Date()): Promise<number> {
  let purged = 0;
  const failed: string[] = [];
  for (const tenantId of await tenantsWithExpiredDeletions(services.dataSource, now)) {
    await inScope(services, { actor: { kind: 'system', tenantId, name: `job ${JOB.deletedPurge}` } }, (scope) => purgeExpired(scope, now)).then(
      (n) => {
        purged += n;
      },
      (error) => {
        services.log.error({ err: error, tenantId }, `${JOB.deletedPurge} failed`);
        failed.push(tenantId);
      },
    );
  }
  if (failed.length) throw new Error(`${JOB.deletedPurge} failed for ${failed.length} tenant(s)`);
  return purged;
}
