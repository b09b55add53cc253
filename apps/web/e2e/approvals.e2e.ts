import type { Page } from 'playwright-core';
import { type Browser, callApi, DEMO_PASSWORD, eventually, gone, nav, openBrowser, screenshot as save, signIn, visible, closeBrowser } from './browser';

/** Seeded for this story: a draft agent on an Opus model, and a policy that holds Opus deploys for approval. */
const AGENT = 'Vendor Contract Reviewer';
const POLICY = 'Opus deploys in regulated work need approval';
const COMMENT = 'Reviewed with legal: contract scope only, no production data';

async function tokenOf(email: string): Promise<string> {
  const signedIn = await callApi({}, `mutation { sessionCreate(input: { email: "${email}", password: "${DEMO_PASSWORD}" }) { accessToken } }`);
  return (signedIn.body.data?.sessionCreate as { accessToken: string }).accessToken;
}

/** Test files share one API in no fixed order, and admin.e2e.ts changes roles: put back the roles this story needs. */
async function ensureRole(email: string, role: 'DEVELOPER' | 'COMPLIANCE_OFFICER'): Promise<void> {
  const authorization = `Bearer ${await tokenOf('admin@acme.test')}`;
  const found = await callApi({ authorization }, `{ members(first: 100) { edges { node { id role user { email } } } } }`);
  const edges = (found.body.data?.members as { edges: { node: { id: string; role: string; user: { email: string | null } } }[] }).edges;
  const membership = edges.find((e) => e.node.user.email === email)?.node;
  if (!membership) throw new Error(`${email} is not a member of acme`);
  if (membership.role.toUpperCase() === role) return;
  const changed = await callApi(
    { authorization },
    `mutation { membershipRoleChange(input: { membershipId: "${membership.id}", role: ${role} }) { userErrors { message } } }`,
  );
  expect(changed.body.errors).toBeUndefined();
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await save(page, name);
}

async function openAgent(page: Page, name: string): Promise<void> {
  await page.goto('/agents');
  await page.getByRole('textbox', { name: 'Search' }).fill(name);
  await eventually(async () => expect(await page.getByTestId('agent-row').count()).toBe(1));
  await page.locator(`[data-testid="agent-row"][data-agent-name="${name}"]`).getByRole('link', { name }).click();
  await visible(page.getByRole('heading', { name, level: 1 }));
}

/**
 * Human approval as part of governance: a developer deploys an agent on an Opus model, a policy in
 * "require approval" mode holds the deploy (nothing is applied), a compliance officer approves it from
 * the inbox with a comment, and the agent is then deployed.
 */
describe('approving a held change in the browser', () => {
  let developer: Browser;
  let dev: Page;
  let requestPath = '';

  beforeAll(async () => {
    await ensureRole('dev@acme.test', 'DEVELOPER');
    await ensureRole('compliance@acme.test', 'COMPLIANCE_OFFICER');
    developer = await openBrowser();
    dev = developer.page;
    await signIn(dev, 'dev@acme.test');
    await visible(dev.getByRole('heading', { name: 'Acme Corporation' }));
  });

  afterAll(async () => {
    await closeBrowser(developer);
  });

  it("holds the developer's deploy for approval: not deployed, the policy named, the request linked", async () => {
    await openAgent(dev, AGENT);
    await visible(dev.getByTestId('agent-status').filter({ hasText: 'draft' }));
    await dev.getByRole('button', { name: 'Deploy' }).click();
    const dialog = dev.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Deploy' }).click();
    await gone(dev.getByRole('dialog'));
    const held = await visible(dev.getByTestId('held-for-approval'));
    await visible(held.getByText('Deployment waiting for approval: not deployed yet'));
    await visible(held.getByText(/Nothing has changed yet/));
    expect(await held.getByTestId('finding-policy').allTextContents()).toEqual([POLICY]);
    expect(await dev.getByTestId('policy-block').count()).toBe(0);
    await visible(dev.getByTestId('agent-status').filter({ hasText: 'draft' }));
    requestPath = new URL((await held.getByTestId('held-approval-link').getAttribute('href')) ?? '', 'http://x').pathname;
    expect(requestPath).toMatch(/^\/approvals\/.+/);
    await screenshot(dev, 'approvals-01-deploy-held');

    // The developer cannot approve their own request.
    await dev.goto(requestPath);
    await visible(dev.getByTestId('not-a-decider').getByText('You asked for this; someone else decides it.'));
    expect(await dev.getByRole('form', { name: 'Decide' }).count()).toBe(0);
    await screenshot(dev, 'approvals-02-request-as-requester');

    // After a reload, the agent's page still says its deploy waits, and where.
    await openAgent(dev, AGENT);
    const pending = await visible(dev.getByTestId('pending-approvals'));
    expect(new URL((await pending.getByTestId('held-approval-link').getAttribute('href')) ?? '', 'http://x').pathname).toBe(requestPath);
    // The developer follows it under "Asked by me".
    await dev.goto('/approvals?tab=mine');
    await visible(dev.locator(`[data-testid="approval-row"] a[href="${requestPath}"]`));
  });

  it('lets a compliance officer approve it from the inbox, with a comment', async () => {
    const officer = await openBrowser();
    try {
      const { page } = officer;
      await signIn(page, 'compliance@acme.test');
      await visible(page.getByRole('heading', { name: 'Acme Corporation' }));
      // Navigation groups open and close: open Governance unless it is open.
      const governance = nav(page).getByRole('button', { name: /^Governance/ });
      if ((await governance.getAttribute('aria-expanded')) !== 'true') await governance.click();
      const approvals = nav(page).getByRole('link', { name: /Approvals/ });
      await visible(approvals.getByTestId('approval-inbox-count'));
      await approvals.click();
      const row = page.locator('[data-testid="approval-row"]').filter({ has: page.locator(`a[href="${requestPath}"]`) });
      await visible(row);
      await visible(row.getByText(/^(due|overdue)|No deadline/));
      await screenshot(page, 'approvals-03-inbox');
      await row.locator(`a[href="${requestPath}"]`).click();

      await visible(page.getByTestId('held-change-status').filter({ hasText: 'held' }));
      await visible(page.getByTestId('approval-finding').filter({ hasText: POLICY }));
      await visible(page.getByTestId('approval-agent-link').filter({ hasText: AGENT }));
      await visible(page.getByTestId('held-change-diff'));
      const form = page.getByRole('form', { name: 'Decide' });
      // Rejecting needs a reason: checked before anything is sent.
      await form.getByText('Reject', { exact: true }).click();
      await form.getByRole('button', { name: 'Reject' }).click();
      await visible(form.getByText('Say why you reject it: the requester reads this'));
      await form.getByText('Approve', { exact: true }).click();
      // Whatever typed fields the request asks for, filled as a decider would.
      for (const box of await form.getByRole('checkbox', { checked: false }).all()) await box.check();
      for (const input of await form.locator('input[required]:not([type="checkbox"])').all()) {
        const type = await input.getAttribute('type');
        await input.fill(type === 'date' ? '2026-12-31' : (await input.getAttribute('inputmode')) === 'decimal' ? '1' : 'CR-2042');
      }
      await form.getByRole('textbox', { name: /^Comment/ }).fill(COMMENT);
      await screenshot(page, 'approvals-04-decide');
      await form.getByRole('button', { name: 'Approve' }).click();
      await visible(page.getByTestId('held-change-applied'));
      await visible(page.getByTestId('approval-status').filter({ hasText: 'approved' }));
      await visible(page.getByTestId('approval-decision').filter({ hasText: COMMENT }));
      await screenshot(page, 'approvals-05-approved');
      expect(officer.problems).toEqual([]);
    } finally {
      await officer.close();
    }
  });

  it('shows the agent deployed to the developer', async () => {
    await openAgent(dev, AGENT);
    await visible(dev.getByTestId('agent-status').filter({ hasText: 'deployed' }));
    expect(await dev.getByTestId('held-for-approval').count()).toBe(0);
    await visible(dev.getByRole('button', { name: 'Suspend' }));
    await screenshot(dev, 'approvals-06-agent-deployed');
  });
});
