import { Harness, startHarness } from '../../../test/harness';
import { ErasableAuditChain17685200000000 } from '../../db/migrations/17685200000000-erasable-audit-chain';
import { AuditPartitions17659000000000 } from '../../db/migrations/17659000000000-audit-partitions';
import { maintainPartitions } from '../../jobs/metric-tasks';

const VERIFY = `{ auditChainVerification { valid checkedCount problem firstBrokenEntry { id seq action } } }`;
const CREATE_KEY = `mutation($input: ApiKeyCreateInput!) { apiKeyCreate(input: $input) { apiKey { id } userErrors { code } } }`;
const month = (d: Date) => `audit_entries_p${d.toISOString().slice(0, 7).replace('-', '')}`;
const monthsAhead = (n: number) => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 15));
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

async function partitions(): Promise<string[]> {
  const rows: { name: string }[] = await h.sql(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'audit_entries'::regclass ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}

describe('the audit log, partitioned by month', () => {
  it('is a partitioned table whose entries land in the month they were written, and the chain verifies', async () => {
    const [kind] = await h.sql(`SELECT relkind FROM pg_class WHERE relname = 'audit_entries'`);
    expect(kind.relkind).toBe('p');
    expect(await partitions()).toEqual(expect.arrayContaining([month(new Date()), month(monthsAhead(1)), month(monthsAhead(3))]));
    const admin = await h.signIn('admin@acme.test');
    await admin.ok(CREATE_KEY, { input: { name: 'Partitioned 1', role: 'VIEWER' } });
    const [entry] = await h.sql(`SELECT tableoid::regclass::text AS partition FROM audit_entries WHERE entity_name = 'Partitioned 1'`);
    expect(entry.partition).toBe(month(new Date()));
    const auditor = await h.signIn('auditor@acme.test');
    expect((await auditor.ok(VERIFY)).auditChainVerification).toMatchObject({ valid: true, problem: null });
  });

  it('stays append-only: updates, deletes and truncates are refused on the parent and on a partition, even to the owner', async () => {
    const [row] = await h.sql(`SELECT id FROM audit_entries ORDER BY seq LIMIT 1`);
    await expect(h.sql(`UPDATE audit_entries SET action = 'x' WHERE id = $1`, [row.id])).rejects.toThrow(/append-only/);
    await expect(h.sql(`DELETE FROM audit_entries WHERE id = $1`, [row.id])).rejects.toThrow(/append-only/);
    await expect(h.sql(`DELETE FROM ${month(new Date())} WHERE id = $1`, [row.id])).rejects.toThrow(/append-only/);
    await expect(h.sql(`TRUNCATE audit_entries`)).rejects.toThrow(/append-only/);
    // A time chosen by the writer (here a month ahead) is refused: entries take their time from the database.
    await expect(
      h.sql(`INSERT INTO audit_entries (tenant_id, actor_type, action, outcome, created_at, prev_hash, hash)
             VALUES (NULL, 'system', 'forged', 'success', now() + interval '1 month', '', '')`),
    ).rejects.toThrow(/take their time from the database/);
  });

  it('gets the partition of a new month from the partitions job, ahead of time, and once', async () => {
    const later = monthsAhead(8);
    expect(await partitions()).not.toContain(month(later));
    await maintainPartitions(h.services, later);
    expect(await partitions()).toContain(month(later));
    const [again] = await h.sql(`SELECT steward.ensure_month_partitions('audit_entries', $1::timestamptz - interval '1 month', 5) AS made`, [later]);
    expect(again.made).toBe(0);
    const [forced] = await h.sql(
      `SELECT c.relforcerowsecurity AS forced, has_table_privilege('steward_app', c.oid, 'SELECT,INSERT') AS reachable FROM pg_class c WHERE c.relname = $1`,
      [month(later)],
    );
    expect(forced).toEqual({ forced: true, reachable: false });
  });

  /** Entries whose hash or link does not verify, every chain at once, in the format the database has now. */
  const brokenLinks = async () =>
    (
      await h.sql(`WITH c AS (SELECT a.hash, steward.audit_entry_hash(a) AS r, a.prev_hash,
        lag(a.hash, 1, '') OVER (PARTITION BY coalesce(a.tenant_id, '00000000-0000-0000-0000-000000000000'::uuid) ORDER BY a.seq) AS p FROM audit_entries a)
        SELECT count(*)::int AS n FROM c WHERE r <> hash OR prev_hash <> p`)
    )[0].n;

  it('keeps every chain valid through the migration both ways: rows, hashes and positions copied as they are', async () => {
    const auditor = await h.signIn('admin@globex.test');
    const admin = await h.signIn('admin@globex.test');
    await admin.ok(CREATE_KEY, { input: { name: 'Before the move', role: 'VIEWER' } });
    const before = (await auditor.ok(VERIFY)).auditChainVerification;
    expect(before.valid).toBe(true);
    const [{ n: total }] = await h.sql(`SELECT count(*)::int AS n FROM audit_entries`);
    const migration = new AuditPartitions17659000000000();
    // The erasable chain format builds on the partitioned table: it steps aside first and comes back last.
    const erasable = new ErasableAuditChain17685200000000();
    const runner = h.dataSource.createQueryRunner();
    try {
      await erasable.down(runner);
      expect(await brokenLinks()).toBe(0);
      await migration.down(runner);
      const [flat] = await h.sql(`SELECT relkind, (SELECT count(*)::int FROM audit_entries) AS n FROM pg_class WHERE relname = 'audit_entries'`);
      expect(flat).toEqual({ relkind: 'r', n: total });
      // In SQL: the server's verification speaks the current chain format, which stepped aside.
      expect(await brokenLinks()).toBe(0);
      await migration.up(runner);
      await erasable.up(runner);
    } finally {
      await runner.release();
    }
    const [partitioned] = await h.sql(`SELECT relkind, (SELECT count(*)::int FROM audit_entries) AS n FROM pg_class WHERE relname = 'audit_entries'`);
    expect(partitioned).toEqual({ relkind: 'p', n: total });
    expect((await auditor.ok(VERIFY)).auditChainVerification).toMatchObject({ valid: true, checkedCount: before.checkedCount });
    // The chain goes on from where it was.
    await admin.ok(CREATE_KEY, { input: { name: 'After the move', role: 'VIEWER' } });
    const after = (await auditor.ok(VERIFY)).auditChainVerification;
    expect(after.valid).toBe(true);
    expect(after.checkedCount).toBeGreaterThan(before.checkedCount);
  });
});
