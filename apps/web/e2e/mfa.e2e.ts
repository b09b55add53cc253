import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { audit, type Finding, THEMES } from './axe';
import { type Browser, callApi, closeBrowser, DEMO_PASSWORD, gone, openBrowser, screenshot, signIn, visible } from './browser';
import { settled } from './routes';

/** What the member's authenticator app shows `offsetSeconds` from now, computed from the key the page showed. */
function codeAt(secret: string, offsetSeconds = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: Date.now() + offsetSeconds * 1000 });
}

async function auditBothThemes(page: Page, label: string): Promise<Finding[]> {
  await settled(page);
  const findings: Finding[] = [];
  for (const theme of THEMES) findings.push(...(await audit(page, label, theme)));
  return findings;
}

/** Sets up the authenticator shown on the page: reads the key, types a wrong then the right code; returns the key. */
async function enrolFromPage(page: Page, findings: Finding[], label: string): Promise<{ secret: string; used: string; recoveryCodes: string[] }> {
  await visible(page.getByRole('img', { name: 'QR code to scan with your authenticator app' }));
  const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  findings.push(...(await auditBothThemes(page, `${label} (enrolment)`)));
  // A wrong code is refused at the field; the right one turns it on.
  await page.getByRole('textbox', { name: /Code from the app/ }).fill(codeAt(secret, -600));
  await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
  await visible(page.getByText(/The code is not right/));
  const used = codeAt(secret);
  await page.getByRole('textbox', { name: /Code from the app/ }).fill(used);
  await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
  const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
  await visible(codes);
  expect(await codes.count()).toBe(10);
  const recoveryCodes = (await codes.allTextContents()).map((code) => code.trim());
  await visible(page.getByRole('button', { name: 'Download codes' }));
  findings.push(...(await auditBothThemes(page, `${label} (recovery codes)`)));
  return { secret, used, recoveryCodes };
}

async function openAccountSecurity(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Account security' }).click();
  await visible(page.getByRole('heading', { name: 'Account security', level: 1 }));
}

/** Each test enrols, audits up to eight page states with axe and signs in again: more than the default minute on a busy machine. */
const LONG = 150_000;

type Api = Awaited<ReturnType<typeof callApi>>;

function field<T>(response: Api, name: string): T {
  const value = response.body.data?.[name];
  if (!value) throw new Error(`${name} failed: ${JSON.stringify(response.body.errors ?? response.body)}`);
  return value as T;
}

/**
 * Puts Initech back as the seed left it (nobody required to use a second factor, neither member enrolled), as its
 * admin would through the API: other browser tests in this worker sign in to Initech with a password alone.
 */
async function restoreInitech(adminRecoveryCode: string): Promise<void> {
  const signIn = field<{ mfaChallengeToken: string | null }>(
    await callApi({}, `mutation { sessionCreate(input: { email: "admin@initech.test", password: "${DEMO_PASSWORD}" }) { mfaChallengeToken } }`),
    'sessionCreate',
  );
  const verified = field<{ accessToken: string | null }>(
    await callApi({}, `mutation { sessionMfaVerify(input: { challengeToken: "${signIn.mfaChallengeToken}", code: "${adminRecoveryCode}" }) { accessToken } }`),
    'sessionMfaVerify',
  );
  const admin = { authorization: `Bearer ${verified.accessToken}` };
  field(await callApi(admin, 'mutation { mfaRequirementSet(input: { requirement: NOBODY }) { requirement } }'), 'mfaRequirementSet');
  const members = field<{ nodes: { id: string }[] }>(
    await callApi(admin, '{ members(first: 5, filter: { search: "analyst@initech.test" }) { nodes { id } } }'),
    'members',
  );
  for (const { id } of members.nodes)
    field(await callApi(admin, `mutation { membershipMfaReset(input: { membershipId: "${id}" }) { reset } }`), 'membershipMfaReset');
  field(await callApi(admin, `mutation { totpDisable(input: { password: "${DEMO_PASSWORD}" }) { disabled } }`), 'totpDisable');
  // Both sign in with the password alone again.
  for (const email of ['admin@initech.test', 'analyst@initech.test']) {
    const session = field<{ accessToken: string | null }>(
      await callApi({}, `mutation { sessionCreate(input: { email: "${email}", password: "${DEMO_PASSWORD}" }) { accessToken } }`),
      'sessionCreate',
    );
    expect(session.accessToken).toEqual(expect.any(String));
  }
}

describe('two-factor authentication', () => {
  let browser: Browser | undefined;
  let adminRecoveryCode: string | undefined;
  let adminSecret: string | undefined;

  afterEach(async () => {
    await closeBrowser(browser);
    browser = undefined;
  });

  afterAll(async () => {
    if (adminRecoveryCode) await restoreInitech(adminRecoveryCode);
  });

  it(
    'an admin enrols on the account security page, then requires it of every member on the single sign-on page',
    async () => {
      // axe is injected as an inline script: the test browser lets it past the CSP (as the accessibility crawl does).
      browser = await openBrowser({ bypassCSP: true });
      const { page } = browser;
      const findings: Finding[] = [];
      await signIn(page, 'admin@initech.test');
      await visible(page.getByTestId('user-menu'));

      // Requiring it before having it is refused, with what to do.
      await page.goto('/single-sign-on');
      const requirement = page.getByRole('form', { name: 'Two-factor requirement' });
      await visible(requirement.getByRole('radio', { name: /Nobody/ }));
      await requirement.getByRole('radio', { name: /Every member/ }).check();
      await requirement.getByRole('button', { name: 'Save requirement' }).click();
      await visible(requirement.getByRole('alert').getByText(/Turn on two-factor authentication for yourself/));

      await openAccountSecurity(page);
      await visible(page.getByTestId('mfa-state').getByText('Off'));
      findings.push(...(await auditBothThemes(page, '/account/security')));
      await page.getByRole('button', { name: 'Set up authenticator app' }).click();
      const enrolled = await enrolFromPage(page, findings, '/account/security');
      adminRecoveryCode = enrolled.recoveryCodes[0];
      adminSecret = enrolled.secret;
      await screenshot(page, '60-mfa-recovery-codes');
      await page.getByRole('button', { name: 'Done' }).click();
      await visible(page.getByTestId('mfa-state').getByText('On'));
      await visible(page.getByText(/10 of 10 recovery codes left/));

      await page.goto('/single-sign-on');
      await visible(requirement.getByRole('radio', { name: /Nobody/ }));
      await requirement.getByRole('radio', { name: /Every member/ }).check();
      await requirement.getByRole('button', { name: 'Save requirement' }).click();
      await visible(page.getByText('Two-factor requirement saved'));
      // The page is audited as it stays, after the toast (measured mid-fade otherwise) has gone.
      await gone(page.getByText('Two-factor requirement saved'));
      await visible(requirement.getByRole('button', { name: 'Save requirement' }));
      findings.push(...(await auditBothThemes(page, '/single-sign-on (two-factor requirement)')));
      expect(findings).toEqual([]);
    },
    LONG,
  );

  it(
    'a member who must enrol is sent to enrolment after the password, enrols TOTP, and signs in with it',
    async () => {
      browser = await openBrowser({ bypassCSP: true });
      const { page } = browser;
      const findings: Finding[] = [];
      await signIn(page, 'analyst@initech.test');
      await visible(page.getByRole('heading', { name: 'Set up two-factor authentication' }));
      // No session yet: the app's pages send back to sign-in.
      const { secret, used } = await enrolFromPage(page, findings, '/sign-in (required enrolment)');
      await screenshot(page, '61-mfa-sign-in-enrolment');
      await page.getByRole('button', { name: /I have saved my codes/ }).click();
      await visible(page.getByTestId('user-menu'));
      await openAccountSecurity(page);
      await visible(page.getByTestId('mfa-state').getByText('On'));
      await visible(page.getByText('Your organisation requires two-factor authentication of you.'));
      expect(await page.getByRole('button', { name: 'Turn off' }).count()).toBe(0);

      // Signed out, the password alone no longer signs in: the code step follows.
      await page.getByTestId('user-menu').click();
      await page.getByRole('menuitem', { name: 'Sign out' }).click();
      await visible(page.getByRole('heading', { name: 'Sign in' }));
      await signIn(page, 'analyst@initech.test');
      await visible(page.getByRole('heading', { name: 'Two-factor authentication' }));
      findings.push(...(await auditBothThemes(page, '/sign-in (code step)')));
      await screenshot(page, '62-mfa-sign-in-code');
      // The code the enrolment used is refused (a replay within its window; on a slow machine its window may have passed);
      // the app's next code signs in.
      await page.getByRole('textbox', { name: 'Authentication code' }).fill(used);
      await page.getByRole('button', { name: 'Verify' }).click();
      await visible(page.getByText(/already used|not right/));
      await page.getByRole('textbox', { name: 'Authentication code' }).fill(codeAt(secret, 30));
      await page.getByRole('button', { name: 'Verify' }).click();
      await visible(page.getByTestId('user-menu'));
      await page.getByTestId('user-menu').click();
      await visible(page.getByText('analyst@initech.test'));
      expect(findings).toEqual([]);
    },
    LONG,
  );

  it(
    'an admin sees on the members page who has two-factor on, and is offered its reset only there',
    async () => {
      browser = await openBrowser({ bypassCSP: true });
      const { page } = browser;
      await signIn(page, 'admin@initech.test');
      await page.getByRole('textbox', { name: 'Authentication code' }).fill(codeAt(adminSecret!, 30));
      await page.getByRole('button', { name: 'Verify' }).click();
      await visible(page.getByTestId('user-menu'));
      await page.goto('/members');
      const analyst = page.getByTestId('member-row').filter({ hasText: 'analyst@initech.test' });
      await visible(analyst.getByText('2FA'));
      expect(await auditBothThemes(page, '/members (two-factor badges)')).toEqual([]);
      const reset = page.getByRole('button', { name: 'Reset the two-factor authentication of Ivy Analyst' });
      await reset.click();
      const dialog = page.getByRole('dialog', { name: 'Reset two-factor authentication' });
      await dialog.getByRole('button', { name: 'Reset' }).click();
      await visible(page.getByText('Two-factor authentication reset'));
      // Nothing left to reset: the badge and the action go from the row.
      await gone(analyst.getByText('2FA'));
      expect(await reset.count()).toBe(0);
    },
    LONG,
  );
});
