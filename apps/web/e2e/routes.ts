import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { webRoot } from './api-server';

/**
 * The app's pages, as the app itself lists them: every src/modules/<name>/index.ts that exports a
 * PageModule and is listed in src/app/modules.ts. Read as text, so a page a helper adds is covered
 * without touching the tests.
 */
export function modulePaths(): string[] {
  const listed = readFileSync(join(webRoot, 'src/app/modules.ts'), 'utf8');
  const paths: string[] = [];
  for (const folder of readdirSync(join(webRoot, 'src/modules'))) {
    let index: string;
    try {
      index = readFileSync(join(webRoot, 'src/modules', folder, 'index.ts'), 'utf8');
    } catch {
      continue;
    }
    for (const match of index.matchAll(/export const (\w+)\s*:\s*PageModule\s*=\s*\{[^}]*?path:\s*'([^']*)'/gs)) {
      if (new RegExp(`\\b${match[1]}\\b`).test(listed.replace(/^import .*$/gm, ''))) paths.push(`/${match[2]}`);
    }
  }
  return paths.sort();
}

/** "/agents/QWdlbnQ6MQ==/edit?tab=x" -> "/agents/:id/edit?tab=x": one visit per kind of page. */
export function routePattern(pathAndQuery: string): string {
  const [path, query] = pathAndQuery.split('?');
  const pattern = path
    .split('/')
    .map((part, i) => (i > 1 && (/^[A-Za-z0-9_-]{12,}={0,2}$/.test(part) || /^[0-9a-f-]{36}$/.test(part)) ? ':id' : part))
    .join('/');
  return query === undefined ? pattern : `${pattern}?${query}`;
}

/** A page to visit: its path, the module page it was found from, and how many links away from it. */
export interface PageVisit {
  path: string;
  base: string;
  depth: number;
}

/**
 * Pages below a module page that the page links to (detail pages, forms), and the pages they link to in turn, up to
 * `maxDepth` links: the routes a module declares in its own <Routes>, found the way a user finds them. One visit per
 * kind of page (route pattern). Reads the links of the page as it stands, so a crawler can audit and discover in one
 * visit.
 */
export async function linksBelow(page: Page, from: PageVisit, maxDepth = 2): Promise<PageVisit[]> {
  if (from.base === '/' || from.depth >= maxDepth) return [];
  const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  return hrefs.filter((href) => href.startsWith(`${from.base}/`)).map((path) => ({ path, base: from.base, depth: from.depth + 1 }));
}

/** The page has loaded what it shows: no request in flight, no loader or skeleton left. */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page
    .waitForFunction(() => !document.querySelector('[aria-busy="true"], .mantine-Skeleton-root[data-visible="true"], .mantine-Loader-root'), undefined, {
      timeout: 10_000,
    })
    .catch(() => undefined);
  await transitionsDone(page);
}

/** Every CSS transition running (Mantine's enter transitions, a theme's colours) has ended, so colours are measured as they end up. */
export async function transitionsDone(page: Page): Promise<void> {
  await page.evaluate(async () => {
    // A re-render can cancel a transition and start another, so look again until none runs (within reason).
    for (let round = 0; round < 20; round++) {
      // Two frames: a style change made just now has started its transitions.
      await new Promise((frame) => requestAnimationFrame(() => requestAnimationFrame(frame)));
      const running = document.getAnimations().filter((animation) => animation instanceof CSSTransition && animation.playState === 'running');
      if (!running.length) return;
      await Promise.all(running.map((transition) => transition.finished.catch(() => undefined)));
    }
  });
}
