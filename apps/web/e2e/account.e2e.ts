import { audit, type Finding, named, openPage, report, THEMES } from './axe';
import { type Browser, closeBrowser, DEMO_PASSWORD, eventually, nav, openBrowser, screenshot, signIn, visible } from './browser';

describe('your account', () => {
  const browsers: Browser[] = [];
  const afterSignOut: (() => Promise<void>)[] = [];

  afterEach(async () => {
    for (const close of afterSignOut.splice(0)) await close();
    for (const browser of browsers.splice(0)) await closeBrowser(browser);
  });

  it('lists where you are signed in; signing out the other sessions ends them at once; the page passes axe in both themes', async () => {
    // bypassCSP only to inject axe-core for the audit.
    const laptop = await openBrowser({ bypassCSP: true });
    const phone = await openBrowser();
    browsers.push(laptop);
    // Its requests are refused once it is signed out: that is the point, not a problem of the page.
    afterSignOut.push(() => phone.close());
    await signIn(phone.page, 'auditor@acme.test');
    await visible(phone.page.getByRole('heading', { name: 'Acme Corporation' }));
    await signIn(laptop.page, 'auditor@acme.test');
    await visible(laptop.page.getByRole('heading', { name: 'Acme Corporation' }));

    const { page } = laptop;
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Your account and sessions' }).click();
    await visible(page.getByRole('heading', { name: 'Your account' }));
    const rows = page.getByTestId('session-row');
    await visible(rows.filter({ hasText: 'this session' }));
    // This browser and the phone; other test files of this worker may have left sessions of the same person.
    const sessions = await rows.count();
    expect(sessions).toBeGreaterThanOrEqual(2);
    await screenshot(page, '61-account-sessions');

    const findings: Finding[] = [];
    await openPage(page, '/account');
    await visible(page.getByTestId('session-row'));
    for (const theme of THEMES) findings.push(...(await audit(page, '/account', theme)));
    if (findings.length) console.log(report(findings));
    expect(findings.map(named)).toEqual([]);

    // A new address needs the current password; the account keeps its address until the mailed link is opened.
    const email = page.getByRole('region', { name: 'Email address' });
    await email.getByRole('textbox', { name: 'New email address' }).fill('auditor.moved@acme.test');
    await email.getByLabel('Current password').fill('not-the-password');
    await email.getByRole('button', { name: 'Send confirmation link' }).click();
    await visible(email.getByText('The current password is not right'));
    await email.getByLabel('Current password').fill(DEMO_PASSWORD);
    await email.getByRole('button', { name: 'Send confirmation link' }).click();
    await visible(email.getByText('Open the link we sent to auditor.moved@acme.test within two days to move your account there.'));

    await page.getByRole('button', { name: 'Sign out all other sessions' }).click();
    await page.getByRole('dialog', { name: 'Sign out all other sessions' }).getByRole('button', { name: 'Sign out' }).click();
    await visible(page.getByText(new RegExp(`^${sessions - 1} other sessions? signed out\\.`)));
    await eventually(async () => expect(await page.getByTestId('session-row').count()).toBe(1));

    // The other browser is signed out: its next page load asks it to sign in.
    await phone.page.reload();
    await visible(phone.page.getByRole('button', { name: 'Sign in' }));
    await nav(page)
      .getByRole('link', { name: /Overview/ })
      .first()
      .click();
    await visible(page.getByRole('heading', { name: 'Acme Corporation' }));
  }, 150_000);
});
