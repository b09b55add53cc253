import { type Browser, closeBrowser, nav, openBrowser, screenshot, signIn, visible } from './browser';

/** The pages in the navigation, by label (GraphiQL opens in a tab of its own: not a page). */
async function navigationPages(page: Browser['page']): Promise<string[]> {
  const labels = await nav(page).locator('.mantine-NavLink-label').allTextContents();
  return labels.map((l) => l.trim()).filter((l) => l !== 'GraphiQL');
}

describe('custom roles', () => {
  let browser: Browser | undefined;

  afterEach(async () => {
    await closeBrowser(browser);
    browser = undefined;
  });

  it('an admin creates "Agent operator" from permissions, sees what it can do before saving, assigns it; the member sees exactly those pages', async () => {
    browser = await openBrowser();
    const { page } = browser;
    await signIn(page, 'admin@globex.test');
    await visible(page.getByRole('heading', { name: 'Globex Industries' }));
    await nav(page).getByRole('link', { name: /Roles/ }).click();
    await visible(page.getByRole('table', { name: 'System roles' }).getByText('Compliance officer'));
    await page.getByRole('button', { name: 'Create role' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create a role' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Agent operator');
    await dialog.getByRole('textbox', { name: 'Description' }).fill('Runs agents day to day; no money, no compliance');
    const preview = dialog.getByRole('region', { name: 'What this role can do' });
    await visible(preview.getByText('Nothing more: holders read the inventory only.'));
    await dialog.getByRole('checkbox', { name: 'agents.write' }).check();
    await dialog.getByRole('checkbox', { name: 'violations.read' }).check();
    await dialog.getByRole('checkbox', { name: 'costs.read_amounts' }).check();
    // Reading money brings the budgets it is spent against: shown before saving.
    await visible(preview.getByTestId('role-preview-permissions').getByText('budgets.read'));
    await visible(preview.getByTestId('role-preview-pages').getByText('Costs'));
    await dialog.getByRole('checkbox', { name: 'costs.read_amounts' }).uncheck();
    await dialog.getByRole('checkbox', { name: 'budgets.read' }).check();
    expect(await preview.getByTestId('role-preview-pages').getByText('Costs', { exact: true }).count()).toBe(0);
    const previewed = (await preview.getByTestId('role-preview-pages').locator('.mantine-Badge-label').allTextContents()).map((l) => l.trim());
    expect(previewed).toEqual(expect.arrayContaining(['Agents', 'Violations', 'Alerts', 'Members', 'Roles']));
    for (const hidden of ['Costs', 'Audit log', 'API keys', 'Evidence', 'Plan and usage']) expect(previewed).not.toContain(hidden);
    await screenshot(page, '40-custom-role-preview');
    await dialog.getByRole('button', { name: 'Create role' }).click();
    const row = page.getByTestId('custom-role-row').filter({ hasText: 'Agent operator' });
    await visible(row.getByText('Nobody'));

    // Assign it to a member.
    await nav(page)
      .getByRole('link', { name: /Members/ })
      .click();
    await page.getByRole('combobox', { name: 'Role of Greta Viewer' }).click();
    await page.getByRole('option', { name: 'Agent operator' }).click();
    await page.getByRole('dialog', { name: 'Change role' }).getByRole('button', { name: 'Change role' }).click();
    await visible(page.getByText('Greta Viewer is now agent operator.'));

    // Deleting it now is refused, with the holders counted.
    await nav(page).getByRole('link', { name: /Roles/ }).click();
    await visible(row.getByText('1 member'));
    await page.getByRole('button', { name: 'Delete Agent operator' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete role' });
    await visible(confirm.getByText(/is held by 1 member/));
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await visible(confirm.getByRole('alert').getByText('The role is held by 1 member: give them another role first'));
    await screenshot(page, '41-custom-role-delete-refused');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await closeBrowser(browser);

    browser = await openBrowser();
    await signIn(browser.page, 'viewer@globex.test');
    await visible(browser.page.getByRole('heading', { name: 'Globex Industries' }));
    expect(await browser.page.getByTestId('tenant-role').textContent()).toBe('Agent operator');
    expect((await navigationPages(browser.page)).sort()).toEqual([...previewed].sort());
    await screenshot(browser.page, '42-custom-role-member');
  });
});
