import type { Page } from 'playwright-core';
import { type Browser, closeBrowser, gone, nav, openBrowser, screenshot, signIn, visible } from './browser';

const GLOBEX = 'Globex Industries';

async function pick(page: Page, combobox: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: new RegExp(`^${combobox}`) }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Moves Globex to `plan` in the platform console, as the platform admin. */
async function changePlan(page: Page, plan: string, reason: string): Promise<void> {
  const row = page.locator('[data-testid="tenant-row"][data-tenant-slug="globex"]');
  await row.getByRole('button', { name: `Change the plan of ${GLOBEX}` }).click();
  const dialog = page.getByRole('dialog', { name: `Change the plan of ${GLOBEX}` });
  await pick(page, 'Plan', plan);
  await dialog.getByRole('textbox', { name: /^Reason/ }).fill(reason);
  await dialog.getByRole('button', { name: 'Change plan' }).click();
  await gone(dialog);
}

/**
 * Issue 17's browser test: a platform admin moves a tenant (Globex, Professional, 4 agents) to the Starter
 * plan in the console; that tenant's admin then registers an agent and is refused by the agent limit with
 * a message naming the limit and the plan that lifts it. Globex goes back to Professional at the end.
 */
describe('plans in the browser', () => {
  let platform: Browser | undefined;
  let tenantAdmin: Browser | undefined;

  beforeAll(async () => {
    platform = await openBrowser();
    tenantAdmin = await openBrowser();
  });
  afterAll(async () => {
    await closeBrowser(platform);
    await closeBrowser(tenantAdmin);
  });

  it("a platform admin moves Globex to Starter, and Globex's admin sees the agent limit refuse a new agent", async () => {
    const page = platform!.page;
    await signIn(page, 'platform@steward.test');
    await nav(page)
      .getByRole('link', { name: /Tenants/ })
      .click();
    await visible(page.getByRole('heading', { name: 'Tenants', level: 1 }));
    const row = page.locator('[data-testid="tenant-row"][data-tenant-slug="globex"]');
    await visible(row);
    expect(await row.getByTestId('limit-agents').textContent()).toBe('4 / 25');

    await changePlan(page, 'Starter', 'Smaller contract from January');
    await visible(row.getByTestId('tenant-plan').getByText('starter, monthly'));
    await visible(row.getByTestId('limit-agents').getByText('4 / 4', { exact: true }));
    await screenshot(page, 'plans-01-globex-on-starter');

    const admin = tenantAdmin!.page;
    await signIn(admin, 'admin@globex.test');
    await visible(nav(admin));
    await admin.goto('/agents/new');
    await admin.getByRole('textbox', { name: /^Name/ }).fill('One agent too many');
    await pick(admin, 'Role', 'Engineering');
    await pick(admin, 'Model tier', 'Haiku');
    await admin.getByRole('button', { name: 'Register agent' }).click();
    const refusal = admin.getByRole('alert').filter({ hasText: 'The Starter plan allows 4 agents' });
    await visible(refusal);
    expect(await refusal.textContent()).toContain('The Starter plan allows 4 agents, and all are in use. The Professional plan allows 25.');
    await screenshot(admin, 'plans-02-agent-limit-refused');

    // The admin's Plan and usage page says the same.
    await admin.goto('/usage');
    expect(await (await visible(admin.getByTestId('usage-plan'))).textContent()).toBe('Starter');
    await visible(admin.getByTestId('usage-AGENTS').getByText('Limit reached: new ones are refused. The Professional plan allows more.'));

    await changePlan(page, 'Professional', 'Back after the test');
    await visible(row.getByTestId('limit-agents').getByText('4 / 25', { exact: true }));
  });
});
