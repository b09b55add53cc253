import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { webRoot } from './api-server';
import { linksBelow, modulePaths, type PageVisit, routePattern, settled, transitionsDone } from './routes';

/**
 * WCAG 2.1 AA with axe-core, run inside the page, injected from node_modules: no network. Each page is audited in both
 * themes: every rule in the first, the rules that read colours in the second.
 */
const AXE = readFileSync(join(webRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');
/** The rules whose result depends on colours (colour contrast is most of axe's time on a page). */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];
/** Besides every serious and critical finding, the moderate ones an operator's audit named. */
const ALSO_FAIL = new Set(['page-has-heading-one', 'heading-order', 'landmark-one-main', 'empty-table-header']);
export const THEMES = ['light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export interface Finding {
  page: string;
  theme: string;
  id: string;
  impact: string | null;
  targets: string[];
  help: string;
}

/** Shows the page in the theme, as a user whose system setting changed would see it (the app follows the system's). */
async function showTheme(page: Page, theme: Theme): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
  const changed = await page.evaluate((t) => document.documentElement.getAttribute('data-mantine-color-scheme') !== t, theme);
  // In the theme it already shows, a dialog just opened may still be fading in: its colours are measured once it is in.
  if (changed) await page.waitForFunction((t) => document.documentElement.getAttribute('data-mantine-color-scheme') === t, theme, { timeout: 10_000 });
  await transitionsDone(page);
}

/** axe's serious findings on the page as it stands, in the theme it shows. */
export async function audit(page: Page, label: string, theme: Theme): Promise<Finding[]> {
  await showTheme(page, theme);
  // Only colours change with the theme: in the second theme, only the rules that read colours.
  const rules = theme === THEMES[0] ? undefined : COLOUR_RULES;
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const results = await page.evaluate(async (only) => {
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
    return axe.run(document, {
      resultTypes: ['violations'],
      ...(only ? { runOnly: only } : { rules: { 'label-content-name-mismatch': { enabled: true } } }),
    });
  }, rules);
  const truncated = rules
    ? []
    : await page
        .locator('.mantine-Badge-label')
        .evaluateAll((labels) => labels.filter((l) => l.scrollWidth > l.clientWidth + 1).map((l) => l.textContent ?? ''));
  return [
    ...results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical' || ALSO_FAIL.has(v.id))
      .map((v) => ({ page: label, theme, id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) })),
    ...truncated.map((text) => ({ page: label, theme, id: 'badge-cut-off', impact: 'serious', help: 'A badge label is cut off', targets: [text] })),
  ];
}

/** Opens the page in the theme (so its audit needs no theme change) and waits until it shows its data. */
export async function openPage(page: Page, path: string, theme: Theme = THEMES[0]): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
  await page.goto(path);
  await settled(page);
}

/**
 * Audits every page in both themes. With `follow`, it also finds the pages below each module page the
 * way a user does (its links, two deep) and audits them as it finds them; returns the paths it audited.
 */
export async function auditPages(page: Page, start: PageVisit[], follow: boolean): Promise<{ paths: string[]; findings: Finding[] }> {
  const queue = [...start];
  const seen = new Set(queue.map((visit) => routePattern(visit.path)));
  const paths: string[] = [];
  const findings: Finding[] = [];
  for (let visit = queue.shift(); visit; visit = queue.shift()) {
    paths.push(visit.path);
    // The page is opened anew in each theme: a live switch can leave a control's colours measured mid-change (seen on
    // SegmentedControl labels, even after every transition ended). Forms reached by interaction switch live instead.
    const found: PageVisit[] = [];
    for (const theme of THEMES) {
      await openPage(page, visit.path, theme);
      findings.push(...(await audit(page, visit.path, theme)));
      if (follow && theme === THEMES[0]) found.push(...(await linksBelow(page, visit)));
    }
    if (!follow) continue;
    // An agent's Health (charts, history) and AI tasks tabs are pages of their own for the user.
    if (routePattern(visit.path) === '/agents/:id') found.push(...['health', 'tasks'].map((tab) => ({ ...visit, path: `${visit.path}?tab=${tab}`, depth: 2 })));
    for (const next of found) {
      if (seen.has(routePattern(next.path))) continue;
      seen.add(routePattern(next.path));
      queue.push(next);
    }
  }
  return { paths, findings };
}

export function report(findings: Finding[]): string {
  return findings.map((f) => `${f.page} [${f.theme}] ${f.id} (${f.impact}): ${f.help}\n    ${f.targets.slice(0, 8).join('\n    ')}`).join('\n');
}

/** Every page module of the app, the approvals tabs that hold the tenant's requests, and a page that does not exist. */
export function modulePages(): PageVisit[] {
  return [
    ...modulePaths().map((path) => ({ path, base: path, depth: 0 })),
    // Approvals: the inbox may hold nothing for this user; the tenant's requests (and so a request page) are on the other tabs.
    ...['mine', 'all'].map((tab) => ({ path: `/approvals?tab=${tab}`, base: '/approvals', depth: 1 })),
    { path: '/no-such-page', base: '/', depth: 0 },
  ];
}

/** The finding's one-line name, for an expectation that lists what failed. */
export function named(finding: Finding): string {
  return `${finding.page} [${finding.theme}] ${finding.id} (${finding.impact})`;
}
