import type { Page } from 'playwright-core';
import { type Browser, callApi, DEMO_PASSWORD, eventually, gone, nav, openBrowser, screenshot as save, signIn, visible, closeBrowser } from './browser';

const AGENT = 'Terraform Drafter';
const POLICY = `Infrastructure deploys need a change review ${Date.now().toString(36)}`;
const REASON = 'Change review CR-1042 approved the first Terraform Drafter rollout';

async function adminToken(): Promise<string> {
  const signedIn = await callApi({}, `mutation { sessionCreate(input: { email: "admin@acme.test", password: "${DEMO_PASSWORD}" }) { accessToken } }`);
  return (signedIn.body.data?.sessionCreate as { accessToken: string }).accessToken;
}

/**
 * admin.e2e.ts makes Dev Dhillon an analyst, and test files share one API in no fixed order: this
 * story needs him as the developer the seed made him, so it puts that back first.
 */
async function ensureDeveloper(email: string): Promise<void> {
  const authorization = `Bearer ${await adminToken()}`;
  const found = await callApi({ authorization }, `{ members(first: 100) { edges { node { id role user { email } } } } }`);
  const edges = (found.body.data?.members as { edges: { node: { id: string; role: string; user: { email: string | null } } }[] }).edges;
  const membership = edges.find((e) => e.node.user.email === email)?.node;
  if (!membership) throw new Error(`${email} is not a member of acme`);
  if (membership.role === 'developer') return;
  const changed = await callApi(
    { authorization },
    `mutation { membershipRoleChange(input: { membershipId: "${membership.id}", role: DEVELOPER }) { userErrors { message } } }`,
  );
  expect(changed.body.errors).toBeUndefined();
}

/** A full-page screenshot from the top: scrolled pages would draw the fixed header and navigation mid-page. */
async function screenshot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await save(page, name);
}

async function openAgent(page: Page, name: string): Promise<void> {
  await page.goto('/agents');
  await page.getByRole('textbox', { name: 'Search' }).fill(name);
  const row = page.locator(`[data-testid="agent-row"][data-agent-name="${name}"]`);
  await eventually(async () => expect(await page.getByTestId('agent-row').count()).toBe(1));
  await row.getByRole('link', { name }).click();
  await visible(page.getByRole('heading', { name, level: 1 }));
}

async function pick(page: Page, combobox: string, option: string | RegExp, scope = page.locator('body')): Promise<void> {
  await scope.getByRole('combobox', { name: new RegExp(`^${combobox}`) }).click();
  await page.getByRole('option', { name: option }).click();
}

/**
 * The governance story across roles: a developer writes a block-mode policy (its conditions tested
 * live), the policy refuses the developer's deploy, an admin waives the violation with a reason, and
 * the same deploy then goes through. No seeded policy refuses a seeded draft on deploy (the Opus cost
 * ceiling is $0.10; Terraform Drafter costs $0.065), so the developer writes the one that does.
 */
describe('governing agents in the browser', () => {
  let developer: Browser;
  let dev: Page;

  beforeAll(async () => {
    await ensureDeveloper('dev@acme.test');
    developer = await openBrowser();
    dev = developer.page;
    await signIn(dev, 'dev@acme.test');
    await visible(dev.getByRole('heading', { name: 'Acme Corporation' }));
  });

  afterAll(async () => {
    await closeBrowser(developer);
  });

  it('shows a developer the agents, models and skills, with the controls to change them', async () => {
    for (const label of ['Agents', 'Models', 'Skills', 'Policies', 'Violations']) await visible(nav(dev).getByRole('link', { name: new RegExp(label) }));
    await nav(dev)
      .getByRole('link', { name: /Agents/ })
      .click();
    await visible(dev.locator(`[data-testid="agent-row"][data-agent-name="${AGENT}"]`));
    await visible(dev.getByRole('button', { name: 'Register agent' }).or(dev.getByRole('link', { name: 'Register agent' })));
    await dev.getByRole('combobox', { name: 'Status' }).click();
    await dev.getByRole('option', { name: 'Draft' }).click();
    await dev.keyboard.press('Escape');
    await eventually(async () => {
      const statuses = await dev.getByTestId('agent-row').getByTestId('agent-status').allTextContents();
      expect(statuses.length).toBeGreaterThan(0);
      expect(statuses.every((s) => s === 'draft')).toBe(true);
    });
    await screenshot(dev, 'governance-01-agents-developer');

    await dev.goto('/models');
    await visible(dev.locator('[data-testid="model-row"][data-model-name="Claude Opus"]'));
    await visible(dev.getByRole('button', { name: 'Register model' }));
    await screenshot(dev, 'governance-02-models');

    await dev.goto('/skills');
    await visible(dev.locator('[data-testid="skill-row"][data-skill-name="Terraform Plan Checker"]'));
    await visible(dev.getByRole('button', { name: 'Create skill' }));
    await screenshot(dev, 'governance-03-skills');

    await dev.goto('/agents/new');
    await dev.getByRole('button', { name: 'Register agent' }).click();
    await visible(dev.getByText('Give the agent a name'));
    await visible(dev.getByText('Choose what the agent works as'));
    await screenshot(dev, 'governance-04-agent-form-validation');
  });

  it('lets a developer write a block-mode policy, testing its condition live as it is typed', async () => {
    await dev.goto('/policies');
    await visible(dev.locator('[data-testid="policy-row"][data-policy-name="Opus cost ceiling"]'));
    await dev.getByRole('link', { name: 'New policy' }).click();
    await dev.waitForURL(/\/policies\/new$/);
    const form = dev.getByRole('form', { name: 'New policy' });
    await form.getByRole('textbox', { name: /^Name/ }).fill(POLICY);
    await pick(dev, 'Type', 'Agent', form);
    await form.getByRole('combobox', { name: 'Category' }).fill('change-management');
    await pick(dev, 'Severity', 'High', form);
    await form.locator('label', { hasText: /^Block$/ }).click();
    await form.locator('label', { hasText: /^Agents with tags$/ }).click();
    const tags = form.getByLabel(/^Tags/);
    await tags.fill('infrastructure');
    await tags.press('Enter');

    // The live test runs on the agent the policy is about, as a deploy.
    await form.locator('label', { hasText: /^An agent$/ }).click();
    await pick(dev, 'Agent', new RegExp(`^${AGENT}`), form);
    await pick(dev, 'As the change', 'deploy', form);
    const rule = form.getByTestId('rule-card').first();
    await rule.getByRole('textbox', { name: /^Rule name/ }).fill('Change review before deploy');
    const condition = rule.getByRole('textbox', { name: /^Condition/ });
    await condition.fill('change.action == "deploy" &&');
    await visible(rule.getByTestId('rule-test-validity').filter({ hasText: 'Invalid' }));
    const mark = await visible(rule.getByTestId('condition-error-mark'));
    expect(await mark.getAttribute('data-offset')).toBe(String('change.action == "deploy" &&'.length));
    await screenshot(dev, 'governance-05-policy-editor-invalid');
    await condition.fill('change.action == "deploy"');
    await visible(rule.getByTestId('rule-test-validity').filter({ hasText: 'Valid' }));
    await visible(rule.getByTestId('rule-test-result').filter({ hasText: 'true' }));
    expect(await rule.getByTestId('condition-error-mark').count()).toBe(0);
    await rule.getByRole('textbox', { name: /^Message/ }).fill('Infrastructure agents are deployed only after a change review');

    await form.getByRole('button', { name: 'Preview affected agents' }).click();
    await visible(form.getByTestId('dry-run-result'));
    await screenshot(dev, 'governance-06-policy-editor');

    await form.getByRole('button', { name: 'Create policy' }).click();
    await visible(dev.getByRole('heading', { name: POLICY, level: 1 }));
    await visible(dev.getByTestId('policy-active').filter({ hasText: 'active' }));
    // Nobody presses "Re-evaluate now": creating the policy queued its judgement of the agents it covers.
    await visible(dev.locator('[data-testid="reevaluation"][data-status="SUCCEEDED"]'), 30_000);
    await visible(dev.getByText(/Judged \d+ of \d+ agents? in scope/));
    await dev.getByRole('tab', { name: 'Versions' }).click();
    await visible(dev.getByTestId('policy-version'));
    await dev.getByRole('tab', { name: 'Definition' }).click();
    await visible(dev.getByTestId('policy-rule').filter({ hasText: 'change.action == "deploy"' }));
    await dev.getByRole('button', { name: 'Edit' }).click();
    await visible(dev.getByRole('button', { name: 'Save as version 2' }));
    await screenshot(dev, 'governance-07-policy-detail');
  });

  it("refuses the developer's deploy, naming the policy that blocks it", async () => {
    await openAgent(dev, AGENT);
    await visible(dev.getByTestId('agent-status').filter({ hasText: 'draft' }));
    await dev.getByRole('button', { name: 'Deploy' }).click();
    const dialog = dev.getByRole('dialog');
    await visible(dialog.getByText(/goes into service/));
    await dialog.getByRole('button', { name: 'Deploy' }).click();
    await gone(dev.getByRole('dialog'));
    const block = await visible(dev.getByTestId('policy-block'));
    await visible(block.getByText('Policy blocked the deployment'));
    expect(await block.getByTestId('finding-policy').allTextContents()).toEqual([POLICY]);
    await visible(block.getByText('Infrastructure agents are deployed only after a change review'));
    await visible(block.getByTestId('severity').filter({ hasText: 'high' }));
    await visible(dev.getByTestId('agent-status').filter({ hasText: 'draft' }));
    await screenshot(dev, 'governance-08-deploy-blocked');
  });

  it('lets an admin waive the violation with a reason, after checking the form', async () => {
    const admin = await openBrowser();
    try {
      const { page } = admin;
      await signIn(page, 'admin@acme.test');
      await visible(page.getByRole('heading', { name: 'Acme Corporation' }));
      await nav(page)
        .getByRole('link', { name: /Violations/ })
        .click();
      const row = page.locator(`[data-testid="violation-row"][data-agent-name="${AGENT}"][data-status="BLOCKED"]`).filter({ hasText: POLICY });
      await visible(row);
      await row.getByRole('button', { name: /^Waive/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: 'Waive' }).click();
      await visible(dialog.getByText('Say why the agent may break the rule'));
      await dialog.getByRole('textbox', { name: /^Reason/ }).fill(REASON);
      await screenshot(page, 'governance-09-waive-form');
      await dialog.getByRole('button', { name: 'Waive' }).click();
      await gone(page.getByRole('dialog'));
      await gone(row);
      await screenshot(page, 'governance-10-violations-admin');

      await openAgent(page, AGENT);
      await page.getByRole('tab', { name: 'Violations' }).click();
      const waived = page.locator('[data-testid="violation-row"][data-status="WAIVED"]').filter({ hasText: POLICY });
      await visible(waived.getByText(REASON, { exact: false }));
      await visible(waived.getByRole('button', { name: /^Revoke the waiver/ }));
      expect(admin.problems).toEqual([]);
    } finally {
      await admin.close();
    }
  });

  it('lets the developer deploy once the violation is waived', async () => {
    await openAgent(dev, AGENT);
    await dev.getByRole('button', { name: 'Deploy' }).click();
    await dev.getByRole('dialog').getByRole('button', { name: 'Deploy' }).click();
    await gone(dev.getByRole('dialog'));
    await visible(dev.getByTestId('agent-status').filter({ hasText: 'deployed' }));
    expect(await dev.getByTestId('policy-block').count()).toBe(0);
    await visible(dev.getByRole('button', { name: 'Suspend' }));
    await dev.getByRole('tab', { name: 'Activity' }).click();
    await visible(dev.getByTestId('activity-item').filter({ hasText: /deployed/ }));
    await dev.getByRole('tab', { name: 'Overview' }).click();
    await screenshot(dev, 'governance-11-agent-deployed');
  });

  it('shows a viewer the inventory without configuration, violations or any control', async () => {
    const viewer = await openBrowser();
    try {
      const { page } = viewer;
      await signIn(page, 'viewer@acme.test');
      await visible(page.getByRole('heading', { name: 'Acme Corporation' }));
      await visible(nav(page).getByRole('link', { name: /Agents/ }));
      expect(
        await nav(page)
          .getByRole('link', { name: /Violations/ })
          .count(),
      ).toBe(0);
      await nav(page)
        .getByRole('link', { name: /Agents/ })
        .click();
      await visible(page.locator(`[data-testid="agent-row"][data-agent-name="${AGENT}"]`));
      expect(await page.getByRole('link', { name: 'Register agent' }).count()).toBe(0);
      expect(await page.getByRole('columnheader', { name: 'Per request' }).count()).toBe(0);
      await screenshot(page, 'governance-12-agents-viewer');

      await openAgent(page, 'Incident Triage');
      await visible(page.getByText('Capabilities'));
      for (const control of ['Edit', 'Deploy', 'Suspend', 'Resume', 'Archive'])
        expect(await page.getByRole('button', { name: control, exact: true }).count()).toBe(0);
      expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);
      for (const tab of ['Configuration', 'Violations']) expect(await page.getByRole('tab', { name: tab }).count()).toBe(0);
      expect(await page.getByTestId('agent-configuration').count()).toBe(0);
      expect(await page.getByText('systemPrompt').count()).toBe(0);
      await page.getByRole('tab', { name: /Channels/ }).click();
      await visible(page.getByTestId('channel-row'));
      expect(await page.getByRole('button', { name: 'Add channel' }).count()).toBe(0);
      expect(await page.getByRole('columnheader', { name: 'Settings' }).count()).toBe(0);
      await page.getByRole('tab', { name: 'Overview' }).click();
      await screenshot(page, 'governance-13-agent-viewer');
      expect(viewer.problems).toEqual([]);
    } finally {
      await viewer.close();
    }
  });

  it('lets a compliance officer read policies and violations, without changing them', async () => {
    const officer = await openBrowser();
    try {
      const { page } = officer;
      await signIn(page, 'compliance@acme.test');
      await visible(page.getByRole('heading', { name: 'Acme Corporation' }));
      await nav(page)
        .getByRole('link', { name: /Violations/ })
        .click();
      await visible(page.getByTestId('violation-row'));
      expect(await page.getByRole('button', { name: /^Waive/ }).count()).toBe(0);
      await nav(page)
        .getByRole('link', { name: /Policies/ })
        .click();
      expect(await page.getByRole('link', { name: 'New policy' }).count()).toBe(0);
      await page.locator('[data-testid="policy-row"][data-policy-name="Opus cost ceiling"]').getByRole('link').click();
      await visible(page.getByTestId('policy-rule').filter({ hasText: 'agent.costPerRequest > 0.10' }));
      for (const control of ['Deactivate', 'Re-evaluate now', 'Save as version 2']) expect(await page.getByRole('button', { name: control }).count()).toBe(0);
      await screenshot(page, 'governance-14-policy-compliance');
      expect(officer.problems).toEqual([]);
    } finally {
      await officer.close();
    }
  });
});
