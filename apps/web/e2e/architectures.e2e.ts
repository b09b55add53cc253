import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { parse } from '@cdktf/hcl2json';
import type { Page } from 'playwright-core';
import { type Browser, callApi, DEMO_PASSWORD, eventually, openBrowser, screenshot, signIn, visible, closeBrowser } from './browser';

const NAME = `Checkout platform ${Date.now().toString(36)}`;
const AGENT = `Checkout runner ${Date.now().toString(36)}`;

/** admin.e2e.ts may have made Dev Dhillon an analyst (test files share one API): this story needs the developer back. */
async function ensureDeveloper(email: string): Promise<void> {
  const signedIn = await callApi({}, `mutation { sessionCreate(input: { email: "admin@acme.test", password: "${DEMO_PASSWORD}" }) { accessToken } }`);
  const authorization = `Bearer ${(signedIn.body.data?.sessionCreate as { accessToken: string }).accessToken}`;
  const found = await callApi({ authorization }, `{ members(first: 100) { edges { node { id role user { email } } } } }`);
  const edges = (found.body.data?.members as { edges: { node: { id: string; role: string; user: { email: string | null } } }[] }).edges;
  const membership = edges.find((e) => e.node.user.email === email)?.node;
  if (!membership || membership.role === 'developer') return;
  await callApi(
    { authorization },
    `mutation { membershipRoleChange(input: { membershipId: "${membership.id}", role: DEVELOPER }) { userErrors { message } } }`,
  );
}

/** The files of a zip archive, from its local headers (stored or deflated entries). */
function unzip(archive: Buffer): Map<string, string> {
  const files = new Map<string, string>();
  let at = 0;
  while (archive.readUInt32LE(at) === 0x04034b50) {
    const method = archive.readUInt16LE(at + 8);
    const size = archive.readUInt32LE(at + 18);
    const nameLength = archive.readUInt16LE(at + 26);
    const extraLength = archive.readUInt16LE(at + 28);
    const name = archive.subarray(at + 30, at + 30 + nameLength).toString('utf8');
    const start = at + 30 + nameLength + extraLength;
    const data = archive.subarray(start, start + size);
    files.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    at = start + size;
  }
  return files;
}

async function pick(page: Page, combobox: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: new RegExp(`^${combobox}`) }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/**
 * An architect (the demo developer) draws a production AWS design without monitoring; the seeded
 * "Production needs monitoring" policy blocks its activation; they add monitoring, activate it and
 * download its Terraform.
 */
describe('designing an architecture in the browser', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await ensureDeveloper('dev@acme.test');
    browser = await openBrowser();
    page = browser.page;
    await signIn(page, 'dev@acme.test');
    await visible(page.getByRole('heading', { name: 'Acme Corporation' }));
  });

  afterAll(async () => {
    await closeBrowser(browser);
  });

  it('blocks activating a production design without monitoring, then activates it with monitoring and downloads its Terraform', async () => {
    await page.goto('/architectures');
    await visible(page.getByRole('link', { name: 'ci-review-pipeline' }));
    await page.getByRole('button', { name: 'New architecture' }).click();
    await page.getByRole('textbox', { name: /^Name/ }).fill(NAME);
    await pick(page, 'Region', 'us-east-1');
    await pick(page, 'Environment', 'Production');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await visible(page.getByRole('heading', { name: NAME, level: 1 }));

    for (const service of ['Amazon VPC', 'Amazon EKS', 'Amazon RDS (PostgreSQL)']) await page.getByRole('button', { name: `Add ${service}` }).click();
    await eventually(async () => expect(await page.getByTestId('design-canvas').locator('.react-flow__node').count()).toBe(3));
    await page.getByRole('button', { name: 'Save design' }).click();
    await visible(page.getByText('Design saved'));
    await screenshot(page, 'architectures-01-design');

    await page.getByRole('button', { name: 'Activate' }).click();
    const findings = await visible(page.getByTestId('policy-findings'));
    await visible(findings.getByText('Production needs monitoring'));
    expect(await page.getByTestId('architecture-status').textContent()).toBe('Draft');
    await screenshot(page, 'architectures-02-activation-blocked');

    await page.getByRole('checkbox', { name: 'Monitoring' }).check();
    await eventually(async () => expect(await page.getByTestId('design-canvas').locator('.react-flow__node').count()).toBe(4));
    await page.getByRole('button', { name: 'Save design' }).click();
    await eventually(async () => expect(await page.getByRole('button', { name: 'Save design' }).isDisabled()).toBe(true));
    await page.getByRole('button', { name: 'Activate' }).click();
    await eventually(async () => expect(await page.getByTestId('architecture-status').textContent()).toBe('Active'));

    await page.getByRole('tab', { name: 'Terraform' }).click();
    await page.getByRole('button', { name: 'Generate Terraform' }).click();
    await page.getByRole('tab', { name: 'main.tf' }).click();
    await visible(page.getByTestId('terraform-code').getByText('"aws_cloudwatch_log_group"').first());
    await screenshot(page, 'architectures-03-terraform');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^Download / }).click()]);
    // The design's name as Terraform names it (20 characters at most), at version 2: the activation made version 2.
    const prefix = NAME.toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, 20)
      .replace(/-+$/, '');
    expect(download.suggestedFilename()).toBe(`${prefix}-v2-terraform.zip`);
    // The archive holds the module's files, and HashiCorp's HCL parser reads the design out of main.tf.
    const files = unzip(readFileSync((await download.path())!));
    expect([...files.keys()]).toEqual(['versions.tf', 'providers.tf', 'variables.tf', 'main.tf', 'outputs.tf']);
    for (const [path, content] of files) await expect(parse(path, content)).resolves.toBeDefined();
    const main = (await parse('main.tf', files.get('main.tf')!)) as { resource: Record<string, Record<string, Record<string, unknown>[]>> };
    expect(Object.keys(main.resource)).toEqual(expect.arrayContaining(['aws_vpc', 'aws_eks_cluster', 'aws_db_instance', 'aws_cloudwatch_log_group']));
    const [database] = Object.values(main.resource.aws_db_instance)[0];
    expect(database).toMatchObject({ storage_encrypted: true, publicly_accessible: false });
  });

  it('runs an agent on the design: the agent form picks it, and the agent page links back to it', async () => {
    await page.goto('/agents/new');
    await page.getByRole('textbox', { name: /^Name/ }).fill(AGENT);
    await pick(page, 'Role', 'Engineering');
    await pick(page, 'Model tier', 'Haiku');
    await pick(page, 'Architecture', `${NAME} (aws, production)`);
    await page.getByRole('button', { name: 'Register agent' }).click();
    await visible(page.getByRole('heading', { name: AGENT, level: 1 }));
    const link = page.getByRole('link', { name: NAME, exact: true });
    await visible(link);
    await screenshot(page, 'architectures-04-agent-on-design');
    await link.click();
    await visible(page.getByRole('heading', { name: NAME, level: 1 }));
  });
});
