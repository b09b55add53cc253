import { Caller, Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { toGlobalId } from '../../graphql/global-id';
import { checkTenantBudgets, rollOverTenant } from '../../jobs/budget-tasks';
import { purgeDeletedEverywhere } from '../../jobs/retention-tasks';

const acme = stableUuid('tenant:acme');
const agentId = (name: string, tenant = 'acme') => toGlobalId('Agent', stableUuid(`agent:${tenant}:${name}`));

const CREATE = `mutation($input: BudgetCreateInput!) { budgetCreate(input: $input) { budget { id name scope period amount thresholds enforcement agent { name } } userErrors { field message code } } }`;
const RECORD = `mutation($input: CostEntriesRecordInput!) { costEntriesRecord(input: $input) { recordedCount userErrors { field message } } }`;

let h: Harness;
let admin: Caller;
let dev: Caller;
beforeAll(async () => {
  h = await startHarness();
  admin = await h.signIn('admin@acme.test');
  dev = await h.signIn('dev@acme.test');
});
afterAll(() => h.close());

let keys = 0;
async function spend(amount: string, date: string, extra: Record<string, unknown> = {}): Promise<void> {
  keys += 1;
  const entry = { idempotencyKey: `budget-test-${keys}`, date, amount, provider: 'AWS', service: 'EC2', category: 'COMPUTE', ...extra };
  expect((await dev.ok(RECORD, { input: { entries: [entry] } })).costEntriesRecord).toEqual({ recordedCount: 1, userErrors: [] });
}

async function createBudget(input: Record<string, unknown>): Promise<{ id: string }> {
  const { budgetCreate } = await admin.ok(CREATE, { input });
  expect(budgetCreate.userErrors).toEqual([]);
  return budgetCreate.budget;
}

describe('budgets', () => {
  it('are created by admins for the tenant, an agent, a tag or a category, audited', async () => {
    const created = (
      await admin.ok(CREATE, {
        input: { name: 'Triage monthly', scope: 'AGENT', agentId: agentId('Incident Triage'), period: 'MONTHLY', amount: '2500', enforcement: 'BLOCK' },
      })
    ).budgetCreate;
    expect(created).toEqual({
      budget: {
        id: expect.any(String),
        name: 'Triage monthly',
        scope: 'AGENT',
        period: 'MONTHLY',
        amount: '2500.000000',
        thresholds: [50, 80, 100],
        enforcement: 'BLOCK',
        agent: { name: 'Incident Triage' },
      },
      userErrors: [],
    });
    const tagged = (
      await admin.ok(CREATE, { input: { name: 'Prod quarterly', scope: 'TAG', tag: 'prod', period: 'QUARTERLY', amount: '9000', thresholds: [100, 75] } })
    ).budgetCreate;
    expect(tagged.budget.thresholds).toEqual([75, 100]);
    const [entry] = await h.sql(`SELECT actor_user_id, after->>'scope' AS scope FROM audit_entries WHERE action = 'budget.create' ORDER BY seq LIMIT 1`);
    expect(entry).toEqual({ actor_user_id: stableUuid('user:admin@acme.test'), scope: 'agent' });
  });

  it('refuse inconsistent terms with a field to fix', async () => {
    const cases: [Record<string, unknown>, string[], RegExp][] = [
      [{ name: 'T', scope: 'TAG', period: 'MONTHLY', amount: '10' }, ['input', 'tag'], /needs tag/],
      [{ name: 'T', scope: 'TENANT', agentId: agentId('Code Reviewer'), period: 'MONTHLY', amount: '10' }, ['input', 'agentId'], /only for agent budgets/],
      [{ name: 'T', scope: 'TENANT', period: 'MONTHLY', amount: '10', enforcement: 'BLOCK' }, ['input', 'enforcement'], /Only agent budgets can block/],
      [{ name: 'T', scope: 'TENANT', period: 'MONTHLY', amount: '0' }, ['input', 'amount'], /more than zero/],
      [{ name: 'T', scope: 'TENANT', period: 'MONTHLY', amount: '10', thresholds: [50, 50] }, ['input', 'thresholds'], /different percentages/],
      [{ name: 'T', scope: 'AGENT', agentId: agentId('Code Reviewer', 'globex'), period: 'MONTHLY', amount: '10' }, ['input', 'agentId'], /No such agent/],
      [{ name: 'triage MONTHLY', scope: 'TENANT', period: 'MONTHLY', amount: '10' }, ['input', 'name'], /already exists/],
    ];
    for (const [input, field, message] of cases) {
      const { budgetCreate } = await admin.ok(CREATE, { input });
      expect(budgetCreate.budget).toBeNull();
      expect(budgetCreate.userErrors).toEqual([{ field, message: expect.stringMatching(message), code: expect.any(String) }]);
    }
  });

  it('refuse every problem of one input at once, each at its field, and write nothing', async () => {
    const input = { name: 'Three typos', scope: 'TENANT', period: 'MONTHLY', amount: '-5', currency: 'usd', thresholds: [0, 80], enforcement: 'BLOCK' };
    const { budgetCreate } = await admin.ok(CREATE, { input });
    expect(budgetCreate.budget).toBeNull();
    expect(budgetCreate.userErrors).toEqual([
      { field: ['input', 'amount'], message: 'amount must be more than zero', code: 'BAD_USER_INPUT' },
      { field: ['input', 'currency'], message: 'currency must be an ISO 4217 code such as USD', code: 'BAD_USER_INPUT' },
      { field: ['input', 'thresholds'], message: 'thresholds must be 1 to 10 different percentages between 1 and 1000', code: 'BAD_USER_INPUT' },
      { field: ['input', 'enforcement'], message: 'Only agent budgets can block', code: 'BAD_USER_INPUT' },
    ]);
    expect(await h.sql(`SELECT 1 FROM budgets WHERE name = 'Three typos'`)).toEqual([]);
    const [entry] = await h.sql(
      `SELECT outcome, error_code, after FROM audit_entries WHERE action = 'budget.create' AND outcome = 'failure' ORDER BY seq DESC LIMIT 1`,
    );
    expect(entry).toMatchObject({
      outcome: 'failure',
      error_code: 'BAD_USER_INPUT',
      after: { problems: expect.arrayContaining([{ field: 'currency', message: 'currency must be an ISO 4217 code such as USD' }]) },
    });
  });

  it('are read by analysts with amounts, by compliance officers and auditors without, and not by viewers', async () => {
    const LIST = `{ budgets(first: 20) { nodes { name amount currentSpend currentPeriod { start end } } } }`;
    const analyst = await (await h.signIn('analyst@acme.test')).gql(LIST);
    expect(analyst.errors).toBeUndefined();
    expect(analyst.data.budgets.nodes.find((b: { name: string }) => b.name === 'Monthly cloud and AI spend')).toEqual({
      name: 'Monthly cloud and AI spend',
      amount: '10000.000000',
      currentSpend: expect.stringMatching(/^\d+\.\d{6}$/),
      currentPeriod: { start: expect.any(String), end: expect.any(String) },
    });
    const auditor = await (await h.signIn('auditor@acme.test')).gql(LIST);
    expect(auditor.data.budgets.nodes[0]).toMatchObject({ amount: null, currentSpend: null });
    expect(new Set(auditor.errors?.map((e) => e.extensions?.code))).toEqual(new Set(['FORBIDDEN']));
    const viewer = await (await h.signIn('viewer@acme.test')).gql(LIST);
    expect(viewer.data.budgets).toBeNull();
    const analystCreate = await (await h.signIn('analyst@acme.test')).gql(CREATE, { input: { name: 'x', scope: 'TENANT', period: 'MONTHLY', amount: '1' } });
    expect(analystCreate.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('sum their current spend for a page of budgets in one statement', async () => {
    const PAGE = `query($first: Int) { budgets(first: $first) { nodes { currentSpend agent { name } } } }`;
    // The two newest: a tag budget and an agent budget, so both loaders run on either page.
    const one = await admin.gql(PAGE, { first: 2 });
    const all = await admin.gql(PAGE, { first: 20 });
    expect(all.data.budgets.nodes.length).toBeGreaterThan(3);
    expect(all.extensions?.sql.statements).toBe(one.extensions?.sql.statements);
  });

  it('of another tenant read as NOT_FOUND and change nothing', async () => {
    const globexBudget = toGlobalId('Budget', stableUuid('budget:globex:Monthly cloud and AI spend'));
    expect((await admin.gql(`query($id: ID!) { budget(id: $id) { name } }`, { id: globexBudget })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const update = await admin.gql(`mutation($input: BudgetUpdateInput!) { budgetUpdate(input: $input) { budget { id } } }`, {
      input: { budgetId: globexBudget, amount: '1' },
    });
    expect(update.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const remove = await admin.gql(`mutation($input: BudgetDeleteInput!) { budgetDelete(input: $input) { deletedBudgetId } }`, {
      input: { budgetId: globexBudget },
    });
    expect(remove.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const [row] = await h.sql(`SELECT amount FROM budgets WHERE id = $1`, [stableUuid('budget:globex:Monthly cloud and AI spend')]);
    expect(row.amount).toBe('7000.000000');
    const globexAlert = await h.sql(`SELECT id FROM alerts WHERE tenant_id = $1 LIMIT 1`, [stableUuid('tenant:globex')]);
    const ack = await admin.gql(`mutation($input: AlertTransitionInput!) { alertAcknowledge(input: $input) { alert { id } } }`, {
      input: { alertId: toGlobalId('Alert', globexAlert[0].id) },
    });
    expect(ack.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});

describe('threshold alerts', () => {
  it('are raised once per budget, period and threshold, however often the check runs', async () => {
    const budget = await createBudget({ name: 'May compute', scope: 'CATEGORY', category: 'COMPUTE', period: 'MONTHLY', amount: '100' });
    await spend('45', '2024-05-03');
    await spend('40', '2024-05-10');
    const first = await checkTenantBudgets(h.services, acme, '2024-05-20');
    expect(first.map((a) => [a.budget_name, a.threshold, a.severity, a.spend])).toEqual([
      ['May compute', 50, 'info', '85.000000'],
      ['May compute', 80, 'warning', '85.000000'],
    ]);
    expect(await checkTenantBudgets(h.services, acme, '2024-05-20')).toEqual([]);
    await spend('20', '2024-05-21');
    const concurrent = await Promise.all(Array.from({ length: 4 }, () => checkTenantBudgets(h.services, acme, '2024-05-22')));
    expect(concurrent.flat().map((a) => a.threshold)).toEqual([100]);
    const stored = await h.sql(`SELECT threshold, status, severity, period_start::text, period_end::text FROM alerts WHERE budget_id = $1 ORDER BY threshold`, [
      budgetUuid(budget.id),
    ]);
    expect(stored).toEqual([
      { threshold: 50, status: 'open', severity: 'info', period_start: '2024-05-01', period_end: '2024-05-31' },
      { threshold: 80, status: 'open', severity: 'warning', period_start: '2024-05-01', period_end: '2024-05-31' },
      { threshold: 100, status: 'open', severity: 'critical', period_start: '2024-05-01', period_end: '2024-05-31' },
    ]);
    const audited = await h.sql(
      `SELECT count(*)::int AS n, array_agg(DISTINCT actor_type) AS actors FROM audit_entries WHERE action = 'alert.raise' AND entity_name = 'May compute'`,
    );
    expect(audited[0]).toEqual({ n: 3, actors: ['system'] });
    // The next month starts from nothing.
    expect(await checkTenantBudgets(h.services, acme, '2024-06-02')).toEqual([]);
  });

  it('follow the burn-down of the period day by day', async () => {
    const id = toGlobalId('Budget', (await h.sql(`SELECT id FROM budgets WHERE name = 'May compute'`))[0].id);
    const analyst = await h.signIn('analyst@acme.test');
    const { budgetBurndown } = await analyst.ok(
      `query($id: ID!) { budgetBurndown(id: $id, period: "2024-05-15") {
      periodStart periodEnd amount spent remaining days { date amount cumulative } thresholds { percent amount reachedOn } } }`,
      { id },
    );
    expect(budgetBurndown).toMatchObject({
      periodStart: '2024-05-01',
      periodEnd: '2024-05-31',
      amount: '100.000000',
      spent: '105.000000',
      remaining: '-5.000000',
    });
    expect(budgetBurndown.days).toHaveLength(31);
    expect(budgetBurndown.days[2]).toEqual({ date: '2024-05-03', amount: '45.000000', cumulative: '45.000000' });
    expect(budgetBurndown.days[30]).toEqual({ date: '2024-05-31', amount: '0', cumulative: '105.000000' });
    expect(budgetBurndown.thresholds).toEqual([
      { percent: 50, amount: '50.000000', reachedOn: '2024-05-10' },
      { percent: 80, amount: '80.000000', reachedOn: '2024-05-10' },
      { percent: 100, amount: '100.000000', reachedOn: '2024-05-21' },
    ]);
    const viewer = await h.signIn('compliance@acme.test');
    expect((await viewer.gql(`query($id: ID!) { budgetBurndown(id: $id) { spent } }`, { id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('suspend the agent of a blocking budget at 100%, through its lifecycle, recorded', async () => {
    await createBudget({
      name: 'Reviewer cap',
      scope: 'AGENT',
      agentId: agentId('Code Reviewer'),
      period: 'MONTHLY',
      amount: '10',
      thresholds: [80, 100],
      enforcement: 'BLOCK',
    });
    await spend('8.5', '2024-04-02', { agentId: agentId('Code Reviewer') });
    expect((await checkTenantBudgets(h.services, acme, '2024-04-30')).map((a) => a.threshold)).toEqual([80]);
    expect((await h.sql(`SELECT status FROM agents WHERE id = $1`, [stableUuid('agent:acme:Code Reviewer')]))[0].status).toBe('deployed');
    await spend('1.5', '2024-04-29', { agentId: agentId('Code Reviewer') });
    expect((await checkTenantBudgets(h.services, acme, '2024-04-30')).map((a) => [a.threshold, a.blocks])).toEqual([[100, true]]);
    const [agent] = await h.sql(`SELECT status, runtime_state FROM agents WHERE id = $1`, [stableUuid('agent:acme:Code Reviewer')]);
    expect(agent).toEqual({ status: 'suspended', runtime_state: 'paused' });
    const actions = await h.sql(
      `SELECT action, outcome, after->>'reason' AS reason FROM audit_entries
      WHERE (action = 'agent.suspend' AND entity_id = $1) OR action = 'budget.block' ORDER BY seq`,
      [stableUuid('agent:acme:Code Reviewer')],
    );
    expect(actions).toEqual([
      { action: 'agent.suspend', outcome: 'success', reason: 'Budget "Reviewer cap" reached 100% in April 2024' },
      { action: 'budget.block', outcome: 'success', reason: null },
    ]);
    const [feed] = await h.sql(`SELECT summary FROM agent_activities WHERE agent_id = $1 AND type = 'lifecycle' ORDER BY occurred_at DESC LIMIT 1`, [
      stableUuid('agent:acme:Code Reviewer'),
    ]);
    expect(feed.summary).toBe('deployed → suspended: Budget "Reviewer cap" reached 100% in April 2024');
  });

  it('are listed, acknowledged and resolved by those who answer for spend', async () => {
    const analyst = await h.signIn('analyst@acme.test');
    const { alerts } = await analyst.ok(
      `{ alerts(filter: { statuses: [OPEN], severities: [CRITICAL] }) { nodes { id message threshold spend budget { name } } } }`,
    );
    const mayAlert = alerts.nodes.find((a: { budget: { name: string } | null }) => a.budget?.name === 'May compute');
    expect(mayAlert).toMatchObject({ message: 'Monthly budget "May compute" passed 100% in May 2024', threshold: 100, spend: '105.000000' });
    const ACK = `mutation($input: AlertTransitionInput!) { alertAcknowledge(input: $input) { alert { status note acknowledgedBy { fullName } } userErrors { field code } } }`;
    const RESOLVE = `mutation($input: AlertTransitionInput!) { alertResolve(input: $input) { alert { status resolvedAt } userErrors { field code } } }`;
    const acked = (await analyst.ok(ACK, { input: { alertId: mayAlert.id, note: 'looking at the EC2 fleet' } })).alertAcknowledge;
    expect(acked).toEqual({ alert: { status: 'ACKNOWLEDGED', note: 'looking at the EC2 fleet', acknowledgedBy: { fullName: 'Ana Analyst' } }, userErrors: [] });
    expect((await analyst.ok(ACK, { input: { alertId: mayAlert.id } })).alertAcknowledge.userErrors).toEqual([
      { field: ['input', 'alertId'], code: 'CONFLICT' },
    ]);
    expect((await dev.ok(RESOLVE, { input: { alertId: mayAlert.id } })).alertResolve.alert.status).toBe('RESOLVED');
    const auditor = await h.signIn('auditor@acme.test');
    const read = await auditor.gql(`{ alerts(first: 1) { nodes { message spend } } }`);
    expect(read.data.alerts.nodes[0]).toEqual({ message: expect.any(String), spend: null });
    expect((await auditor.gql(ACK, { input: { alertId: mayAlert.id } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const viewer = await h.signIn('viewer@acme.test');
    expect((await viewer.gql(`{ alerts { nodes { id } } }`)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('of an ended period resolve themselves at the rollover', async () => {
    const resolved = await rollOverTenant(h.services, acme, '2024-06-01');
    expect(resolved).toBeGreaterThanOrEqual(2);
    const open = await h.sql(`SELECT count(*)::int AS n FROM alerts WHERE tenant_id = $1 AND status <> 'resolved' AND period_end < '2024-06-01'`, [acme]);
    expect(open[0].n).toBe(0);
    const [entry] = await h.sql(`SELECT after FROM audit_entries WHERE action = 'alert.rollover' ORDER BY seq DESC LIMIT 1`);
    expect(entry.after).toEqual({ resolved, before: '2024-06-01' });
  });

  it('stay when their budget is deleted', async () => {
    const [budget] = await h.sql(`SELECT id FROM budgets WHERE name = 'May compute'`);
    const { budgetDelete } = await admin.ok(`mutation($input: BudgetDeleteInput!) { budgetDelete(input: $input) { deletedBudgetId userErrors { message } } }`, {
      input: { budgetId: toGlobalId('Budget', budget.id) },
    });
    expect(budgetDelete).toEqual({ deletedBudgetId: toGlobalId('Budget', budget.id), userErrors: [] });
    // Deleted softly: the alerts stay, still linked while the budget can be restored; the purge unlinks them (ON DELETE SET NULL).
    const left = await h.sql(`SELECT budget_id FROM alerts WHERE message LIKE '%"May compute"%'`);
    expect(left).toEqual([{ budget_id: budget.id }, { budget_id: budget.id }, { budget_id: budget.id }]);
    await h.sql(`UPDATE budgets SET deleted_at = deleted_at - interval '400 days' WHERE id = $1`, [budget.id]);
    await purgeDeletedEverywhere(h.services);
    const purged = await h.sql(`SELECT budget_id FROM alerts WHERE message LIKE '%"May compute"%'`);
    expect(purged).toEqual([{ budget_id: null }, { budget_id: null }, { budget_id: null }]);
  });
});

function budgetUuid(globalId: string): string {
  return Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1];
}
