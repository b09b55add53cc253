import type { Page } from 'playwright-core';
import { type Browser, callApi, closeBrowser, DEMO_PASSWORD, eventually, nav, openBrowser, signIn, visible } from './browser';

/** The open-alerts count beside "Alerts" in the navigation; 0 when the badge is not shown. */
async function openCount(page: Page): Promise<number> {
  const badge = nav(page).getByTestId('open-alerts-count');
  if (!(await badge.count())) return 0;
  return Number((await badge.first().textContent())!.replace(/\D/g, ''));
}

/**
 * Live updates between people: two browser sessions of two members. One acknowledges an alert; the
 * other's navigation count of open alerts changes by itself, without a reload (the page keeps a marker
 * that a reload would lose).
 */
describe('two sessions see one change live', () => {
  let acting: Browser | undefined;
  let watching: Browser | undefined;

  afterAll(async () => {
    await closeBrowser(acting);
    await closeBrowser(watching);
  });

  it("updates the other member's open-alerts count when one acknowledges an alert", async () => {
    watching = await openBrowser();
    acting = await openBrowser();
    const watcher = watching.page;
    const actor = acting.page;
    await signIn(watcher, 'dev@acme.test');
    await visible(watcher.getByRole('heading', { name: 'Acme Corporation' }));
    await signIn(actor, 'admin@acme.test');
    await visible(actor.getByRole('heading', { name: 'Acme Corporation' }));

    await actor.goto('/alerts');
    const open = actor.locator('[data-testid="alert-row"][data-status="OPEN"]');
    await visible(open);
    const before = await eventually(async () => {
      const count = await openCount(watcher);
      expect(count).toBeGreaterThan(0);
      return count;
    });
    await watcher.evaluate(() => ((window as unknown as { stayedOpen: boolean }).stayedOpen = true));

    await open
      .first()
      .getByRole('button', { name: /^Acknowledge/ })
      .click();
    const dialog = actor.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Note' }).fill('On it (live update test)');
    await dialog.getByRole('button', { name: 'Acknowledge' }).click();

    await eventually(async () => expect(await openCount(watcher)).toBe(before - 1));
    expect(await watcher.evaluate(() => (window as unknown as { stayedOpen?: boolean }).stayedOpen)).toBe(true);
  });
});

async function bearer(email: string): Promise<string> {
  const signedIn = await callApi({}, `mutation { sessionCreate(input: { email: "${email}", password: "${DEMO_PASSWORD}" }) { accessToken } }`);
  return `Bearer ${(signedIn.body.data?.sessionCreate as { accessToken: string }).accessToken}`;
}

type Call = Awaited<ReturnType<typeof callApi>>;

function succeeded(call: Call, mutation: string): void {
  expect(call.body.errors).toBeUndefined();
  expect((call.body.data?.[mutation] as { userErrors: unknown[] }).userErrors).toEqual([]);
}

/** An approval request made by Acme's admin through the API, whose steps name deciders by email; withdrawn by `withdraw`. */
async function requestApproval(admin: string, title: string, steps: (decider: (email: string) => string) => string): Promise<string> {
  const found = await callApi({ authorization: admin }, `{ members(first: 100) { edges { node { user { id email } } } } }`);
  const users = (found.body.data?.members as { edges: { node: { user: { id: string; email: string | null } } }[] }).edges.map((e) => e.node.user);
  const decider = (email: string) => `{ kind: MEMBER, userId: "${users.find((u) => u.email === email)!.id}" }`;
  const created = await callApi(
    { authorization: admin },
    `mutation { approvalRequestCreate(input: { title: "${title}", steps: [${steps(decider)}] }) { approvalRequest { id } userErrors { message } } }`,
  );
  succeeded(created, 'approvalRequestCreate');
  return (created.body.data?.approvalRequestCreate as { approvalRequest: { id: string } }).approvalRequest.id;
}

async function approve(email: string, requestId: string, comment: string): Promise<void> {
  const approved = await callApi(
    { authorization: await bearer(email) },
    `mutation { approvalRequestApprove(input: { requestId: "${requestId}", comment: "${comment}" }) { userErrors { message } } }`,
  );
  succeeded(approved, 'approvalRequestApprove');
}

/** Leaves no request waiting in the developer's inbox for other stories. */
async function withdraw(admin: string, requestId: string | undefined): Promise<void> {
  if (requestId)
    await callApi(
      { authorization: admin },
      `mutation { approvalRequestCancel(input: { requestId: "${requestId}", reason: "e2e done" }) { userErrors { message } } }`,
    );
}

/** The approvals count beside "Approvals" in the navigation (its Governance group opened); 0 when the badge is not shown. */
async function inboxCount(page: Page): Promise<number> {
  const governance = nav(page).getByRole('button', { name: /^Governance/ });
  if ((await governance.getAttribute('aria-expanded')) !== 'true') await governance.click();
  await visible(nav(page).getByRole('link', { name: /^Approvals/ }));
  const badge = nav(page).getByTestId('approval-inbox-count');
  if (!(await badge.count())) return 0;
  return Number((await badge.first().textContent())!.replace(/\D/g, ''));
}

describe('a request passed on to the next step', () => {
  let watching: Browser | undefined;
  let requestId: string | undefined;
  let admin = '';

  afterAll(async () => {
    await withdraw(admin, requestId);
    await closeBrowser(watching);
  });

  it("raises the next step's decider's approvals count by itself when the step before is approved", async () => {
    admin = await bearer('admin@acme.test');
    watching = await openBrowser();
    const watcher = watching.page;
    await signIn(watcher, 'dev@acme.test');
    await visible(watcher.getByRole('heading', { name: 'Acme Corporation' }));
    const before = await eventually(() => inboxCount(watcher));
    await watcher.evaluate(() => ((window as unknown as { stayedOpen: boolean }).stayedOpen = true));

    requestId = await requestApproval(
      admin,
      'Two-step live e2e',
      (decider) => `{ name: "Review", deciders: [${decider('compliance@acme.test')}] }, { name: "Sign-off", deciders: [${decider('dev@acme.test')}] }`,
    );
    // Opened at a step that is not the developer's: their count stays.
    await new Promise((r) => setTimeout(r, 1000));
    expect(await inboxCount(watcher)).toBe(before);

    await approve('compliance@acme.test', requestId, 'Reviewed');

    await eventually(async () => expect(await inboxCount(watcher)).toBe(before + 1));
    expect(await watcher.evaluate(() => (window as unknown as { stayedOpen?: boolean }).stayedOpen)).toBe(true);
  });
});

describe('a decision that leaves its step open', () => {
  let watching: Browser | undefined;
  let requestId: string | undefined;
  let admin = '';

  afterAll(async () => {
    await withdraw(admin, requestId);
    await closeBrowser(watching);
  });

  it("moves the other deciders' progress and the request page's decisions and comments by themselves", async () => {
    admin = await bearer('admin@acme.test');
    const title = `Three approvals live e2e ${Date.now().toString(36)}`;
    const id = await requestApproval(
      admin,
      title,
      (decider) =>
        `{ name: "Board", mode: ANY_N, requiredApprovals: 3, deciders: [${decider('compliance@acme.test')}, ${decider('analyst@acme.test')}, ${decider('dev@acme.test')}] }`,
    );
    requestId = id;

    watching = await openBrowser();
    const watcher = watching.page;
    await signIn(watcher, 'dev@acme.test');
    await visible(watcher.getByRole('heading', { name: 'Acme Corporation' }));
    await watcher.goto('/approvals');
    const row = watcher.locator(`[data-testid="approval-row"][data-approval-title="${title}"]`);
    await visible(row.getByTestId('approval-progress').filter({ hasText: '0 of 3 so far' }), 30_000);
    await watcher.evaluate(() => ((window as unknown as { stayedOpen: boolean }).stayedOpen = true));

    await approve('compliance@acme.test', id, 'Fine by compliance');
    await visible(row.getByTestId('approval-progress').filter({ hasText: '1 of 3 so far' }), 30_000);

    await row.getByRole('link', { name: title }).click();
    await visible(watcher.getByRole('heading', { name: title, level: 1 }));
    await visible(watcher.getByText(/1 approved, 0 rejected/));
    await approve('analyst@acme.test', id, 'Fine by analysis');
    const comment = await callApi(
      { authorization: await bearer('analyst@acme.test') },
      `mutation { approvalRequestComment(input: { requestId: "${requestId}", body: "Budget checked" }) { userErrors { message } } }`,
    );
    expect(comment.body.errors).toBeUndefined();
    await visible(watcher.getByText(/2 approved, 0 rejected/), 30_000);
    await visible(watcher.getByTestId('approval-comment').filter({ hasText: 'Budget checked' }), 30_000);
    expect(await watcher.getByTestId('approval-decision').count()).toBe(2);
    expect(await watcher.evaluate(() => (window as unknown as { stayedOpen?: boolean }).stayedOpen)).toBe(true);
  });
});

describe('notification settings', () => {
  let browser: Browser | undefined;
  afterAll(() => closeBrowser(browser));

  it('lets a member choose, per kind, in the app and by email, and keeps the choice', async () => {
    browser = await openBrowser();
    const { page } = browser;
    await signIn(page, 'analyst@acme.test');
    await visible(page.getByRole('heading', { name: 'Acme Corporation' }));
    await nav(page)
      .getByRole('link', { name: /Notification settings/ })
      .click();
    await visible(page.getByRole('heading', { name: 'Notification settings', level: 1 }));
    const byEmail = page.getByRole('checkbox', { name: 'Alerts by email' });
    const inApp = page.getByRole('checkbox', { name: 'Policy violations in the app' });
    await visible(byEmail);
    const emailBefore = await byEmail.isChecked();
    const appBefore = await inApp.isChecked();
    await byEmail.click();
    await visible(page.getByText(`Alerts: by email ${emailBefore ? 'off' : 'on'}`));
    await eventually(async () => expect(await byEmail.isChecked()).toBe(!emailBefore));
    await inApp.click();
    await visible(page.getByText(`Policy violations: in the app ${appBefore ? 'off' : 'on'}`));
    await eventually(async () => expect(await inApp.isChecked()).toBe(!appBefore));
    expect(await byEmail.isChecked()).toBe(!emailBefore);

    await page.reload();
    await visible(byEmail);
    expect(await byEmail.isChecked()).toBe(!emailBefore);
    expect(await inApp.isChecked()).toBe(!appBefore);
    // Put them back, so other stories see the defaults.
    await byEmail.click();
    await eventually(async () => expect(await byEmail.isChecked()).toBe(emailBefore));
    await inApp.click();
    await eventually(async () => expect(await inApp.isChecked()).toBe(appBefore));
    await page.reload();
    await visible(byEmail);
    expect(await byEmail.isChecked()).toBe(emailBefore);
  });
});
