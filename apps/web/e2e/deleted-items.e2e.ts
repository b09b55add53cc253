import { type Browser, callApi, closeBrowser, DEMO_PASSWORD, gone, nav, openBrowser, signIn, visible } from './browser';

/** Acme's agent runtime key (developer), as README.md prints it: to find the agent's id the way a partner app would. */
const RUNTIME_KEY = 'stw_demo_9XaxE-F9utmOFyLjPDkF3ZLa_qY5';
const AGENT = 'Legacy FAQ Bot';

async function agentIds(): Promise<string[]> {
  const { body } = await callApi({ 'x-api-key': RUNTIME_KEY }, `{ agents(first: 5, filter: { search: "${AGENT}" }) { nodes { id } } }`);
  return ((body.data?.agents as { nodes: { id: string }[] }).nodes ?? []).map((n) => n.id);
}

const MEMBER = 'Gus Developer';

async function globexAdmin(): Promise<Record<string, string>> {
  const signedIn = await callApi({}, `mutation { sessionCreate(input: { email: "admin@globex.test", password: "${DEMO_PASSWORD}" }) { accessToken } }`);
  return { authorization: `Bearer ${(signedIn.body.data?.sessionCreate as { accessToken: string }).accessToken}` };
}

async function memberIds(headers: Record<string, string>): Promise<string[]> {
  const { body } = await callApi(headers, `{ members(first: 50, filter: { search: "${MEMBER}" }) { nodes { id } } }`);
  return ((body.data?.members as { nodes: { id: string }[] }).nodes ?? []).map((n) => n.id);
}

/**
 * Issue 17's soft delete in the browser: a developer deletes an (archived) agent, is told until when it can
 * be restored, no longer finds it among the agents, restores it from Recently deleted and finds it again.
 */
describe('deleting and restoring an agent or a member', () => {
  let browser: Browser | undefined;
  afterAll(async () => {
    await closeBrowser(browser);
  });

  it('deletes an agent with the date it can be restored until, and restores it from Recently deleted', async () => {
    browser = await openBrowser();
    const { page } = browser;
    const [id] = await agentIds();
    expect(id).toBeDefined();
    await signIn(page, 'dev@acme.test');
    await visible(page.getByRole('heading', { name: 'Acme Corporation' }));
    await page.goto(`/agents/${encodeURIComponent(id)}`);
    await visible(page.getByRole('heading', { name: AGENT, level: 1 }));
    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: `Delete ${AGENT}?` });
    await visible(dialog.getByText(/can be restored from Recently deleted/));
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await gone(dialog);
    await visible(page.getByText(`${AGENT} deleted`));
    const told = await page.getByText(/It can be restored until .+ from Recently deleted\./).textContent();
    expect(told).toMatch(/until \S+/);
    await page.waitForURL(/\/agents$/);
    expect(await agentIds()).toEqual([]);
    const gonePage = await page.goto(`/agents/${encodeURIComponent(id)}`);
    expect(gonePage?.ok()).toBe(true);
    // Its page no longer finds it: the API answers NOT_FOUND, as for an agent that never was.
    await visible(page.getByText('It does not exist, was removed, or belongs to another tenant.'));
    expect(await page.getByRole('heading', { name: AGENT, level: 1 }).count()).toBe(0);

    await nav(page).getByRole('link', { name: 'Recently deleted' }).click();
    await visible(page.getByRole('heading', { name: 'Recently deleted', level: 1 }));
    const row = page.getByTestId(`deleted-${AGENT}`);
    await visible(row);
    expect(await row.textContent()).toContain('Agent');
    await row.getByRole('button', { name: `Restore ${AGENT}` }).click();
    await visible(page.getByText(`${AGENT} restored`));
    await gone(row);
    expect(await agentIds()).toEqual([id]);
    await page.goto(`/agents/${encodeURIComponent(id)}`);
    await visible(page.getByRole('heading', { name: AGENT, level: 1 }));
  });

  it('lists a removed member in Recently deleted, where their admin exports their personal data and restores them', async () => {
    const headers = await globexAdmin();
    const [id] = await memberIds(headers);
    expect(id).toBeDefined();
    const removed = await callApi(headers, `mutation { membershipRemove(input: { membershipId: "${id}" }) { removedMembershipId userErrors { message } } }`);
    expect(removed.body.data?.membershipRemove).toEqual({ removedMembershipId: id, userErrors: [] });
    expect(await memberIds(headers)).toEqual([]);

    const own = await openBrowser();
    try {
      const { page } = own;
      await signIn(page, 'admin@globex.test');
      await visible(nav(page).getByRole('link', { name: 'Recently deleted' }));
      await nav(page).getByRole('link', { name: 'Recently deleted' }).click();
      await visible(page.getByRole('heading', { name: 'Recently deleted', level: 1 }));
      const row = page.getByTestId(`deleted-${MEMBER}`);
      await visible(row);
      expect(await row.textContent()).toContain('Member');
      expect(await row.textContent()).toContain('Gina Globex');
      // Their personal data can still be exported (GDPR subject access of a former member), read with the admin's access.
      await row.getByRole('button', { name: `Export the personal data of ${MEMBER}` }).click();
      const dialog = page.getByRole('dialog', { name: `Export the personal data of ${MEMBER}` });
      await visible(dialog.getByTestId('removed-member-note'));
      await dialog.getByRole('button', { name: 'Export personal data' }).click();
      await visible(dialog.getByRole('button', { name: 'Download the export' }), 60_000);
      await dialog.getByRole('button', { name: 'Close' }).click();
      await gone(dialog);
      await row.getByRole('button', { name: `Restore ${MEMBER}` }).click();
      await visible(page.getByText(`${MEMBER} restored`));
      await gone(row);
    } finally {
      await closeBrowser(own);
    }
    expect(await memberIds(headers)).toEqual([id]);
  }, 120_000);
});

const POLICY = 'Code Reviewer declares its limits';

/**
 * The policy page's Delete: a developer deletes a policy from its page, lands on the policies, no longer finds it
 * there, restores it from Recently deleted and finds it again.
 */
describe('deleting and restoring a policy from its page', () => {
  let browser: Browser | undefined;
  afterAll(async () => {
    await closeBrowser(browser);
  });

  it('deletes a policy after the confirm, goes back to the policies, and restores it from Recently deleted', async () => {
    browser = await openBrowser();
    const { page } = browser;
    await signIn(page, 'dev@acme.test');
    await visible(page.getByRole('heading', { name: 'Acme Corporation' }));
    await nav(page).getByRole('link', { name: 'Policies' }).click();
    const row = page.locator(`[data-testid="policy-row"][data-policy-name="${POLICY}"]`);
    await visible(row);
    await row.getByRole('link', { name: POLICY }).click();
    await visible(page.getByRole('heading', { name: POLICY, level: 1 }));
    const detailUrl = page.url();

    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: `Delete ${POLICY}?` });
    await visible(dialog.getByText(/can be restored from Recently deleted until its plan’s retention period ends/));
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await gone(dialog);
    await visible(page.getByText(`${POLICY} deleted`));
    expect(await page.getByText(/It can be restored until .+ from Recently deleted\./).textContent()).toMatch(/until \S+/);
    await page.waitForURL(/\/policies$/);
    await visible(page.getByRole('heading', { name: 'Policies', level: 1 }));
    await visible(page.locator('[data-testid="policy-row"]').first());
    expect(await row.count()).toBe(0);

    await nav(page).getByRole('link', { name: 'Recently deleted' }).click();
    const deleted = page.getByTestId(`deleted-${POLICY}`);
    await visible(deleted);
    expect(await deleted.textContent()).toContain('Policy');
    await deleted.getByRole('button', { name: `Restore ${POLICY}` }).click();
    await visible(page.getByText(`${POLICY} restored`));
    await gone(deleted);
    await page.goto(detailUrl);
    await visible(page.getByRole('heading', { name: POLICY, level: 1 }));
    await visible(page.getByRole('button', { name: 'Delete' }));
  });
});
