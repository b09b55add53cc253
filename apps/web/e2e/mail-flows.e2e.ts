import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, callApi, closeBrowser, DEMO_PASSWORD, eventually, nav, openBrowser, screenshot, signIn, visible } from './browser';

interface Mail {
  to: string[];
  subject: string;
  links: string[];
}

/** The mail this worker's API sent (global-setup.ts: one API, and one data directory, per worker). */
function sentMail(): Mail[] {
  const dirs = process.env.STEWARD_E2E_DATA_DIRS?.split(' ') ?? [];
  const dir = dirs[Number(process.env.JEST_WORKER_ID ?? '1') - 1];
  if (!dir) throw new Error('STEWARD_E2E_DATA_DIRS has no data directory for this worker: run the browser tests through e2e/jest.config.cjs');
  const mailDir = join(dir, 'mail');
  if (!existsSync(mailDir)) return [];
  return readdirSync(mailDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(mailDir, f), 'utf8')) as Mail);
}

/** The path and query of the link in the newest mail to `to` whose subject matches, once the mail job has sent it. */
async function linkInMail(to: string, subject: RegExp, path: string): Promise<string> {
  return eventually(async () => {
    const mail = sentMail()
      .filter((m) => m.to.includes(to) && subject.test(m.subject))
      .at(-1);
    const link = mail?.links.map((l) => new URL(l)).find((u) => u.pathname === path);
    if (!link) throw new Error(`no mail to ${to} matching ${subject} with a ${path} link yet`);
    return link.pathname + link.search + link.hash;
  }, 60_000);
}

/** The password the reset test chooses; afterAll changes it back, as other browser tests in this worker sign in as the analyst. */
const CHOSEN_PASSWORD = 'a-fresh-password-2026';

async function restoreAnalystPassword(): Promise<void> {
  const signedIn = await callApi({}, `mutation { sessionCreate(input: { email: "analyst@initech.test", password: "${CHOSEN_PASSWORD}" }) { accessToken } }`);
  const token = (signedIn.body.data?.sessionCreate as { accessToken: string | null } | null)?.accessToken;
  if (!token) return; // the reset did not happen: the demo password is still the analyst's
  const changed = await callApi(
    { authorization: `Bearer ${token}` },
    `mutation { passwordChange(input: { currentPassword: "${CHOSEN_PASSWORD}", newPassword: "${DEMO_PASSWORD}" }) { changed userErrors { message } } }`,
  );
  expect(changed.body.data?.passwordChange).toEqual({ changed: true, userErrors: [] });
}

describe('mail flows', () => {
  let browser: Browser | undefined;

  afterEach(async () => {
    await closeBrowser(browser);
    browser = undefined;
  });

  afterAll(restoreAnalystPassword);

  it('an admin invites someone; the invitee opens the mailed link, creates an account, joins and signs in; the used link says so', async () => {
    browser = await openBrowser();
    const { page } = browser;
    await signIn(page, 'admin@initech.test');
    await nav(page)
      .getByRole('link', { name: /Members/ })
      .click();
    await page.getByRole('button', { name: 'Invite member' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite a member' });
    await dialog.getByRole('textbox', { name: 'Email' }).fill('new.hire@initech.test');
    await dialog.getByRole('combobox', { name: /^Role/ }).click();
    await page.getByRole('option', { name: 'Analyst' }).click();
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await visible(page.getByRole('dialog', { name: 'Invitation sent' }));

    const link = await linkInMail('new.hire@initech.test', /invited to Initech/, '/invitation');
    // The invitee, in a browser of their own.
    const invitee = await openBrowser();
    try {
      const other = invitee.page;
      await other.goto(link);
      await screenshot(other, '60-invitation-opened');
      await visible(other.getByRole('heading', { name: 'Join Initech' }));
      await other.getByRole('textbox', { name: 'Your name' }).fill('Nina Newhire');
      // The new password and its repetition, in that order.
      await other.locator('input[type="password"]').nth(0).fill('a-long-new-password-2026');
      await other.locator('input[type="password"]').nth(1).fill('a-long-new-password-2026');
      await screenshot(other, '60-invitation-accept');
      await other.getByRole('button', { name: 'Create account and join' }).click();
      // A new account is signed in with the password just chosen and lands in the tenant it joined.
      await visible(other.getByRole('heading', { name: 'Initech' }));
      await visible(other.getByTestId('user-menu').getByText('Nina Newhire'));

      // The same link again: already accepted, said plainly.
      await other.goto('about:blank');
      await other.goto(link);
      await visible(other.getByRole('heading', { name: 'This invitation cannot be used' }));
      await visible(other.getByText('This invitation has already been accepted.'));
    } finally {
      await closeBrowser(invitee);
    }
  }, 180_000);

  it('a member who forgot their password gets a link by mail, chooses a new one and signs in with it; the link works once', async () => {
    browser = await openBrowser();
    const { page } = browser;
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('textbox', { name: 'Email' }).fill('analyst@initech.test');
    await page.getByRole('button', { name: 'Email me a reset link' }).click();
    await visible(page.getByRole('heading', { name: 'Check your email' }));

    const link = await linkInMail('analyst@initech.test', /Reset your Steward password/, '/reset-password');
    // A new page load, as a click in a mail client makes: the tab is on /reset-password already, and a link differing only in its hash would not reload it.
    await page.goto('about:blank');
    await page.goto(link);
    await visible(page.getByRole('heading', { name: 'Choose a new password' }));
    await page.locator('input[type="password"]').nth(0).fill(CHOSEN_PASSWORD);
    await page.locator('input[type="password"]').nth(1).fill(CHOSEN_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await visible(page.getByRole('heading', { name: 'Your password is changed' }));
    await signIn(page, 'analyst@initech.test', CHOSEN_PASSWORD);
    await visible(page.getByRole('heading', { name: 'Initech' }));

    // Used once: the same link is refused.
    await page.context().clearCookies();
    await page.goto('about:blank');
    await page.goto(link);
    await visible(page.getByRole('heading', { name: 'Choose a new password' }));
    await page.locator('input[type="password"]').nth(0).fill('another-password-2026');
    await page.locator('input[type="password"]').nth(1).fill('another-password-2026');
    await page.getByRole('button', { name: 'Change password' }).click();
    await visible(page.getByRole('link', { name: 'Ask for a new link' }));
  }, 180_000);
});
