import { type Browser, callApi, closeBrowser, DEMO_PASSWORD, eventually, nav, openBrowser, screenshot, signIn, visible } from './browser';

/** Seeded (apps/api/src/db/seed/demo-workflows.ts): a high-risk change review whose AI assessment is done and whose sign-off waits. */
const WORKFLOW = 'High-risk change review';
const AGENT = 'Code Reviewer';
const COMMENT = 'Shell access stays behind the runbook approval';

/** Test files share one API in no fixed order, and admin.e2e.ts changes roles: put back the compliance officer's. */
async function ensureComplianceOfficer(): Promise<void> {
  const signedIn = await callApi({}, `mutation { sessionCreate(input: { email: "admin@acme.test", password: "${DEMO_PASSWORD}" }) { accessToken } }`);
  const authorization = `Bearer ${(signedIn.body.data?.sessionCreate as { accessToken: string }).accessToken}`;
  const found = await callApi({ authorization }, `{ members(first: 100) { edges { node { id role user { email } } } } }`);
  const edges = (found.body.data?.members as { edges: { node: { id: string; role: string | null; user: { email: string | null } } }[] }).edges;
  const membership = edges.find((e) => e.node.user.email === 'compliance@acme.test')?.node;
  if (!membership || membership.role?.toUpperCase() === 'COMPLIANCE_OFFICER') return;
  const changed = await callApi(
    { authorization },
    `mutation { membershipRoleChange(input: { membershipId: "${membership.id}", role: COMPLIANCE_OFFICER }) { userErrors { message } } }`,
  );
  expect(changed.body.errors).toBeUndefined();
}

/**
 * A workflow with an AI agent task and an approval node, seen by a compliance officer: the execution page shows the AI
 * assessment's step and the sign-off's decision trail; deciding it there lets the job queue finish the execution; the
 * agent's AI tasks tab lists the task with its tokens and the execution it came from.
 */
describe('AI tasks and an approval node in the browser', () => {
  let browser: Browser;

  beforeAll(async () => {
    await ensureComplianceOfficer();
    browser = await openBrowser();
    await signIn(browser.page, 'compliance@acme.test');
    await visible(browser.page.getByRole('heading', { name: 'Acme Corporation' }));
  });

  afterAll(async () => {
    await closeBrowser(browser);
  });

  it("signs off the execution's approval node from its trail, sees the execution finish, and finds the AI task on the agent", async () => {
    const { page } = browser;
    await nav(page).getByRole('link', { name: 'Workflows' }).click();
    await page.locator(`[data-testid="workflow-row"][data-workflow-name="${WORKFLOW}"]`).getByRole('link', { name: WORKFLOW }).click();
    await visible(page.getByRole('heading', { name: WORKFLOW, level: 1 }));
    await page.getByRole('tab', { name: 'Executions' }).click();
    await page.locator('[data-testid="execution-row"][data-status="RUNNING"]').first().getByRole('link').first().click();
    await visible(page.getByRole('heading', { name: new RegExp(`^${WORKFLOW}: run of version`), level: 1 }));
    const executionPath = new URL(page.url()).pathname;

    // The AI assessment ran (its tokens in the step's data); the sign-off waits, its trail on the page.
    await visible(page.locator('[data-testid="node-run"][data-status="SUCCEEDED"]').filter({ hasText: 'AI risk assessment' }));
    await visible(page.locator('[data-testid="node-run"][data-status="WAITING"]').filter({ hasText: 'Compliance sign-off' }));
    const trail = page.getByTestId('approval-trail');
    await visible(trail.getByRole('heading', { name: 'Approval: Compliance sign-off' }));
    await screenshot(page, 'workflow-tasks-01-waiting');

    // Decided from the trail's request link, with a comment.
    await trail.getByRole('link', { name: 'Sign off a high-risk change' }).click();
    const form = page.getByRole('form', { name: 'Decide' });
    await form.getByRole('radiogroup', { name: 'Decision' }).getByText('Approve').click();
    await form.getByRole('textbox', { name: /^Comment/ }).fill(COMMENT);
    await form.getByRole('button', { name: 'Approve' }).click();
    await visible(page.getByTestId('approval-status').filter({ hasText: 'approved' }));

    // Back on the execution: the trail names the decision, and the queue runs the rest to the end.
    await page.goto(executionPath);
    await visible(page.getByTestId('approval-decision').filter({ hasText: COMMENT }));
    await visible(page.getByTestId('execution-status').filter({ hasText: 'succeeded' }), 30_000);
    await eventually(async () => expect(await page.locator('[data-testid="node-run"][data-status="SUCCEEDED"]').count()).toBe(6), 30_000);
    await screenshot(page, 'workflow-tasks-02-signed-off');

    // The agent's AI tasks: this execution's assessment with its tokens, linked back to it.
    await nav(page).getByRole('link', { name: 'Agents' }).click();
    await page.getByRole('textbox', { name: 'Search' }).fill(AGENT);
    await page.locator(`[data-testid="agent-row"][data-agent-name="${AGENT}"]`).getByRole('link', { name: AGENT }).click();
    await visible(page.getByRole('heading', { name: AGENT, level: 1 }));
    await page.getByRole('tab', { name: 'AI tasks' }).click();
    const task = page.locator(`[data-testid="agent-task"]`).filter({ has: page.locator(`a[href="${executionPath}"]`) });
    await visible(task);
    expect(await task.getAttribute('data-status')).toBe('SUCCEEDED');
    await visible(task.getByTestId('task-tokens').filter({ hasText: '2,310 + 512' }));
    await visible(page.getByTestId('task-totals'));
    await screenshot(page, 'workflow-tasks-03-agent-tasks');
  });
});
