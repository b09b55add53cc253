import { type Browser, closeBrowser, eventually, gone, nav, openBrowser, signIn, visible } from './browser';

/**
 * An admin connects a partner system: adds an endpoint (its signing secret shown once), sends a test
 * event and reads its delivery in the log (nothing answers at this address, so the attempt fails and waits
 * for its retry), switches the endpoint off and deletes it.
 */
describe('webhooks in the browser', () => {
  let browser: Browser | undefined;
  afterAll(() => closeBrowser(browser));

  it('adds an endpoint, shows its secret once, sends a test event to the delivery log, and removes it', async () => {
    browser = await openBrowser();
    const { page } = browser;
    // A public address literal: accepted without a DNS answer; nothing answers there from the test machine.
    const url = `https://93.184.215.14/steward-${Date.now()}`;
    await signIn(page, 'admin@acme.test');
    await visible(page.getByRole('heading', { name: 'Acme Corporation' }));
    await nav(page)
      .getByRole('link', { name: /Webhooks/ })
      .click();
    await visible(page.getByRole('heading', { name: 'Webhooks', level: 1 }));

    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'URL' }).fill(url);
    await dialog.getByRole('textbox', { name: 'Description' }).fill('Partner ticketing');
    await dialog.getByLabel(/^Event types/).click();
    await page.getByRole('option', { name: 'alert.raised' }).click();
    // The picker stays open for more choices: moving to another field closes it.
    await dialog.getByRole('textbox', { name: 'Description' }).click();
    await dialog.getByRole('button', { name: 'Add endpoint' }).click();
    const secret = await visible(dialog.getByTestId('secret-value'));
    expect(await secret.first().textContent()).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await gone(page.getByRole('dialog'));

    const row = page.getByTestId('webhook-endpoint-row').filter({ hasText: url });
    await visible(row);
    await visible(row.getByText('alert.raised'));
    await visible(row.getByText('active'));
    // The secret is not shown again anywhere.
    expect(await page.getByTestId('secret-value').count()).toBe(0);

    await row.getByRole('button', { name: `Send a test event to ${url}` }).click();
    await visible(page.getByRole('heading', { name: `Deliveries to ${url}` }));
    const delivery = page.getByTestId('webhook-delivery-row').filter({ hasText: 'webhook.test' });
    await visible(delivery);
    // The job queue makes the attempt: nothing answers, and the delivery waits for its retry, saying why.
    await eventually(async () => expect(await delivery.first().getAttribute('data-status')).toBe('RETRYING'), 45_000);
    await visible(delivery.getByText(/^next /));

    await row.getByRole('button', { name: `Switch off ${url}` }).click();
    await visible(row.getByText('switched off'));
    await row.getByRole('button', { name: `Delete ${url}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await gone(row);
  });
});
