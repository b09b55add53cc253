import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { audit, type Finding, THEMES } from './axe';
import { type Browser, closeBrowser, openBrowser, screenshot, signIn, visible } from './browser';
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

describe('two-factor authentication', () => {
  let browser: Browser | undefined;

  afterEach(async () => {
    await closeBrowser(browser);
    browser = undefined;
  });

  it('a member enrols an authenticator app on the account security page and signs in with it', async () => {
    // axe is injected as an inline script: the test browser lets it past the CSP (as the accessibility crawl does).
    browser = await openBrowser({ bypassCSP: true });
    const { page } = browser;
    const findings: Finding[] = [];
    await signIn(page, 'analyst@initech.test');
    await visible(page.getByTestId('user-menu'));
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Account security' }).click();
    await visible(page.getByRole('heading', { name: 'Account security', level: 1 }));
    await visible(page.getByTestId('mfa-state').getByText('Off'));
    findings.push(...(await auditBothThemes(page, '/account/security')));

    await page.getByRole('button', { name: 'Set up authenticator app' }).click();
    await visible(page.getByRole('img', { name: 'QR code to scan with your authenticator app' }));
    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    findings.push(...(await auditBothThemes(page, '/account/security (enrolment)')));
    await screenshot(page, '60-mfa-enrolment');

    // A wrong code is refused at the field; the right one turns it on.
    await page.getByRole('textbox', { name: /Code from the app/ }).fill(codeAt(secret, -600));
    await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
    await visible(page.getByText(/The code is not right/));
    await page.getByRole('textbox', { name: /Code from the app/ }).fill(codeAt(secret));
    await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
    const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
    await visible(codes);
    expect(await codes.count()).toBe(10);
    await visible(page.getByRole('button', { name: 'Download codes' }));
    findings.push(...(await auditBothThemes(page, '/account/security (recovery codes)')));
    await screenshot(page, '61-mfa-recovery-codes');
    await page.getByRole('button', { name: 'Done' }).click();
    await visible(page.getByTestId('mfa-state').getByText('On'));
    await visible(page.getByText(/10 of 10 recovery codes left/));

    // Signed out, the password alone no longer signs in: the code step follows.
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await visible(page.getByRole('heading', { name: 'Sign in' }));
    await signIn(page, 'analyst@initech.test');
    await visible(page.getByRole('heading', { name: 'Two-factor authentication' }));
    findings.push(...(await auditBothThemes(page, '/sign-in (code step)')));
    await screenshot(page, '62-mfa-sign-in-code');
    // The code the enrolment used is refused as a replay; the app's next code signs in.
    await page.getByRole('textbox', { name: 'Authentication code' }).fill(codeAt(secret));
    await page.getByRole('button', { name: 'Verify' }).click();
    await visible(page.getByText(/already used/));
    await page.getByRole('textbox', { name: 'Authentication code' }).fill(codeAt(secret, 30));
    await page.getByRole('button', { name: 'Verify' }).click();
    await visible(page.getByTestId('user-menu'));
    await page.getByTestId('user-menu').click();
    await visible(page.getByText('analyst@initech.test'));
    expect(findings).toEqual([]);
  });
});
