import { type Browser, eventually, openBrowser, screenshot, signIn, visible } from './browser';

/** The tools operators and analysts write in: the CEL condition editor and GraphiQL. */
describe('the CEL condition editor', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(() => browser.close());

  it('completes a field of the agent, and marks a problem where the API found it', async () => {
    const { page } = browser;
    // An admin: admin.e2e.ts may have made the demo developer an analyst, who does not write policies.
    await signIn(page, 'admin@acme.test');
    await visible(page.getByRole('heading', { name: 'Acme Corporation' }));
    await page.goto('/policies/new');
    const rule = page.getByTestId('rule-card').first();
    const condition = rule.getByRole('textbox', { name: /^Condition/ });
    await condition.click();
    await page.keyboard.type('agent.costPer');
    const option = await visible(page.getByRole('option', { name: /costPerRequest/ }));
    expect(await option.textContent()).toContain('double');
    await option.click();
    await condition.click();
    await page.keyboard.press('End');
    await eventually(async () => expect(await condition.textContent()).toBe('agent.costPerRequest'));
    await page.keyboard.type(' > 0.1 && agent.nope');
    await eventually(async () => expect(await condition.textContent()).toBe('agent.costPerRequest > 0.1 && agent.nope'));

    // The live test finds no field "nope": the problem and the editor's underline sit on its first character.
    await visible(rule.getByTestId('rule-test-validity').filter({ hasText: 'Invalid' }));
    const mark = await visible(rule.getByTestId('condition-error-mark'));
    expect(await mark.getAttribute('data-offset')).toBe(String('agent.costPerRequest > 0.1 && agent.nope'.indexOf('nope')));
    const underline = await visible(condition.locator('.cm-lintRange-error'));
    expect(await underline.textContent()).toBe('n');
    await screenshot(page, 'tools-01-cel-editor-problem');

    await page.keyboard.press('Escape');
    for (let i = 0; i < 'nope'.length; i += 1) await page.keyboard.press('Backspace');
    await page.keyboard.type('tier');
    await page.keyboard.press('Escape');
    await visible(rule.getByTestId('rule-test-validity').filter({ hasText: 'Valid' }));
    expect(await condition.locator('.cm-lintRange-error').count()).toBe(0);
    expect(browser.problems).toEqual([]);
  });
});

describe('GraphiQL', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(() => browser.close());

  it("has the app's top bar, opens with example queries that run, and links back to the app", async () => {
    const { page } = browser;
    await page.goto('/graphql');
    const bar = page.getByRole('banner');
    await visible(bar.getByText('GraphiQL'));
    for (const name of ['AgentsWithViolations', 'SpendByProviderLastMonth', 'AgentAuditTrail']) await visible(page.getByText(name, { exact: true }));

    await bar.getByPlaceholder('Email').fill('analyst@acme.test');
    await bar.getByPlaceholder('Password').fill('steward-demo-2026');
    await bar.getByRole('button', { name: 'Sign in' }).click();
    await visible(bar.getByText('Signed in'));
    await page.getByText('SpendByProviderLastMonth', { exact: true }).click();
    await page.getByRole('button', { name: /^Execute query/ }).click();
    const response = page.locator('.graphiql-response');
    await eventually(async () => expect(await response.textContent()).toContain('"costRollup"'));
    expect(await response.textContent()).not.toContain('"errors"');
    await screenshot(page, 'tools-02-graphiql');

    await bar.getByRole('link', { name: '← Back to the app' }).click();
    await page.waitForURL((url) => url.pathname === '/' || url.pathname === '/sign-in');
    expect(browser.problems).toEqual([]);
  });
});
