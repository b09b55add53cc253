import type { Page } from 'playwright-core';
import { audit, type Finding, named, report, THEMES } from './axe';
import { type Browser, closeBrowser, nav, openBrowser, signIn, visible } from './browser';

/** Records whether an element matching `selector` was ever in the page from now on (the progress may be brief). */
async function watchFor(page: Page, selector: string): Promise<() => Promise<boolean>> {
  await page.evaluate((wanted) => {
    const w = window as unknown as { __seen?: Record<string, boolean> };
    w.__seen = { ...w.__seen, [wanted]: document.querySelector(wanted) !== null };
    new MutationObserver(() => {
      if (document.querySelector(wanted)) w.__seen![wanted] = true;
    }).observe(document.body, { childList: true, subtree: true });
  }, selector);
  return () => page.evaluate((wanted) => (window as unknown as { __seen: Record<string, boolean> }).__seen[wanted], selector);
}

/**
 * Issue 17's GDPR subject access in the browser: an admin exports a member's personal data from the members page,
 * sees the job's progress, then the download become available, downloads the zip once; a person exports their own
 * from the account page.
 */
describe('personal data exports in the browser', () => {
  let browser: Browser | undefined;
  // The dialogs and the account section are audited with axe-core (WCAG 2.1 AA) in both themes.
  const findings: Finding[] = [];
  afterAll(async () => {
    await closeBrowser(browser);
  });

  it("lets an admin export a member's personal data: progress, then a download usable once", async () => {
    browser = await openBrowser({ bypassCSP: true });
    const { page } = browser;
    await signIn(page, 'admin@acme.test');
    await visible(nav(page));
    await nav(page).getByRole('link', { name: 'Members' }).click();
    await visible(page.getByRole('heading', { name: 'Members', level: 1 }));
    await page.getByRole('button', { name: 'Export the personal data of Dev Dhillon' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export the personal data of Dev Dhillon' });
    await visible(dialog.getByText(/HR records about them/));
    const sawProgress = await watchFor(page, '[data-testid="export-progress"]');
    await dialog.getByRole('button', { name: 'Export personal data' }).click();
    const download = dialog.getByRole('button', { name: 'Download the export' });
    await visible(download, 60_000);
    expect(await sawProgress()).toBe(true);
    await visible(dialog.getByText(/It can be downloaded once/));
    for (const theme of THEMES) findings.push(...(await audit(page, '/members (export ready)', theme)));
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    expect(file.suggestedFilename()).toMatch(/\.zip$/);
    const path = await file.path();
    expect(path).toBeTruthy();
    await visible(dialog.getByTestId('export-downloaded'));
    expect(await dialog.getByRole('button', { name: 'Download the export' }).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Close' }).click();

    // Erasure says what happens and waits for the person's address, typed; cancelled here (the worker's API is shared).
    await page.getByRole('button', { name: 'Erase the personal data of Dev Dhillon' }).click();
    const erase = page.getByRole('dialog', { name: 'Erase personal data' });
    await visible(erase.getByText(/It cannot be undone/));
    await visible(erase.getByText(/replaced by a pseudonym in every table and in the audit log/));
    const confirm = erase.getByRole('button', { name: 'Erase personal data' });
    expect(await confirm.isDisabled()).toBe(true);
    await erase.getByRole('textbox', { name: 'Type dev@acme.test to confirm' }).fill('dev@acme.test');
    expect(await confirm.isEnabled()).toBe(true);
    for (const theme of THEMES) findings.push(...(await audit(page, '/members (erase dialog)', theme)));
    await erase.getByRole('button', { name: 'Cancel' }).click();
  }, 120_000);

  it('lets a person export their own personal data from the account page', async () => {
    browser ??= await openBrowser({ bypassCSP: true });
    const { page } = browser;
    await browser.context.clearCookies();
    await signIn(page, 'analyst@acme.test');
    await visible(nav(page));
    await page.goto('/account');
    const section = page.getByRole('region', { name: 'Your personal data' });
    await visible(section);
    await section.getByRole('button', { name: 'Export personal data' }).click();
    await visible(section.getByRole('button', { name: 'Download the export' }), 60_000);
    for (const theme of THEMES) findings.push(...(await audit(page, '/account (export ready)', theme)));
    // Analysts manage no one's data: no member actions for them.
    await page.goto('/members');
    await visible(page.getByTestId('member-row').first());
    expect(await page.getByRole('button', { name: /Export the personal data of/ }).count()).toBe(0);
    if (findings.length) console.log(report(findings));
    expect(findings.map(named)).toEqual([]);
  }, 120_000);
});
