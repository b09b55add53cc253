import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { webRoot } from './api-server';
import { type Browser, openBrowser, signIn, visible } from './browser';
import { linkedPages, modulePaths, routePattern, settled } from './routes';
import { ensureWorkflow } from './workflow-data';

/**
 * WCAG 2.1 AA with axe-core on every page the app lists, in both themes, as an admin and as a
 * viewer (who sees refusals and empty states where the admin sees controls). axe runs inside the
 * page, injected from node_modules: no network.
 */
const AXE = readFileSync(join(webRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');
/** Besides every serious and critical finding, the moderate ones an operator's audit named. */
const ALSO_FAIL = new Set(['page-has-heading-one', 'heading-order', 'landmark-one-main', 'empty-table-header']);
const THEMES = ['light', 'dark'] as const;

interface Finding {
  page: string;
  theme: string;
  id: string;
  impact: string | null;
  targets: string[];
  help: string;
}

async function audit(page: Page, path: string, theme: (typeof THEMES)[number], { navigate = true } = {}): Promise<Finding[]> {
  await page.emulateMedia({ colorScheme: theme });
  if (navigate) await page.goto(path);
  await settled(page);
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const results = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: object,
          ) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    return axe.run(document, { resultTypes: ['violations'], rules: { 'label-content-name-mismatch': { enabled: true } } });
  });
  const truncated = await page
    .locator('.mantine-Badge-label')
    .evaluateAll((labels) => labels.filter((l) => l.scrollWidth > l.clientWidth + 1).map((l) => l.textContent ?? ''));
  return [
    ...results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical' || ALSO_FAIL.has(v.id))
      .map((v) => ({ page: path, theme, id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) })),
    ...truncated.map((text) => ({ page: path, theme, id: 'badge-cut-off', impact: 'serious', help: 'A badge label is cut off', targets: [text] })),
  ];
}

function report(findings: Finding[]): string {
  return findings.map((f) => `${f.page} [${f.theme}] ${f.id} (${f.impact}): ${f.help}\n    ${f.targets.slice(0, 8).join('\n    ')}`).join('\n');
}

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

  it('discovers every page module of the app', () => {
    const paths = modulePaths();
    expect(paths).toEqual(expect.arrayContaining(['/', '/agents', '/policies', '/costs', '/audit', '/api-keys']));
  });

  it('finds nothing serious on the sign-in page (with its SSO form open) and the SSO callback page, in either theme', async () => {
    const findings: Finding[] = [];
    for (const theme of THEMES) {
      findings.push(...(await audit(browser.page, '/sign-in', theme)));
      await browser.page.getByRole('button', { name: 'Single sign-on (SSO)' }).click();
      await visible(browser.page.getByRole('textbox', { name: /^Organisation/ }));
      findings.push(...(await audit(browser.page, '/sign-in (SSO form)', theme, { navigate: false })));
      // Reached without a sign-in started in this tab: it says so.
      findings.push(...(await audit(browser.page, '/sso/callback', theme)));
    }
    if (findings.length) console.log(report(findings));
    expect(findings.map((f) => `${f.page} [${f.theme}] ${f.id}`)).toEqual([]);
  });

  it.each([
    ['an admin', 'admin@acme.test'],
    ['a viewer', 'viewer@acme.test'],
  ])(
    'finds nothing serious on any page, in either theme, as %s',
    async (_who, email) => {
      const { page } = browser;
      await browser.context.clearCookies();
      await signIn(page, email);
      await visible(page.getByRole('navigation', { name: 'Main' }));
      const paths = new Set(modulePaths());
      for (const base of [...paths]) for (const linked of await linkedPages(page, base)) paths.add(linked);
      // Tabs of a detail page that are pages of their own for the user: the agent's Health tab (charts, history) and AI tasks.
      for (const path of [...paths]) if (routePattern(path) === '/agents/:id') for (const tab of ['health', 'tasks']) paths.add(`${path}?tab=${tab}`);
      // Approvals: the inbox may hold nothing for this user; the tenant's requests (and so a request page) are on the other tabs.
      for (const tab of ['mine', 'all']) paths.add(`/approvals?tab=${tab}`);
      await page.goto('/approvals?tab=all');
      await settled(page);
      const requests = page.locator('main a[href^="/approvals/"]');
      await visible(requests.first());
      paths.add(new URL((await requests.first().getAttribute('href'))!, 'http://x').pathname);
      paths.add('/no-such-page');
      const findings: Finding[] = [];
      for (const path of paths) for (const theme of THEMES) findings.push(...(await audit(page, path, theme)));
      console.log(`axe: ${paths.size} pages as ${email}: ${[...paths].join(' ')}`);
      if (findings.length) console.log(report(findings));
      expect(findings.map((f) => `${f.page} [${f.theme}] ${f.id} (${f.impact})`)).toEqual([]);
    },
    600_000,
  );

  it('finds nothing serious in the alert rule form with its live preview, in either theme', async () => {
    const { page } = browser;
    await browser.context.clearCookies();
    await signIn(page, 'admin@acme.test');
    await visible(page.getByRole('navigation', { name: 'Main' }));
    const findings: Finding[] = [];
    for (const theme of THEMES) {
      await page.emulateMedia({ colorScheme: theme });
      await page.goto('/alert-rules');
      await settled(page);
      await page.getByRole('button', { name: 'New alert rule' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('textbox', { name: /^Condition/ }).fill('window.errorRate > 0.05');
      await visible(dialog.getByTestId('preview-episodes'), 30_000);
      findings.push(...(await audit(page, '/alert-rules (new rule form)', theme, { navigate: false })));
    }
    if (findings.length) console.log(report(findings));
    expect(findings.map((f) => `${f.page} [${f.theme}] ${f.id} (${f.impact})`)).toEqual([]);
  }, 120_000);
});
