import { readFileSync } from 'node:fs';
import type { Locator, Page, Request } from 'playwright-core';
import { type Browser, eventually, gone, nav, openBrowser, screenshot, signIn, visible, closeBrowser } from './browser';

/** The costs pages against the seeded demo world: 90 days of costs, three budgets and their alerts in acme. */

function dashboardRequest(page: Page, check: (variables: Record<string, unknown>) => boolean): Promise<Request> {
  return page.waitForRequest((request) => {
    if (!request.url().endsWith('/graphql') || request.method() !== 'POST') return false;
    const body = request.postDataJSON() as { operationName?: string; variables?: Record<string, unknown> } | null;
    return body?.operationName === 'CostDashboard' && check(body.variables ?? {});
  });
}

/** A chart drew its data: SVG shapes with geometry, not just axes. */
async function drawn(chart: Locator, shape: string): Promise<number> {
  return eventually(async () => {
    const count = await chart.locator(`svg ${shape}`).count();
    expect(count).toBeGreaterThan(0);
    return count;
  });
}

/** Notifications fade after a few seconds: screenshots wait for them so the header shows. */
async function quiet(page: Page): Promise<void> {
  await gone(page.locator('.mantine-Notification-root'), 12_000);
}

async function legend(page: Page): Promise<string[]> {
  return page.getByTestId('spend-over-time').locator('.recharts-legend-wrapper').allTextContents();
}

describe('costs, budgets and alerts in the browser', () => {
  let browser: Browser;

  afterEach(async () => {
    await closeBrowser(browser);
  });

  it('shows an analyst the dashboard, keeps filters in the URL across a reload, and exports the rollup as CSV', async () => {
    browser = await openBrowser();
    const { page } = browser;
    await signIn(page, 'analyst@acme.test');
    await visible(page.getByRole('heading', { name: 'Acme Corporation' }));
    await nav(page).getByRole('link', { name: /Costs/ }).click();
    await page.waitForURL(/\/costs$/);

    const spend = page.getByTestId('spend-over-time');
    await visible(spend.locator('[data-state="ready"]'));
    expect(await drawn(spend, 'path.recharts-area-area')).toBeGreaterThanOrEqual(3);
    expect(await spend.locator('path.recharts-area-area').first().getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+L|C/);
    expect((await legend(page)).join(' ')).toMatch(/Anthropic|OpenAI/);
    expect(await drawn(page.getByTestId('top-agents'), '.recharts-bar-rectangle path')).toBeGreaterThan(1);
    expect(await drawn(page.getByTestId('by-category'), '.recharts-pie-sector')).toBeGreaterThan(1);
    await drawn(page.getByTestId('burndown-card'), 'path.recharts-line-curve');
    expect(await page.getByTestId('burndown-card').locator('.recharts-reference-line').count()).toBeGreaterThanOrEqual(3);
    expect(await page.getByTestId('summary-total-value').textContent()).toMatch(/^\$[\d,]+\.\d{2}$/);
    expect(await page.getByTestId('summary-forecast-value').textContent()).toMatch(/^\$[\d,]+\.\d{2}$/);
    await screenshot(page, 'costs-01-dashboard-analyst');

    // A filter goes to the URL and the charts ask again.
    const byMonth = dashboardRequest(page, (v) => v.interval === 'MONTH');
    await page.getByText('Month', { exact: true }).click();
    await byMonth;
    await page.waitForURL(/[?&]interval=month/);
    await drawn(spend, '.recharts-bar-rectangle path');

    const awsOnly = dashboardRequest(page, (v) => JSON.stringify((v.filter as { providers?: unknown }).providers) === '["AWS"]');
    await page.getByRole('combobox', { name: 'Provider' }).click();
    await page.getByRole('option', { name: 'AWS' }).click();
    await page.keyboard.press('Escape');
    await awsOnly;
    await page.waitForURL(/[?&]provider=aws/);
    await eventually(async () => expect((await legend(page)).join(' ').trim()).toBe('AWS'));
    const awsTotal = await page.getByTestId('summary-total-value').textContent();

    await page.reload();
    await visible(page.getByTestId('spend-over-time').locator('[data-state="ready"]'));
    expect(new URL(page.url()).searchParams.get('interval')).toBe('month');
    expect(new URL(page.url()).searchParams.getAll('provider')).toEqual(['aws']);
    expect(await page.getByRole('radio', { name: 'Month' }).isChecked()).toBe(true);
    await eventually(async () => expect((await legend(page)).join(' ').trim()).toBe('AWS'));
    expect(await page.getByTestId('summary-total-value').textContent()).toBe(awsTotal);
    await screenshot(page, 'costs-02-dashboard-filtered');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^steward-costs-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}-by-month\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('period,key,label,amount_usd,quantity,entries');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines.slice(1)) expect(line).toMatch(/^\d{4}-\d{2}-01,AWS,aws,\d+(\.\d+)?,/);
  });

  it('shows an analyst budgets with their progress and a burn-down, in light and dark', async () => {
    browser = await openBrowser();
    const { page } = browser;
    await signIn(page, 'analyst@acme.test');
    await visible(page.getByRole('heading', { name: 'Acme Corporation' }));
    await page.goto('/budgets');
    const row = page.locator('[data-testid="budget-row"][data-budget-name="Monthly cloud and AI spend"]');
    await visible(row);
    expect(await row.getByTestId('budget-percent').textContent()).toMatch(/^\d+(\.\d)?%$/);
    expect(await row.getByTestId('threshold-mark').count()).toBe(2);
    // Analysts read budgets; only admins change them.
    expect(await page.getByRole('button', { name: 'New budget' }).count()).toBe(0);
    await screenshot(page, 'costs-03-budgets-analyst');
    await row.getByRole('button', { name: 'Burn-down of Monthly cloud and AI spend' }).click();
    const dialog = page.getByRole('dialog');
    await drawn(dialog, 'path.recharts-line-curve');
    await visible(dialog.getByText(/50% (reached|not reached)/));
    await screenshot(page, 'costs-04-budget-burndown');
    await page.keyboard.press('Escape');
    await gone(dialog);

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/costs');
    await drawn(page.getByTestId('spend-over-time'), 'path.recharts-area-area');
    await drawn(page.getByTestId('burndown-card'), 'path.recharts-line-curve');
    expect(await page.locator('html').getAttribute('data-mantine-color-scheme')).toBe('dark');
    await screenshot(page, 'costs-05-dashboard-dark');
  });

  it('lets an admin create, check and delete a budget, and acknowledge an alert', async () => {
    browser = await openBrowser();
    const { page } = browser;
    await signIn(page, 'admin@acme.test');
    await visible(page.getByRole('heading', { name: 'Acme Corporation' }));
    const name = `E2E budget ${Date.now().toString(36)}`;

    await page.goto('/budgets');
    await visible(page.getByTestId('budget-row'));
    await page.getByRole('button', { name: 'New budget' }).click();
    const form = page.getByRole('dialog');
    await form.getByRole('textbox', { name: 'Name' }).fill(name);
    await form.getByRole('textbox', { name: 'Amount' }).fill('0');
    await form.getByRole('button', { name: 'Create budget' }).click();
    await visible(form.getByText('The amount must be more than zero'));
    await form.getByRole('textbox', { name: 'Amount' }).fill('1250.50');
    await form.getByText('Category', { exact: true }).click();
    await form.getByRole('combobox', { name: /^Category/ }).click();
    await page.getByRole('option', { name: 'Storage' }).click();
    await form.getByRole('button', { name: 'Create budget' }).click();
    await gone(page.getByRole('dialog'));
    const row = page.locator(`[data-testid="budget-row"][data-budget-name="${name}"]`);
    await visible(row);
    await visible(row.getByText('Category: Storage'));
    await visible(row.getByText('of $1,250.50'));
    await quiet(page);
    await screenshot(page, 'costs-06-budgets-admin');
    await row.getByRole('button', { name: `Delete ${name}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete budget' }).click();
    await gone(row);

    await nav(page)
      .getByRole('link', { name: /Alerts/ })
      .click();
    await page.waitForURL(/\/alerts/);
    const open = page.locator('[data-testid="alert-row"][data-status="OPEN"]');
    await visible(open);
    const openBefore = await open.count();
    const message = (await open.first().locator('p').first().textContent())!;
    await open
      .first()
      .getByRole('button', { name: /^Acknowledge/ })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Note' }).fill('Looking into the overrun');
    await dialog.getByRole('button', { name: 'Acknowledge' }).click();
    await gone(page.getByRole('dialog'));
    const acknowledged = page.locator('[data-testid="alert-row"][data-status="ACKNOWLEDGED"]').filter({ hasText: message });
    await visible(acknowledged);
    await visible(acknowledged.getByText('Acknowledged by Ada Admin'));
    await visible(acknowledged.getByText(/Looking into the overrun/));
    expect(await open.count()).toBe(openBefore - 1);
    await quiet(page);
    await screenshot(page, 'costs-07-alerts-admin');

    await page.locator('label', { hasText: /^Acknowledged$/ }).click();
    await page.waitForURL(/status=acknowledged/);
    await eventually(async () =>
      expect(await page.locator('[data-testid="alert-row"]').evaluateAll((rows) => rows.every((r) => r.getAttribute('data-status') === 'ACKNOWLEDGED'))).toBe(
        true,
      ),
    );
  });

  it('shows a viewer no amounts: no costs, budget or alert pages, and why when a link leads there', async () => {
    browser = await openBrowser();
    const { page } = browser;
    await signIn(page, 'viewer@acme.test');
    await visible(page.getByRole('heading', { name: 'Acme Corporation' }));
    for (const hidden of [/Costs/, /Budgets/, /Alerts/]) expect(await nav(page).getByRole('link', { name: hidden }).count()).toBe(0);
    await page.goto('/costs');
    await visible(page.getByTestId('forbidden-page'));
    await visible(page.getByText('Costs is not available to you'));
    const main = page.locator('main');
    expect(await main.textContent()).not.toMatch(/\$\s?\d/);
    expect(await main.getByRole('alert').count()).toBe(0);
    expect(await main.locator('svg.recharts-surface').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Export CSV' }).count()).toBe(0);
    await screenshot(page, 'costs-08-dashboard-viewer');
    await page.goto('/budgets');
    await visible(page.getByTestId('forbidden-page'));
  });
});
