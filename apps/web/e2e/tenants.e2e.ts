import { readFileSync } from 'node:fs';
import { type Browser, gone, nav, openBrowser, screenshot, signIn, visible } from './browser';

const SUFFIX = Date.now().toString(36);
const NAME = `Hooli ${SUFFIX}`;
const SLUG = `hooli-${SUFFIX}`;

/** The platform admin administers tenants in the app: create one with limits, change the limits, suspend it and reactivate it. */
describe('tenant administration in the browser', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(() => browser.close());

  it('creates, limits, suspends and reactivates a tenant as platform@steward.test', async () => {
    const { page } = browser;
    await signIn(page, 'platform@steward.test');
    await nav(page)
      .getByRole('link', { name: /Tenants/ })
      .click();
    await visible(page.getByRole('heading', { name: 'Tenants', level: 1 }));
    await visible(page.locator('[data-testid="tenant-row"][data-tenant-slug="acme"]'));

    await page.getByRole('button', { name: 'Create tenant' }).click();
    const create = page.getByRole('dialog', { name: 'Create a tenant' });
    await create.getByRole('textbox', { name: /^Name/ }).fill(NAME);
    expect(await create.getByRole('textbox', { name: /^Slug/ }).inputValue()).toBe(SLUG);
    await create.getByRole('combobox', { name: /^Plan/ }).click();
    await page.getByRole('option', { name: 'Professional' }).click();
    await create.getByRole('textbox', { name: /^First admin/ }).fill(`gavin@${SLUG}.test`);
    await create.getByRole('textbox', { name: 'Agents' }).fill('12');
    await create.getByRole('textbox', { name: 'Members' }).fill('30');
    await create.getByRole('button', { name: 'Create tenant' }).click();
    const created = page.getByRole('dialog', { name: `${NAME} created` });
    expect(await (await visible(created.getByTestId('secret-value'))).textContent()).toMatch(/\S{20,}/);
    await created.getByRole('button', { name: 'I have sent the token' }).click();

    const row = page.locator(`[data-testid="tenant-row"][data-tenant-slug="${SLUG}"]`);
    await visible(row);
    expect(await row.getByTestId('tenant-status').textContent()).toBe('active');
    // Used / most allowed: the negotiated limits, else the Professional plan's (25 API keys).
    expect(await row.getByTestId('limit-agents').textContent()).toBe('0 / 12');
    expect(await row.getByTestId('limit-members').textContent()).toMatch(/^[01] \/ 30$/);
    expect(await row.getByTestId('limit-api-keys').textContent()).toBe('0 / 25');

    await row.getByRole('button', { name: `Edit ${NAME}` }).click();
    const edit = page.getByRole('dialog', { name: `Edit ${NAME}` });
    await edit.getByRole('textbox', { name: 'Agents' }).fill('25');
    await edit.getByRole('textbox', { name: 'Active API keys' }).fill('3');
    await edit.getByRole('button', { name: 'Save' }).click();
    await gone(edit);
    await visible(row.getByTestId('limit-agents').getByText('0 / 25', { exact: true }));
    expect(await row.getByTestId('limit-api-keys').textContent()).toBe('0 / 3');

    await row.getByRole('button', { name: `Suspend ${NAME}` }).click();
    const suspend = page.getByRole('dialog', { name: `Suspend ${NAME}` });
    await suspend.getByRole('textbox', { name: /^Reason/ }).fill('Trial ended');
    await suspend.getByRole('button', { name: 'Suspend' }).click();
    await gone(suspend);
    await visible(row.getByTestId('tenant-status').getByText('suspended'));
    await screenshot(page, 'tenants-suspended');

    await row.getByRole('button', { name: `Reactivate ${NAME}` }).click();
    await page
      .getByRole('dialog', { name: `Reactivate ${NAME}` })
      .getByRole('button', { name: 'Reactivate' })
      .click();
    await visible(row.getByTestId('tenant-status').getByText('active'));
    expect(browser.problems).toEqual([]);
  });

  it("exports one tenant's usage for a chosen period from the console, for a billing system", async () => {
    const { page } = browser;
    await page.goto('/tenants');
    const row = page.locator('[data-testid="tenant-row"][data-tenant-slug="acme"]');
    await visible(row);
    await row.getByRole('button', { name: 'Export the usage of Acme Corporation' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export the usage of Acme Corporation' });
    await visible(dialog);
    const months = Array.from({ length: 3 }, (_, i) => {
      const now = new Date();
      return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1)).toISOString().slice(0, 7);
    });
    await dialog.getByRole('combobox', { name: 'From' }).click();
    // Newest first: the third option is two months ago.
    await page.getByRole('option').nth(2).click();
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export' }).click()]);
    expect(download.suggestedFilename()).toBe(`steward-usage-${months[2]}-to-${months[0]}.csv`);
    const lines = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('tenantId,tenantSlug,tenantName,month,plan,billingCycle,price,events,apiRequests');
    expect(lines.slice(1).map((l) => l.split(',')[3])).toEqual([...months].reverse());
    for (const line of lines.slice(1)) expect(line.split(',')[1]).toBe('acme');
    await gone(dialog);
    expect(browser.problems).toEqual([]);
  });
});
