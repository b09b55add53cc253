import type { Page } from 'playwright-core';
import { auditPages, audit, type Finding, modulePages, named, openPage, report, THEMES } from './axe';
import { type Browser, eventually, openBrowser, signIn, visible } from './browser';
import { modulePaths, routePattern } from './routes';
import { ensureWorkflow } from './workflow-data';

/**
 * Every page the app lists and the pages below them, in both themes, as an admin; the sign-in pages; the alert rule
 * form. The viewer's pages are accessibility-viewer.e2e.ts, so the two run side by side.
 */
describe('accessibility (axe-core, WCAG 2.1 AA)', () => {
  let browser: Browser;

  beforeAll(async () => {
    // Workflows have no demo data yet: one workflow with an execution, so their detail pages are audited too.
    await ensureWorkflow();
    browser = await openBrowser({ bypassCSP: true });
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function signedIn(email: string): Promise<Page> {
    const { page } = browser;
    await browser.context.clearCookies();
    await signIn(page, email);
    await visible(page.getByRole('navigation', { name: 'Main' }));
    return page;
  }

  it('discovers every page module of the app', () => {
    const paths = modulePaths();
    expect(paths).toEqual(expect.arrayContaining(['/', '/agents', '/policies', '/costs', '/audit', '/api-keys']));
  });

  it('finds nothing serious on the pages before sign-in (sign-in with its SSO form, SSO callback, invitation, password reset, email verification), in either theme', async () => {
    const findings: Finding[] = [];
    const { page } = browser;
    await openPage(page, '/sign-in');
    for (const theme of THEMES) findings.push(...(await audit(page, '/sign-in', theme)));
    await page.getByRole('button', { name: 'Single sign-on (SSO)' }).click();
    await visible(page.getByRole('textbox', { name: /^Organisation/ }));
    for (const theme of THEMES) findings.push(...(await audit(page, '/sign-in (SSO form)', theme)));
    // Reached without a sign-in started in this tab, or without a link's token: each says so.
    for (const path of ['/sso/callback', '/invitation', '/reset-password', '/verify-email']) {
      await openPage(page, path);
      for (const theme of THEMES) findings.push(...(await audit(page, path, theme)));
    }
    if (findings.length) console.log(report(findings));
    expect(findings.map(named)).toEqual([]);
  }, 120_000);

  it('finds nothing serious on any page, in either theme, as an admin', async () => {
    const page = await signedIn('admin@acme.test');
    const { paths, findings } = await auditPages(page, modulePages(), true);
    console.log(`axe: ${paths.length} pages as an admin: ${paths.join(' ')}`);
    if (findings.length) console.log(report(findings));
    expect(findings.map(named)).toEqual([]);
    // The crawl reached the pages below the module pages, not just the module pages themselves.
    expect(paths.map(routePattern)).toEqual(
      expect.arrayContaining(['/agents/:id', '/agents/:id?tab=health', '/approvals/:id', '/workflows/:id', '/workflows/executions/:id']),
    );
  }, 900_000);

  it('finds nothing serious in the alert rule form with its live preview, in either theme', async () => {
    const page = await signedIn('admin@acme.test');
    const findings: Finding[] = [];
    await openPage(page, '/alert-rules');
    await page.getByRole('button', { name: 'New alert rule' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: /^Condition/ }).fill('window.errorRate > 0.05');
    await visible(dialog.getByTestId('preview-episodes'), 30_000);
    for (const theme of THEMES) findings.push(...(await audit(page, '/alert-rules (new rule form)', theme)));
    if (findings.length) console.log(report(findings));
    expect(findings.map(named)).toEqual([]);
  }, 120_000);

  it("lets a keyboard reach and scroll the preview's would-have-fired episodes when they overflow their box, in either theme", async () => {
    const page = await signedIn('admin@acme.test');
    const findings: Finding[] = [];
    await openPage(page, '/alert-rules');
    await page.getByRole('button', { name: 'New alert rule' }).click();
    const dialog = page.getByRole('dialog');
    // Every agent with points fires: one episode each, more rows than the box shows at once.
    await dialog.getByRole('textbox', { name: /^Condition/ }).fill('window.errorRate >= 0.0');
    const scroller = dialog.getByRole('region', { name: 'Would-have-fired episodes, scrollable' });
    await visible(scroller.getByRole('table', { name: 'Would-have-fired episodes' }), 30_000);
    const box = await scroller.evaluate((el) => ({
      tabIndex: el.tabIndex,
      overflowY: getComputedStyle(el).overflowY,
      overflows: el.scrollHeight > el.clientHeight,
    }));
    expect(box).toEqual({ tabIndex: 0, overflowY: 'auto', overflows: true });
    // The region is the element that scrolls: focused, the keyboard scrolls it.
    await scroller.focus();
    expect(await scroller.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('End');
    await eventually(async () => expect(await scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(0));
    for (const theme of THEMES) findings.push(...(await audit(page, '/alert-rules (preview with episodes)', theme)));
    if (findings.length) console.log(report(findings));
    expect(findings.map(named)).toEqual([]);
  }, 120_000);
});
