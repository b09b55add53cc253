import { type Browser, baseUrl, callApi, eventually, nav, openBrowser, screenshot, signIn, visible, closeBrowser } from './browser';

describe('what each role sees', () => {
  let browser: Browser;

  afterEach(async () => {
    await closeBrowser(browser);
  });

  it('shows a wrong password next to the password field', async () => {
    browser = await openBrowser();
    const { page } = browser;
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.getByText('Enter the email address you sign in with'));
    await signIn(page, 'compliance@acme.test', 'not-the-password');
    await visible(page.getByText('The email or password is incorrect'));
    await visible(page.locator('.mantine-PasswordInput-root').getByText('The email or password is incorrect'));
    expect(await page.locator('.mantine-TextInput-root').getByText('The email or password is incorrect').count()).toBe(0);
  });

  it('gives a viewer the shell without admin-only pages or controls', async () => {
    browser = await openBrowser();
    const { page } = browser;
    await signIn(page, 'viewer@acme.test');
    await visible(page.getByRole('heading', { name: 'Acme Corporation' }));
    expect(await page.getByTestId('tenant-role').textContent()).toBe('Viewer');
    await visible(nav(page).getByRole('link', { name: /Members/ }));
    for (const hidden of [/API keys/, /Audit log/, /GraphiQL/]) expect(await nav(page).getByRole('link', { name: hidden }).count()).toBe(0);

    await page.getByTestId('user-menu').click();
    await visible(page.getByRole('menu').getByText('viewer@acme.test'));
    expect(await page.getByRole('menuitem', { name: 'Open GraphiQL' }).count()).toBe(0);
    await page.keyboard.press('Escape');

    await nav(page)
      .getByRole('link', { name: /Members/ })
      .click();
    await visible(page.getByText('Ada Admin'));
    expect(await page.getByRole('button', { name: 'Invite member' }).count()).toBe(0);
    expect(await page.getByRole('combobox', { name: /Role of/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Remove / }).count()).toBe(0);
    expect(await page.getByText('Pending invitations').count()).toBe(0);
    // Other people's emails are for admins: the page does not ask for them.
    expect(await page.getByText('admin@acme.test').count()).toBe(0);
    await screenshot(page, '07-members-viewer');

    await page.goto('/api-keys');
    await visible(page.getByTestId('forbidden-page'));
    expect(await page.getByRole('button', { name: 'Create API key' }).count()).toBe(0);
    await screenshot(page, '08-api-keys-viewer-forbidden');
  });

  it('takes an analyst to GraphiQL, already signed in as themselves', async () => {
    browser = await openBrowser();
    const { page, context } = browser;
    await signIn(page, 'analyst@acme.test');
    await visible(page.getByRole('heading', { name: 'Acme Corporation' }));
    const authorizations: string[] = [];
    context.on('request', (request) => {
      const authorization = request.headers().authorization;
      if (request.url() === `${baseUrl()}/graphql` && authorization && request.frame().page() !== page) authorizations.push(authorization);
    });
    const [graphiql] = await Promise.all([
      context.waitForEvent('page'),
      nav(page)
        .getByRole('link', { name: /GraphiQL/ })
        .click(),
    ]);
    await graphiql.waitForLoadState();
    expect(new URL(graphiql.url()).pathname).toBe('/graphql');
    await visible(graphiql.getByText('Signed in', { exact: true }), 30_000);
    await eventually(async () => expect(authorizations.length).toBeGreaterThan(0), 30_000);
    const asGraphiql = await callApi({ authorization: authorizations[0] }, '{ viewer { role user { email } tenant { slug } } }');
    expect(asGraphiql.body.data).toEqual({ viewer: { role: 'ANALYST', user: { email: 'analyst@acme.test' }, tenant: { slug: 'acme' } } });
    await screenshot(graphiql, '09-graphiql-analyst');
    // GraphiQL rotated the refresh cookie; the app tab carries on with it after a reload.
    await page.reload();
    await visible(page.getByRole('heading', { name: 'Acme Corporation' }));
  });

  it('lets someone in two tenants switch between them, and remembers the choice', async () => {
    browser = await openBrowser();
    const { page } = browser;
    const tenants = { 'Acme Corporation': { role: 'Developer', colleague: 'Ada Admin' }, 'Globex Industries': { role: 'Analyst', colleague: 'Gina Globex' } };
    await signIn(page, 'consultant@steward.test');
    await visible(page.getByRole('heading', { name: /Acme Corporation|Globex Industries/ }));
    const from = (await page.getByTestId('current-tenant').textContent())!.includes('Acme') ? 'Acme Corporation' : 'Globex Industries';
    const to = from === 'Acme Corporation' ? 'Globex Industries' : 'Acme Corporation';
    expect(await page.getByTestId('tenant-role').textContent()).toBe(tenants[from].role);
    await page.getByTestId('current-tenant').click();
    await page.getByRole('menuitem', { name: new RegExp(to) }).click();
    await visible(page.getByRole('heading', { name: to }));
    await eventually(async () => expect(await page.getByTestId('tenant-role').textContent()).toBe(tenants[to].role));
    // A switch that worked says nothing: the header already shows the new tenant and role.
    await page.waitForLoadState('networkidle');
    expect(await page.locator('.mantine-Notification-root').allTextContents()).toEqual([]);
    await page.goto('/members');
    await visible(page.getByText(tenants[to].colleague));
    expect(await page.getByText(tenants[from].colleague).count()).toBe(0);
    await screenshot(page, '10-tenant-switched');
    await page.reload();
    await visible(page.getByText(tenants[to].colleague));
    expect(await page.getByTestId('current-tenant').textContent()).toContain(to);
  });

  it('shows the admin of a suspended tenant one banner, with no made-up values', async () => {
    browser = await openBrowser();
    const { page } = browser;
    await signIn(page, 'admin@umbrella.test');
    const banner = await visible(page.getByTestId('tenant-suspended'));
    expect(await banner.textContent()).toMatch(/Umbrella Labs is suspended.*act here as admin again.*platform admin can reactivate/);
    await page.waitForLoadState('networkidle');
    expect(await page.locator('body').textContent()).not.toMatch(/no role|Ask an admin of Umbrella|resourceLimits|No limit|Something went wrong/i);
    await page.goto('/agents');
    await visible(page.getByTestId('tenant-suspended'));
    expect(await page.getByRole('alert').count()).toBe(0);
    await screenshot(page, '11-tenant-suspended');
  });

  it('answers a malformed id in the address with the not-found page', async () => {
    browser = await openBrowser();
    const { page } = browser;
    await signIn(page, 'viewer@acme.test');
    await visible(page.getByRole('heading', { name: 'Acme Corporation' }));
    for (const path of ['/agents/doesnotexist', '/policies/doesnotexist']) {
      await page.goto(path);
      await visible(page.getByTestId('not-found'));
      expect(await page.getByText('Something went wrong').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    }
  });
});
