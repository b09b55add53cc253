import { setTimeout as sleep } from 'node:timers/promises';
import { Harness, startHarness } from '../../test/harness';
import { stableUuid } from '../db/seed/deterministic';
import { demoApiKeySecret } from '../db/seed/demo-world';
import { todayUtc } from '../modules/costs';
import { inScope } from '../scope';
import { parseCrontab } from 'graphile-worker';
import { JOB, jobDefinition, JOBS, payloadOf } from './job-names';
import { CRONTAB, Jobs, startJobs, taskList } from './worker';

const acme = stableUuid('tenant:acme');

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe("a job's scope", () => {
  it("runs as steward_app and reaches only the tenant's rows", async () => {
    const seen = await inScope(h.services, { actor: { kind: 'system', tenantId: acme, name: 'job test' } }, async (ctx) => {
      const [role] = await ctx.tx.manager.query(`SELECT current_user AS name`);
      const tenants: { tenant_id: string }[] = await ctx.tx.manager.query(
        `SELECT DISTINCT tenant_id FROM cost_entries UNION SELECT DISTINCT tenant_id FROM budgets`,
      );
      return { role: role.name, tenants: tenants.map((t) => t.tenant_id) };
    });
    expect(seen).toEqual({ role: 'steward_app', tenants: [acme] });
  });

  it('is refused for a suspended tenant, and rolls back when its work fails', async () => {
    await expect(inScope(h.services, { actor: { kind: 'system', tenantId: stableUuid('tenant:umbrella'), name: 'job test' } }, async () => 1)).rejects.toThrow(
      /suspended/,
    );
    await expect(
      inScope(h.services, { actor: { kind: 'system', tenantId: acme, name: 'job test' } }, async (ctx) => {
        await ctx.tx.manager.query(`UPDATE budgets SET amount = 1 WHERE tenant_id = $1`, [acme]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const [row] = await h.sql(`SELECT min(amount)::text AS amount FROM budgets WHERE tenant_id = $1`, [acme]);
    expect(row.amount).not.toBe('1.000000');
  });
});

describe('the job queue', () => {
  let jobs: Jobs | null = null;
  afterAll(() => jobs?.stop());

  it('queues from SQL exactly the jobs defined in jobs/job-names.ts, with their payload fields, and runs each defined job', async () => {
    const functions: { name: string; def: string }[] = await h.sql(`SELECT p.proname AS name, pg_get_functiondef(p.oid) AS def FROM pg_proc p
      JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'steward' AND p.prokind = 'f'`);
    const enqueued = functions.flatMap((f) =>
      [...f.def.matchAll(/graphile_worker\.add_job\(\s*'([^']+)'\s*,\s*json_build_object\(([^)]*)\)/g)].map((m) => ({
        function: f.name,
        job: m[1],
        fields: m[2]
          .split(',')
          .filter((_, i) => i % 2 === 0)
          .map((k) => k.trim().replace(/^'|'$/g, ''))
          .sort(),
      })),
    );
    // Every add_job call was understood: none escapes the check below.
    expect(enqueued.length).toBe(functions.reduce((n, f) => n + (f.def.match(/graphile_worker\.add_job\(/g)?.length ?? 0), 0));
    expect(enqueued.length).toBeGreaterThan(0);
    for (const call of enqueued) {
      const job = jobDefinition(call.job);
      expect({ ...call, defined: job !== undefined, fromDatabase: job?.queuedBy.includes('database') }).toEqual({ ...call, defined: true, fromDatabase: true });
      expect(call.fields).toEqual(Object.keys(job!.payload).sort());
    }
    const definedNames = Object.values(JOBS)
      .map((job) => job.name)
      .sort();
    const databaseJobs = Object.values(JOBS)
      .filter((job) => (job.queuedBy as readonly string[]).includes('database'))
      .map((job) => job.name)
      .sort();
    expect([...new Set(enqueued.map((c) => c.job))].sort()).toEqual(databaseJobs);
    expect(Object.keys(taskList(h.services)).sort()).toEqual(definedNames);
    const scheduled = Object.values(JOBS)
      .filter((job) => (job.queuedBy as readonly string[]).includes('schedule'))
      .map((job) => job.name)
      .sort();
    expect(
      parseCrontab(CRONTAB)
        .map((item) => item.task)
        .sort(),
    ).toEqual(scheduled);
  });

  it('checks every payload against its definition', () => {
    const tenantId = acme;
    expect(payloadOf(JOB.waiverLapse, { tenantId, violationId: acme, extra: 1 })).toMatchObject({ tenantId, violationId: acme });
    expect(() => payloadOf(JOB.waiverLapse, { tenantId })).toThrow('job policies:waiverLapse: payload.violationId must be a uuid');
    expect(() => payloadOf(JOB.policyReevaluate, { tenantId: 'acme', runId: acme })).toThrow('payload.tenantId must be a uuid');
    expect(payloadOf(JOB.budgetCheckAll, { _cron: { ts: 'x' } })).toEqual({ _cron: { ts: 'x' } });
  });

  it('stays off with STEWARD_JOBS=off', async () => {
    expect(await startJobs(h.services, h.services.config.databaseUrl!, { STEWARD_JOBS: 'off' })).toBeNull();
  });

  it('checks budgets shortly after costs are recorded, on graphile-worker in PostgreSQL', async () => {
    jobs = await startJobs(h.services, h.services.config.databaseUrl!, {});
    const [schema] = await h.sql(`SELECT to_regnamespace('graphile_worker') IS NOT NULL AS present`);
    expect(schema.present).toBe(true);
    await h.sql(
      `INSERT INTO budgets (tenant_id, name, scope, category, period, amount, thresholds) VALUES ($1, 'Tiny network', 'category', 'network', 'monthly', 0.01, '{100}')`,
      [acme],
    );
    const runtime = h.apiKey(demoApiKeySecret('acme', 'Agent runtime'));
    const entry = { idempotencyKey: 'job-trigger', date: todayUtc(), amount: '0.02', provider: 'AZURE', service: 'Bandwidth', category: 'NETWORK' };
    const recorded = await runtime.ok(`mutation($input: CostEntriesRecordInput!) { costEntriesRecord(input: $input) { recordedCount } }`, {
      input: { entries: [entry] },
    });
    expect(recorded.costEntriesRecord.recordedCount).toBe(1);
    const [queued] = await h.sql(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'budgets:check' AND key = $1`, [
      `budgets:check:${acme}`,
    ]);
    expect(queued.n).toBe(1);
    let alerts: { severity: string }[] = [];
    for (let i = 0; i < 40 && !alerts.length; i++) {
      await sleep(250);
      alerts = await h.sql(`SELECT a.severity FROM alerts a JOIN budgets b ON b.id = a.budget_id WHERE b.name = 'Tiny network'`);
    }
    expect(alerts).toEqual([{ severity: 'critical' }]);
  });
});
