import { type Browser, nav, openBrowser, screenshot, signIn, visible, closeBrowser } from './browser';
import { settled } from './routes';

/** What an operator hit in daily use: navigation, keyboard, narrow screens and the wording of pages. */
describe('an operator at work', () => {
  let browser: Browser;

  afterEach(async () => {
    await closeBrowser(browser);
  });

  it('finds every page in a grouped navigation that fits a 900 px high window, and skips it with one Tab', async () => {
    browser = await openBrowser({ navigation: 'fresh' });
    const { page } = browser;
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, 'admin@acme.test');
    await visible(page.getByRole('heading', { name: 'Acme Corporation' }));
    const groups = await nav(page)
      .getByRole('group')
      .evaluateAll((gs) => gs.map((g) => g.getAttribute('aria-label')));
    expect(groups).toEqual(['Home', 'Inventory', 'Governance', 'Compliance', 'Spend', 'Operations', 'People', 'Administration']);
    const fits = async () => {
      const fit = await nav(page).evaluate((n) => ({ bottom: n.getBoundingClientRect().bottom, height: window.innerHeight }));
      expect(fit.bottom).toBeLessThanOrEqual(fit.height);
    };
    await fits();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('main')))).toBe(true);
    // A first visit shows the groups closed but the current page's; each opens to its pages, one line each.
    expect(await nav(page).getByRole('link', { name: 'Agents' }).count()).toBe(0);
    await page.goto('/metrics');
    await visible(nav(page).getByRole('link', { name: 'Alert rules' }));
    await page.goto('/');
    await visible(page.getByRole('heading', { name: 'Acme Corporation' }));
    const pages: string[] = [];
    for (const label of groups.slice(1) as string[]) {
      const group = nav(page).getByRole('group', { name: label });
      const toggle = group.getByRole('button', { name: new RegExp(label, 'i') });
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      await toggle.click();
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      for (const link of await group.getByRole('link').all()) {
        expect((await link.boundingBox())!.height).toBeLessThan(44);
        pages.push((await link.textContent())!);
      }
      await toggle.click();
    }
    expect(pages).toEqual(expect.arrayContaining(['Agents', 'Policies', 'Controls', 'Costs', 'Metrics', 'Alert rules', 'Members', 'API keys']));
    // A group stays as the operator leaves it, after a reload too.
    await nav(page).getByRole('group', { name: 'Spend' }).getByRole('button').click();
    await nav(page).getByRole('link', { name: 'Budgets' }).click();
    await page.waitForURL(/\/budgets$/);
    await page.reload();
    await visible(nav(page).getByRole('link', { name: 'Budgets' }));
    expect(await nav(page).getByRole('link', { name: 'Alert rules' }).count()).toBe(0);
    await fits();

    await screenshot(page, '12-navigation-900');
  });

  it('hides Costs from a viewer, who cannot read amounts', async () => {
    browser = await openBrowser();
    const { page } = browser;
    await signIn(page, 'viewer@acme.test');
    await visible(nav(page).getByRole('link', { name: 'Agents' }));
    expect(await nav(page).getByRole('link', { name: 'Costs' }).count()).toBe(0);
  });

  it('words pages for people: alerts name their period, metrics their unit, audit outcomes in full', async () => {
    browser = await openBrowser();
    const { page } = browser;
    await signIn(page, 'admin@acme.test');
    await visible(page.getByRole('heading', { name: 'Acme Corporation' }));

    await page.goto('/alerts?status=all');
    await settled(page);
    const alerts = await page.locator('main table tbody').textContent();
    expect(alerts).toMatch(/budget .* passed \d+% in (January|February|March|April|May|June|July|August|September|October|November|December|Q[1-4]) \d{4}/);
    expect(alerts).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(await page.getByTestId('list-count').textContent()).not.toMatch(/\b1 alerts\b/);

    await page.goto('/models');
    await settled(page);
    const models = (await page.locator('main').textContent())!;
    expect(models).toContain('P95 latency: 1,800 ms');
    expect(models).not.toContain('p95LatencyMs');

    await page.goto('/audit');
    await settled(page);
    await page.getByRole('combobox', { name: 'Outcome' }).click();
    await page.getByRole('option', { name: /denied/i }).click();
    await settled(page);
    const outcomes = page.getByTestId('audit-outcome');
    if ((await outcomes.count()) > 0) {
      const cut = await outcomes.evaluateAll((badges) => badges.filter((b) => b.scrollWidth > b.clientWidth + 1).length);
      expect(cut).toBe(0);
    }
  });

  it('scrolls wide tables sideways on a narrow screen instead of cutting them off', async () => {
    browser = await openBrowser();
    const { page } = browser;
    await page.setViewportSize({ width: 390, height: 800 });
    await signIn(page, 'admin@acme.test');
    await visible(page.getByRole('heading', { name: 'Acme Corporation' }));
    await page.goto('/agents');
    await settled(page);
    const table = page.getByRole('table', { name: 'Agents' });
    await visible(table);
    // The table's nearest ancestor that scrolls sideways, marked so the test can hold on to it.
    await table.evaluate((t) => {
      let el = t.parentElement;
      while (el && !['auto', 'scroll'].includes(getComputedStyle(el).overflowX)) el = el.parentElement;
      el?.setAttribute('data-e2e-scroller', '');
    });
    const scroller = page.locator('[data-e2e-scroller]');
    const before = await scroller.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(before.scroll).toBeGreaterThan(before.client);
    await scroller.evaluate((el) => el.scrollBy({ left: 400 }));
    expect(await scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, '13-agents-narrow');
  });
});
