import { type Browser, closeBrowser, eventually, nav, openBrowser, screenshot, signIn, visible } from './browser';

const GATE = 'Agent change gate';

/**
 * A control's page with its automated checks: the seeded "Agent change gate" is checked by two
 * governance policies, whose latest decisions on agents are its evidence. A developer reaches only the
 * controls covering agents they created, with their checks but without mappings or evidence; a
 * compliance officer sees the whole control.
 */
describe("a control's automated checks in the browser", () => {
  let developer: Browser;

  beforeAll(async () => {
    developer = await openBrowser();
    await signIn(developer.page, 'dev@acme.test');
    await visible(developer.page.getByRole('heading', { name: 'Acme Corporation' }));
  });

  afterAll(async () => {
    await closeBrowser(developer);
  });

  it("shows a developer only the controls covering their agents, with each policy's latest decisions and nothing else", async () => {
    const { page } = developer;
    await nav(page)
      .getByRole('link', { name: /^Controls/ })
      .click();
    const rows = page.getByTestId('control-row');
    await visible(rows.first());
    expect(await rows.evaluateAll((all) => all.map((r) => r.getAttribute('data-control-name')))).toEqual([GATE]);
    await rows.first().getByRole('link', { name: GATE }).click();
    await visible(page.getByRole('heading', { name: GATE, level: 1 }));

    const checks = page.getByTestId('automated-check');
    await eventually(async () => expect(await checks.count()).toBe(2));
    const decisions = page.getByRole('table', { name: /^Latest decisions of / });
    await eventually(async () => expect(await decisions.count()).toBeGreaterThanOrEqual(1));
    expect(await decisions.first().locator('tbody tr').count()).toBeGreaterThanOrEqual(1);
    // The mapping and the evidence are compliance's own: a developer's page says so and shows neither.
    await visible(page.getByTestId('control-mappings').getByText('The requirements a control counts towards are for compliance officers and auditors.'));
    expect(await page.getByTestId('mapping-row').count()).toBe(0);
    expect(await page.getByTestId('control-evidence').count()).toBe(0);
    await screenshot(page, 'compliance-controls-01-developer');
    expect(developer.problems).toEqual([]);
  });

  it('shows a compliance officer the same checks with the mappings across frameworks', async () => {
    const officer = await openBrowser();
    try {
      const { page } = officer;
      await signIn(page, 'compliance@acme.test');
      await visible(page.getByRole('heading', { name: 'Acme Corporation' }));
      await nav(page)
        .getByRole('link', { name: /^Controls/ })
        .click();
      const row = page.locator(`[data-testid="control-row"][data-control-name="${GATE}"]`);
      await row.getByRole('link', { name: GATE }).click();
      await visible(page.getByRole('heading', { name: GATE, level: 1 }));
      await eventually(async () => expect(await page.getByTestId('automated-check').count()).toBe(2));
      const mappings = page.getByTestId('mapping-row');
      await eventually(async () =>
        expect((await mappings.evaluateAll((all) => all.map((r) => r.getAttribute('data-requirement-code')))).sort()).toEqual(['A.8.32', 'CC8.1']),
      );
      await visible(page.getByTestId('control-evidence'));
      await screenshot(page, 'compliance-controls-02-officer');
      expect(officer.problems).toEqual([]);
    } finally {
      await officer.close();
    }
  });
});
