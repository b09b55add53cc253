import { type Browser, callApi, DEMO_PASSWORD, eventually, openBrowser, screenshot, signIn, visible } from './browser';

async function tokenOf(email: string): Promise<string> {
  const signedIn = await callApi({}, `mutation { sessionCreate(input: { email: "${email}", password: "${DEMO_PASSWORD}" }) { accessToken } }`);
  return (signedIn.body.data?.sessionCreate as { accessToken: string }).accessToken;
}

type Count = { count: number };
const total = (counts: Count[]) => counts.reduce((sum, c) => sum + c.count, 0);

/**
 * An operator's first question: is anything wrong? A compliance officer signs in, the Overview shows the
 * problems the demo world was seeded with, and one click leads from an open violation to the decision that
 * found it and on to the agent that broke the rule.
 */
describe('the Overview in the browser', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(() => browser.close());

  it('shows the seeded problems and walks from a violation to its decision record and its agent', async () => {
    const { page } = browser;
    const authorization = `Bearer ${await tokenOf('compliance@acme.test')}`;
    const api = await callApi({ authorization }, `{ overview { agentsByCompliance { status count } openViolationsBySeverity { count } } }`);
    const overview = api.body.data?.overview as { agentsByCompliance: (Count & { status: string })[]; openViolationsBySeverity: Count[] };
    const nonCompliant = overview.agentsByCompliance.find((c) => c.status === 'NON_COMPLIANT')!.count;
    const openViolations = total(overview.openViolationsBySeverity);
    expect(nonCompliant).toBeGreaterThan(0);
    expect(openViolations).toBeGreaterThan(0);

    await signIn(page, 'compliance@acme.test');
    await visible(page.getByRole('heading', { name: 'Acme Corporation', level: 1 }));
    const violationsCard = page.getByTestId('attention-violations');
    await eventually(async () => expect(await violationsCard.getByTestId('attention-count').textContent()).toBe(String(openViolations)));
    expect(await page.getByTestId('attention-non-compliant').getByTestId('attention-count').textContent()).toBe(String(nonCompliant));
    await visible(page.getByTestId('violations-by-severity').locator('.recharts-bar-rectangle:visible'));
    await visible(page.getByTestId('agents-by-state').locator('.recharts-pie:visible'));
    await screenshot(page, 'overview-compliance-officer');

    const first = page.getByTestId('overview-violation').first();
    const title = (await first.getByRole('link').textContent())!;
    const [ruleName, agentName] = title.split(' · ');
    await first.getByRole('link').click();

    await visible(page.getByRole('heading', { name: title, level: 1 }));
    expect(new URL(page.url()).pathname).toMatch(/^\/violations\/.+/);
    const decision = page.getByTestId('decision-record');
    await visible(decision.getByText('Input digest'));
    expect(await decision.getByText('Violation', { exact: true }).count()).toBe(1);
    await visible(page.getByTestId('waiver-history'));
    await screenshot(page, 'violation-decision-record');
    expect(ruleName).toBeTruthy();

    await page.getByRole('region', { name: 'Finding' }).getByRole('link', { name: agentName }).click();
    await visible(page.getByRole('heading', { name: agentName, level: 1 }));
    expect(new URL(page.url()).pathname).toMatch(/^\/agents\/.+/);
    expect(browser.problems).toEqual([]);
  });
});
