import { auditPages, modulePages, named, report } from './axe';
import { type Browser, openBrowser, signIn, visible } from './browser';
import { routePattern } from './routes';
import { ensureWorkflow } from './workflow-data';

/** Every page the app lists and the pages below them, in both themes, as a viewer, who sees refusals and empty states. */
describe('accessibility (axe-core, WCAG 2.1 AA) as a viewer', () => {
  let browser: Browser;

  beforeAll(async () => {
    await ensureWorkflow();
    browser = await openBrowser({ bypassCSP: true });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('finds nothing serious on any page, in either theme, as a viewer', async () => {
    const { page } = browser;
    await signIn(page, 'viewer@acme.test');
    await visible(page.getByRole('navigation', { name: 'Main' }));
    const { paths, findings } = await auditPages(page, modulePages(), true);
    console.log(`axe: ${paths.length} pages as a viewer: ${paths.join(' ')}`);
    if (findings.length) console.log(report(findings));
    expect(findings.map(named)).toEqual([]);
    expect(paths.map(routePattern)).toEqual(expect.arrayContaining(['/agents/:id', '/agents/:id?tab=health', '/approvals/:id']));
  }, 900_000);
});
