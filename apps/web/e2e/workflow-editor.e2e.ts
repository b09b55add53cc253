import { type Browser, closeBrowser, eventually, gone, nav, openBrowser, screenshot, signIn, visible } from './browser';

/**
 * Writing a workflow in the browser: a developer draws it in the visual editor, where a step from the
 * palette shows its problems on the node, and saving is refused while the graph has any; a change saves
 * as version 2, and the Versions tab lists both and opens the earlier one.
 */
describe('the workflow editor in the browser', () => {
  let browser: Browser;
  const name = `Editor probe ${Date.now().toString(36)}`;

  beforeAll(async () => {
    browser = await openBrowser();
    await signIn(browser.page, 'dev@acme.test');
    await visible(browser.page.getByRole('heading', { name: 'Acme Corporation' }));
  });

  afterAll(async () => {
    await closeBrowser(browser);
  });

  it('marks a palette step with its problems, refuses to save until they are gone, and saves each change as a new version', async () => {
    const { page } = browser;
    await nav(page).getByRole('link', { name: 'Workflows' }).click();
    await page.getByRole('link', { name: 'New workflow' }).click();
    const form = page.getByRole('form', { name: 'New workflow' });
    await form.getByRole('textbox', { name: 'Name' }).fill(name);
    await visible(form.getByTestId('graph-validity').filter({ hasText: 'valid' }));

    await form.getByTestId('palette-approval').click();
    const approval = form.locator('[data-testid="workflow-node"][data-node-label="Approval"]');
    await visible(approval);
    expect(await approval.getAttribute('data-invalid')).toBe('true');
    await visible(approval.getByTestId('node-problems').filter({ hasText: 'Say what is asked for approval' }));
    await visible(approval.getByTestId('node-problems').filter({ hasText: 'cannot be reached from the start' }));
    // Filled in its settings, the step loses that problem on the node; the unconnected one stays.
    const panel = form.getByTestId('node-panel');
    await panel.getByRole('textbox', { name: 'What is asked' }).fill('Sign off the probe');
    await eventually(async () => expect(await approval.getByTestId('node-problems').textContent()).not.toContain('Say what is asked'));
    await visible(approval.getByTestId('node-problems').filter({ hasText: 'cannot be reached from the start' }));
    await screenshot(page, 'workflow-editor-01-problems');

    await form.getByRole('button', { name: 'Create workflow' }).click();
    await visible(form.getByText('The graph has problems; they are marked on its steps.'));
    expect(new URL(page.url()).pathname).toBe('/workflows/new');

    await panel.getByRole('button', { name: 'Remove step' }).click();
    await gone(approval);
    await visible(form.getByTestId('graph-validity').filter({ hasText: /^valid$/ }));
    await form.getByRole('button', { name: 'Create workflow' }).click();
    await visible(page.getByRole('heading', { name, level: 1 }));
    expect(new URL(page.url()).pathname).toMatch(/^\/workflows\/(?!new).+/);
    await visible(page.getByText('version 1', { exact: true }));

    await page.getByRole('link', { name: 'Edit' }).click();
    const edit = page.getByRole('form', { name: 'Edit workflow' });
    await edit.getByRole('textbox', { name: 'Description' }).fill('Checks the editor end to end');
    await edit.getByRole('button', { name: 'Save as version 2' }).click();
    await visible(page.getByText('version 2', { exact: true }));
    await visible(page.getByText('Checks the editor end to end'));

    await page.getByRole('tab', { name: 'Versions' }).click();
    const versions = page.getByTestId('workflow-version');
    await eventually(async () => expect(await versions.count()).toBe(2));
    await visible(versions.first().getByRole('button', { name: 'v2 (current)' }));
    await versions.nth(1).getByRole('button', { name: 'v1' }).click();
    await visible(page.getByRole('link', { name: 'Edit from this version' }));
    await screenshot(page, 'workflow-editor-02-versions');

    await nav(page).getByRole('link', { name: 'Workflows' }).click();
    await visible(page.locator(`[data-testid="workflow-row"][data-workflow-name="${name}"]`));
    expect(browser.problems).toEqual([]);
  });
});
