import type { Page } from 'playwright-core';
import { type Browser, callApi, closeBrowser, DEMO_PASSWORD, eventually, openBrowser, signIn, visible } from './browser';

/** Made for this story: judges the one seeded agent tagged "docs" (Release Notes Writer), which it finds in breach. */
const POLICY = 'Live watch: docs agents need a second reader';
const AGENT = 'Release Notes Writer';

async function tokenOf(email: string): Promise<string> {
  const signedIn = await callApi({}, `mutation { sessionCreate(input: { email: "${email}", password: "${DEMO_PASSWORD}" }) { accessToken } }`);
  return (signedIn.body.data?.sessionCreate as { accessToken: string }).accessToken;
}

/** Test files share one API in no fixed order, and admin.e2e.ts changes roles: the watcher must write policies. */
async function ensureDeveloper(email: string, authorization: string): Promise<void> {
  const found = await callApi({ authorization }, `{ members(first: 100) { edges { node { id role user { email } } } } }`);
  const edges = (found.body.data?.members as { edges: { node: { id: string; role: string; user: { email: string | null } } }[] }).edges;
  const membership = edges.find((e) => e.node.user.email === email)?.node;
  if (!membership) throw new Error(`${email} is not a member of acme`);
  if (membership.role.toUpperCase() === 'DEVELOPER') return;
  const changed = await callApi(
    { authorization },
    `mutation { membershipRoleChange(input: { membershipId: "${membership.id}", role: DEVELOPER }) { userErrors { message } } }`,
  );
  expect(changed.body.errors).toBeUndefined();
}

/** Records every status the re-evaluation bar shows, as the page renders it (a reload would lose the record). */
async function recordStatuses(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { barStatuses: string[] }).barStatuses = seen;
    const note = () => {
      const status = document.querySelector('[data-testid="reevaluation"]')?.getAttribute('data-status');
      if (status && seen[seen.length - 1] !== status) seen.push(status);
    };
    note();
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
  });
}

const statuses = (page: Page) => page.evaluate(() => (window as unknown as { barStatuses?: string[] }).barStatuses ?? null);

/**
 * Live re-evaluation between two people: one starts a re-evaluation of a policy that opens a
 * violation; the other, on the same policy's page, sees the progress bar move through the run and
 * the violation arrive at the top of the list, with the count, without a reload.
 */
describe('a re-evaluation, watched live from another session', () => {
  let acting: Browser | undefined;
  let watching: Browser | undefined;

  afterAll(async () => {
    await closeBrowser(acting);
    await closeBrowser(watching);
  });

  it("moves the other session's progress bar and adds the violation it opens to the other session's list", async () => {
    const authorization = `Bearer ${await tokenOf('admin@acme.test')}`;
    await ensureDeveloper('dev@acme.test', authorization);
    // Saved switched off, so nothing judges the agent until the actor turns it on.
    const created = await callApi(
      { authorization },
      `mutation { policyCreate(input: { name: "${POLICY}", type: AGENT, severity: MEDIUM, enforcement: AUDIT, active: false,
        scope: { kind: TAGS, tags: ["docs"] },
        rules: [{ name: "Second reader", condition: "\\"docs\\" in agent.tags", message: "Docs agents need a second reader (live story)" }] })
        { policy { id } userErrors { message } } }`,
    );
    const policy = (created.body.data?.policyCreate as { policy: { id: string } | null; userErrors: { message: string }[] }) ?? null;
    expect(created.body.errors).toBeUndefined();
    expect(policy?.userErrors).toEqual([]);
    const path = `/policies/${encodeURIComponent(policy!.policy!.id)}`;

    watching = await openBrowser();
    acting = await openBrowser();
    const watcher = watching.page;
    const actor = acting.page;
    await signIn(watcher, 'dev@acme.test');
    await visible(watcher.getByRole('heading', { name: 'Acme Corporation' }));
    await signIn(actor, 'admin@acme.test');
    await visible(actor.getByRole('heading', { name: 'Acme Corporation' }));

    await watcher.goto(`${path}?tab=violations`);
    await visible(watcher.getByRole('heading', { name: POLICY, level: 1 }));
    await visible(watcher.getByText('No violations match these filters'));
    await visible(watcher.getByText('0 open violations'));
    expect(await watcher.getByTestId('reevaluation').count()).toBe(0);
    await recordStatuses(watcher);

    // The actor turns the policy on, which re-evaluates every agent in its scope.
    await actor.goto(path);
    await visible(actor.getByRole('heading', { name: POLICY, level: 1 }));
    await actor.getByRole('button', { name: 'Activate', exact: true }).click();
    await actor.getByRole('dialog').getByRole('button', { name: 'Activate', exact: true }).click();

    const bar = watcher.getByTestId('reevaluation');
    await eventually(async () => expect(await bar.getAttribute('data-status')).toBe('SUCCEEDED'), 30_000);
    await visible(bar.getByText('Judged 1 of 1 agent in scope (version 1): 1 violation, 0 errors'));
    expect(await watcher.getByRole('progressbar', { name: 'Re-evaluation progress' }).getAttribute('aria-valuenow')).toBe('100');
    const seen = (await statuses(watcher))!;
    expect(seen.at(-1)).toBe('SUCCEEDED');
    expect(seen.length).toBeGreaterThan(1);

    const row = watcher.locator(`[data-testid="violation-row"][data-agent-name="${AGENT}"]`);
    await visible(row);
    expect(await row.getAttribute('data-status')).toBe('OPEN');
    expect(await row.getAttribute('data-fresh')).toBe('true');
    await visible(row.getByText('Docs agents need a second reader (live story)'));
    await visible(watcher.getByTestId('list-count').getByText('Showing 1 of 1 violation'));
    await visible(watcher.getByText('1 open violation', { exact: true }));

    // Asked again by hand: the watcher's bar goes through the new run to its end.
    const before = seen.length;
    await eventually(async () => expect(await actor.getByRole('button', { name: 'Re-evaluate now' }).isEnabled()).toBe(true));
    await actor.getByRole('button', { name: 'Re-evaluate now' }).click();
    await eventually(async () => {
      const after = (await statuses(watcher))!.slice(before);
      expect(after.length).toBeGreaterThan(1);
      expect(after.at(-1)).toBe('SUCCEEDED');
    }, 30_000);
    // The same page all along: the record made before the first run is still there.
    expect((await statuses(watcher))!.slice(0, before)).toEqual(seen);
    expect(await watcher.getByTestId('violation-row').count()).toBe(1);
  });
});
