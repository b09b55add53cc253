import { type Browser, eventually, nav, openBrowser, screenshot, signIn, visible, closeBrowser } from './browser';
import { ensureWorkflow, WORKFLOW } from './workflow-data';

/**
 * Workflows at work: an admin finds a workflow under Operations, reads its graph, runs it, and follows
 * the execution on the job queue to its end: the state on each node and the timeline of transitions.
 */
describe('running a workflow in the browser', () => {
  let browser: Browser;

  beforeAll(async () => {
    await ensureWorkflow();
    browser = await openBrowser();
    await signIn(browser.page, 'admin@acme.test');
    await visible(browser.page.getByRole('heading', { name: 'Acme Corporation' }));
  });

  afterAll(async () => {
    await closeBrowser(browser);
  });

  it('runs it and shows the execution succeed node by node, with its timeline', async () => {
    const { page } = browser;
    // Navigation groups open and close: open Operations unless it is open.
    const operations = nav(page).getByRole('button', { name: /^Operations/ });
    if ((await operations.getAttribute('aria-expanded')) !== 'true') await operations.click();
    await nav(page).getByRole('link', { name: 'Workflows' }).click();
    const row = page.locator(`[data-testid="workflow-row"][data-workflow-name="${WORKFLOW}"]`);
    await row.getByRole('link', { name: WORKFLOW }).click();
    await visible(page.getByRole('heading', { name: WORKFLOW, level: 1 }));
    await eventually(async () => expect(await page.getByTestId('workflow-node').count()).toBe(2));
    await screenshot(page, 'workflows-01-graph');

    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Run the workflow' });
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();
    await visible(page.getByRole('heading', { name: `${WORKFLOW}: run of version 1`, level: 1 }));
    expect(new URL(page.url()).pathname).toMatch(/^\/workflows\/executions\/.+/);
    // The page follows the execution while the job queue runs it.
    await visible(page.getByTestId('execution-status').filter({ hasText: 'succeeded' }), 30_000);
    await eventually(async () => expect(await page.locator('[data-testid="node-run"][data-status="SUCCEEDED"]').count()).toBe(2), 30_000);
    expect(await page.getByTestId('timeline-event').count()).toBeGreaterThanOrEqual(4);
    await visible(page.getByTestId('timeline-event').first().getByText('Ada Admin', { exact: false }));
    await screenshot(page, 'workflows-02-execution');

    await page.getByRole('link', { name: 'the workflow' }).click();
    await page.getByRole('tab', { name: 'Executions' }).click();
    await eventually(async () => expect(await page.locator('[data-testid="execution-row"][data-status="SUCCEEDED"]').count()).toBeGreaterThanOrEqual(1));
  });
});
