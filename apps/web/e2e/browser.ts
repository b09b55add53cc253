import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { resultsDir } from './api-server';

export const DEMO_PASSWORD = 'steward-demo-2026';
const CHROMIUM = process.env.STEWARD_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** This jest worker's API (see global-setup.ts). */
export function baseUrl(): string {
  const urls = process.env.STEWARD_E2E_URLS?.split(' ') ?? [];
  const url = urls[Number(process.env.JEST_WORKER_ID ?? '1') - 1];
  if (!url) throw new Error('STEWARD_E2E_URLS has no API for this worker: run the browser tests through e2e/jest.config.cjs');
  return url;
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions and CSP violations seen in any page of this browser. */
  problems: string[];
  close(): Promise<void>;
}

/** The navigation's groups, as an operator who opened them all would keep them (see app/shell/Navigation.tsx). */
const NAVIGATION_GROUPS = ['Inventory', 'Governance', 'Compliance', 'Spend', 'Operations', 'People', 'Administration'];

/**
 * A fresh headless chromium with its own profile: no cookies or storage from another test. Its navigation has every
 * group open, so tests reach any page by its link; `navigation: 'fresh'` keeps a first visit's closed groups.
 */
export async function openBrowser({
  bypassCSP = false,
  navigation = 'all-open',
}: { bypassCSP?: boolean; navigation?: 'all-open' | 'fresh' } = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'steward-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    baseURL: baseUrl(),
    viewport: { width: 1280, height: 860 },
    colorScheme: 'light',
    // Only for injecting test tooling (axe-core) into the page; the app's own CSP is tested elsewhere.
    bypassCSP,
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl() });
  if (navigation === 'all-open') {
    const open = JSON.stringify(Object.fromEntries(NAVIGATION_GROUPS.map((g) => [g, true])));
    // Runs in every document, including sandboxed ones (GraphiQL) whose storage is denied: those have no navigation.
    await context.addInitScript((value) => {
      try {
        window.localStorage.setItem('steward.navigation.open-groups', value);
      } catch {
        // no storage in this document
      }
    }, open);
  }
  const problems: string[] = [];
  const watch = (page: Page) => {
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) problems.push(`csp: ${message.text()}`);
    });
  };
  context.on('page', watch);
  const page = context.pages()[0] ?? (await context.newPage());
  watch(page);
  return {
    context,
    page,
    problems,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Closes the browser, then fails the test on any uncaught page error or CSP violation it saw. Closed first: a failed
 * expectation must not leave a chromium behind that keeps jest from exiting.
 */
export async function closeBrowser(browser: Browser | undefined): Promise<void> {
  if (!browser) return;
  await browser.close();
  expect(browser.problems).toEqual([]);
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Saves a screenshot as a test artifact in apps/web/test-results/. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(resultsDir, { recursive: true });
  const path = join(resultsDir, `${name}.png`);
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export function nav(page: Page) {
  return page.getByRole('navigation', { name: 'Main' });
}

/** Calls the API from the test itself, as an agent or pipeline would. */
export async function callApi(
  headers: Record<string, string>,
  query: string,
): Promise<{ status: number; body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] } }> {
  const response = await fetch(`${baseUrl()}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as never };
}

/** Waits until the locator is visible; fails the test with the locator in the message otherwise. */
export async function visible(locator: Locator, timeout = 15_000): Promise<Locator> {
  await locator.first().waitFor({ state: 'visible', timeout });
  return locator;
}

export async function gone(locator: Locator, timeout = 15_000): Promise<void> {
  await locator.first().waitFor({ state: 'hidden', timeout });
}

/** Retries an assertion until it passes or the time is up, like a user who waits a moment. */
export async function eventually<T>(check: () => Promise<T>, timeout = 15_000): Promise<T> {
  const until = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
