import { Harness, startHarness } from '../../test/harness';
import { stableUuid } from '../db/seed/deterministic';
import { JOB } from './job-names';
import { CREDENTIAL_RETENTION_DAYS, pruneExpiredCredentials } from './retention-tasks';
import { taskList } from './worker';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const acme = stableUuid('tenant:acme');
const viewer = stableUuid('user:viewer@acme.test');
const DAY = 86_400_000;
// The clock is a parameter: far enough ahead that the rows below are judged on their dates alone.
const now = new Date('2031-03-01T12:00:00Z');
const at = (days: number) => new Date(now.getTime() + days * DAY);

describe('credential retention (seed 001)', () => {
  it('removes expired refresh tokens and sessions, invitations and used or expired account tokens past their retention, and keeps the rest', async () => {
    const sessions = {
      expiredLongAgo: at(-CREDENTIAL_RETENTION_DAYS.sessions - 1),
      expiredRecently: at(-CREDENTIAL_RETENTION_DAYS.sessions + 1),
      revokedLongAgo: at(10),
      live: at(10),
    };
    for (const [label, expires] of Object.entries(sessions)) {
      await h.sql(
        `INSERT INTO sessions (user_id, family_id, refresh_token_hash, tenant_id, expires_at, revoked_at, user_agent)
         VALUES ($1, gen_random_uuid(), md5(random()::text), $2, $3, $4, $5)`,
        [viewer, acme, expires, label === 'revokedLongAgo' ? at(-CREDENTIAL_RETENTION_DAYS.sessions - 1) : null, `retention:${label}`],
      );
    }
    const invitations = { expiredLongAgo: at(-CREDENTIAL_RETENTION_DAYS.invitations - 1), expiredRecently: at(-1), pending: at(5) };
    for (const [label, expires] of Object.entries(invitations)) {
      await h.sql(`INSERT INTO invitations (tenant_id, email, role, token_hash, expires_at) VALUES ($1, $2, 'viewer', md5(random()::text), $3)`, [
        acme,
        `retention-${label.toLowerCase()}@acme.test`,
        expires,
      ]);
    }
    const tokens = {
      usedLongAgo: { used: at(-CREDENTIAL_RETENTION_DAYS.accountTokens - 1), expires: at(1) },
      expiredLongAgo: { used: null, expires: at(-CREDENTIAL_RETENTION_DAYS.accountTokens - 1) },
      expiredRecently: { used: null, expires: at(-1) },
      unused: { used: null, expires: at(1) },
    };
    for (const [label, t] of Object.entries(tokens)) {
      await h.sql(
        `INSERT INTO account_tokens (user_id, purpose, token_hash, email, expires_at, used_at) VALUES ($1, 'password_reset', encode(sha256(random()::text::bytea), 'hex'), $2, $3, $4)`,
        [viewer, `retention-${label.toLowerCase()}@acme.test`, t.expires, t.used],
      );
    }

    const pruned = await pruneExpiredCredentials(h.dataSource, now);
    expect(pruned.sessions).toBeGreaterThanOrEqual(2);
    expect(pruned.invitations).toBeGreaterThanOrEqual(1);
    expect(pruned.accountTokens).toBeGreaterThanOrEqual(2);

    const left = async (sql: string) => (await h.sql(sql)).map((r: { label: string }) => r.label).sort();
    expect(await left(`SELECT substr(user_agent, 11) AS label FROM sessions WHERE user_agent LIKE 'retention:%'`)).toEqual(['expiredRecently', 'live']);
    expect(await left(`SELECT split_part(email, '@', 1) AS label FROM invitations WHERE email LIKE 'retention-%'`)).toEqual([
      'retention-expiredrecently',
      'retention-pending',
    ]);
    expect(await left(`SELECT split_part(email, '@', 1) AS label FROM account_tokens WHERE email LIKE 'retention-%'`)).toEqual([
      'retention-expiredrecently',
      'retention-unused',
    ]);
    // Nothing is left to remove at the same moment.
    expect(await pruneExpiredCredentials(h.dataSource, now)).toEqual({ sessions: 0, invitations: 0, accountTokens: 0 });
  });

  it('runs on the worker’s schedule as data:credentialRetention, with the real clock keeping what is current', async () => {
    const [before] = await h.sql(`SELECT count(*)::int AS n FROM sessions WHERE expires_at > now() AND revoked_at IS NULL`);
    await taskList(h.services)[JOB.credentialRetention]!({}, {} as never);
    const [after] = await h.sql(`SELECT count(*)::int AS n FROM sessions WHERE expires_at > now() AND revoked_at IS NULL`);
    expect(after.n).toBe(before.n);
  });
});
