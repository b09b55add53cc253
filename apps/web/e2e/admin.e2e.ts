import type { Page } from 'playwright-core';
import { type Browser, baseUrl, callApi, eventually, gone, nav, openBrowser, screenshot, visible } from './browser';

/** One admin's working session, in order: each step starts where the previous one left the page. */
describe('an admin in the browser', () => {
  let browser: Browser;
  let page: Page;
  let secret = '';
  const keyName = `E2E pipeline ${Date.now().toString(36)}`;
  const keyRow = () => page.locator(`[data-testid="api-key-row"][data-key-name="${keyName}"]`);

  beforeAll(async () => {
    browser = await openBrowser();
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('is sent to sign in, and signs in as the seeded admin', async () => {
    await page.goto('/api-keys');
    await page.waitForURL(/\/sign-in\?next=%2Fapi-keys/);
    await screenshot(page, '01-sign-in');
    await page.getByRole('textbox', { name: 'Email' }).fill('admin@acme.test');
    await page.getByRole('textbox', { name: 'Password' }).fill('steward-demo-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/api-keys$/);
    await visible(page.getByRole('heading', { name: 'API keys' }));
    await page.goto('/');
    await visible(page.getByRole('heading', { name: 'Acme Corporation' }));
    expect(await page.getByTestId('tenant-role').textContent()).toBe('Admin');
    for (const label of ['Overview', 'Members', 'API keys', 'Audit log', 'GraphiQL']) await visible(nav(page).getByRole('link', { name: new RegExp(label) }));
    await screenshot(page, '02-overview-admin');
  });

  it('stays signed in across a reload, with the access token in memory only', async () => {
    await page.reload();
    await visible(page.getByRole('heading', { name: 'Acme Corporation' }));
    expect(page.url()).not.toContain('/sign-in');
    const stored = await page.evaluate(() => {
      const values: string[] = [];
      for (const storage of [localStorage, sessionStorage])
        for (let i = 0; i < storage.length; i++) values.push(`${storage.key(i)}=${storage.getItem(storage.key(i)!)}`);
      return { values, cookie: document.cookie };
    });
    expect(stored.values.filter((v) => /eyJ|token|rt_/i.test(v))).toEqual([]);
    expect(stored.cookie).not.toContain('steward_refresh');
    const refresh = (await browser.context.cookies()).find((c) => c.name === 'steward_refresh');
    expect(refresh).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/graphql' });
  });

  it('creates an API key and sees its secret once, with a working copy button', async () => {
    await page.goto('/api-keys');
    await visible(page.getByTestId('api-key-row'));
    await page.getByRole('button', { name: 'Create API key' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Create key' }).click();
    await visible(dialog.getByText('Choose what the key may do'));
    await dialog.getByRole('textbox', { name: 'Name' }).fill(keyName);
    await dialog.getByRole('combobox', { name: /^Role/ }).click();
    await page.getByRole('option', { name: 'Analyst' }).click();
    await dialog.getByRole('button', { name: 'Create key' }).click();
    const shown = await visible(dialog.getByTestId('secret-value'));
    secret = (await shown.textContent())!.trim();
    expect(secret).toMatch(/^stw_/);
    await dialog.getByRole('button', { name: 'Copy API key' }).click();
    await visible(dialog.getByRole('button', { name: 'Copy API key' }).and(page.locator('[data-variant="filled"]')));
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await screenshot(page, '03-api-key-secret');
    // Escape does not lose the secret: only the explicit button closes the dialog.
    await page.keyboard.press('Escape');
    expect(await dialog.getByTestId('secret-value').textContent()).toBe(secret);
    const command = (await dialog.getByTestId('secret-command').textContent())!;
    expect(command).toContain(`-H 'x-api-key: ${secret}'`);
    expect(command).toContain(`${baseUrl()}/graphql`);
    await dialog.getByRole('button', { name: 'I have copied the key' }).click();
    await gone(page.getByRole('dialog'));
    await visible(keyRow());
    expect(await keyRow().getByTestId('last-used').textContent()).toBe('Never');
    expect(await page.getByText(secret).count()).toBe(0);
  });

  it("shows the key's last use after the key calls the API", async () => {
    const called = await callApi({ 'x-api-key': secret }, '{ viewer { apiKeyName role } }');
    expect(called.status).toBe(200);
    expect(called.body.data).toEqual({ viewer: { apiKeyName: keyName, role: 'ANALYST' } });
    await page.getByRole('button', { name: 'Refresh API keys' }).click();
    await eventually(async () => expect(await keyRow().getByTestId('last-used').textContent()).not.toBe('Never'));
    await page.reload();
    await visible(keyRow());
    expect(await keyRow().getByTestId('last-used').textContent()).toMatch(/just now|second/);
    await screenshot(page, '04-api-keys');
  });

  it('invites a member and changes a role on the members page', async () => {
    await page.goto('/members');
    await visible(page.getByText('Vic Viewer'));
    await page.getByRole('button', { name: 'Invite member' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Email' }).fill('not-an-email');
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await visible(dialog.getByText('Enter a valid email address'));
    await dialog.getByRole('textbox', { name: 'Email' }).fill('dev@acme.test');
    await dialog.getByRole('combobox', { name: /^Role/ }).click();
    await page.getByRole('option', { name: 'Viewer' }).click();
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    // The API refuses to invite a member again; its message shows next to the email field.
    await visible(dialog.getByText('dev@acme.test is already a member'));
    await dialog.getByRole('textbox', { name: 'Email' }).fill('new.hire@acme.test');
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await visible(dialog.getByTestId('secret-value'));
    await dialog.getByRole('button', { name: 'Done' }).click();
    await visible(page.getByTestId('invitation-row').filter({ hasText: 'new.hire@acme.test' }));

    // Other files sign in as Dev Dhillon (a developer), so the role goes back before the test ends.
    const changeRole = async (from: string, to: string) => {
      await page.getByRole('combobox', { name: 'Role of Dev Dhillon' }).click();
      await page.getByRole('option', { name: to }).click();
      const confirm = page.getByRole('dialog');
      await visible(confirm.getByText(new RegExp(`Change Dev Dhillon from ${from} to ${to}`, 'i')));
      await confirm.getByRole('button', { name: 'Change role' }).click();
      await gone(page.getByRole('dialog'));
      await eventually(async () => expect(await page.getByRole('combobox', { name: 'Role of Dev Dhillon' }).inputValue()).toBe(to));
    };
    await changeRole('Developer', 'Analyst');
    await page.getByRole('textbox', { name: 'Search' }).fill('dhillon');
    await eventually(async () => expect(await page.getByTestId('member-row').count()).toBe(1));
    await page.getByRole('textbox', { name: 'Search' }).fill('');
    await eventually(async () => expect(await page.getByTestId('member-row').count()).toBeGreaterThan(1));
    await screenshot(page, '05-members-admin');
    await changeRole('Analyst', 'Developer');
  });

  it('reads the audit log with before/after values and the chain verification', async () => {
    await page.goto('/audit');
    await visible(page.getByText('Audit chain intact'));
    // The action filter offers what the log holds, each group led by its prefix.
    await page.getByRole('combobox', { name: 'Action' }).fill('membership');
    await page.getByRole('option', { name: 'membership.* (every membership action)' }).click();
    await eventually(async () => {
      const actions = await page.getByTestId('audit-row').locator('code').allTextContents();
      expect(actions.length).toBeGreaterThan(0);
      expect(actions.every((a) => a.startsWith('membership.'))).toBe(true);
    });
    await page
      .getByRole('button', { name: /Show details of membership.roleChange/ })
      .first()
      .click();
    // The newest role change is the one that put Dev Dhillon back: analyst before, developer after.
    const detail = await visible(page.getByTestId('audit-detail').filter({ hasText: 'role' }));
    expect(await detail.getByRole('table', { name: 'Values before and after' }).textContent()).toMatch(/role.*analyst.*developer/);
    await page.getByRole('combobox', { name: 'Action' }).fill('apiKey.create');
    await page.getByRole('option', { name: 'apiKey.create', exact: true }).click();
    await visible(page.getByTestId('audit-row').filter({ hasText: keyName }));
    await screenshot(page, '06-audit');
  });

  it('revokes the key after confirming, and the API refuses it from then on', async () => {
    await page.goto('/api-keys');
    await visible(keyRow());
    await keyRow()
      .getByRole('button', { name: `Revoke ${keyName}` })
      .click();
    const dialog = page.getByRole('dialog');
    await visible(dialog.getByText(/cannot be undone/));
    await dialog.getByRole('button', { name: 'Revoke key' }).click();
    await gone(page.getByRole('dialog'));
    await visible(keyRow().getByText('revoked'));
    const refused = await callApi({ 'x-api-key': secret }, '{ viewer { apiKeyName } }');
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('signs out, and a reload keeps it signed out', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);
    await page.reload();
    await visible(page.getByRole('button', { name: 'Sign in' }));
    await page.goto('/members');
    await page.waitForURL(/\/sign-in\?next=%2Fmembers/);
    expect(browser.problems).toEqual([]);
  });
});
