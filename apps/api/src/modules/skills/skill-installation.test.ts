import { Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { demoApiKeySecret } from '../../db/seed/demo-world';
import { toGlobalId } from '../../graphql/global-id';

const agentId = (name: string, tenant = 'acme') => toGlobalId('Agent', stableUuid(`agent:${tenant}:${name}`));
const skillId = (name: string, tenant = 'acme') => toGlobalId('Skill', stableUuid(`skill:${tenant}:${name}`));
const installationId = (agent: string, skill: string) => toGlobalId('SkillInstallation', stableUuid(`skill-installation:acme:${agent}:${skill}`));

const INSTALL = `mutation($input: SkillInstallInput!) {
  skillInstall(input: $input) { installation { id grantedPermissions config installedBy { fullName } skill { name installCount } agent { name } } userErrors { field message code } } }`;
const UNINSTALL = `mutation($input: SkillUninstallInput!) {
  skillUninstall(input: $input) { uninstalledInstallationId skill { installCount } agent { skills { skill { name } } } userErrors { field message code } } }`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

async function installCount(name: string): Promise<{ counted: number; stored: number }> {
  const [row] = await h.sql(
    `SELECT install_count AS stored, (SELECT count(*)::int FROM skill_installations i WHERE i.skill_id = s.id) AS counted FROM skills s WHERE s.id = $1`,
    [stableUuid(`skill:acme:${name}`)],
  );
  return row;
}

describe('installing a skill', () => {
  it('grants what it asks for, counts the install, shows it on the agent, and uninstalls back', async () => {
    const dev = await h.signIn('dev@acme.test');
    const input = {
      agentId: agentId('Support Summariser'),
      skillId: skillId('Jira Ticket Triage'),
      grantedPermissions: ['write:tickets', 'read:tickets'],
      config: { project: 'SUP' },
    };
    const installed = (await dev.ok(INSTALL, { input })).skillInstall;
    expect(installed.userErrors).toEqual([]);
    expect(installed.installation).toMatchObject({
      grantedPermissions: ['read:tickets', 'write:tickets'],
      config: { project: 'SUP' },
      installedBy: { fullName: 'Dev Dhillon' },
      skill: { name: 'Jira Ticket Triage', installCount: 2 },
      agent: { name: 'Support Summariser' },
    });
    expect(await installCount('Jira Ticket Triage')).toEqual({ stored: 2, counted: 2 });
    const agent = await dev.ok(`query($id: ID!) { agent(id: $id) { skills { skill { name } grantedPermissions } } }`, { id: input.agentId });
    expect(agent.agent.skills.map((s: { skill: { name: string } }) => s.skill.name)).toEqual(['Email Digest', 'Jira Ticket Triage']);
    const [audit] = await h.sql(`SELECT entity_name, after FROM audit_entries WHERE action = 'skill.install'`);
    expect(audit).toEqual({
      entity_name: 'Support Summariser',
      after: { skill: 'Jira Ticket Triage', version: '1.0.0', grantedPermissions: ['read:tickets', 'write:tickets'], configKeys: ['project'] },
    });

    const removed = (await dev.ok(UNINSTALL, { input: { installationId: installed.installation.id } })).skillUninstall;
    expect(removed).toEqual({
      uninstalledInstallationId: installed.installation.id,
      skill: { installCount: 1 },
      agent: { skills: [{ skill: { name: 'Email Digest' } }] },
      userErrors: [],
    });
    expect(await installCount('Jira Ticket Triage')).toEqual({ stored: 1, counted: 1 });
    const again = await dev.gql(UNINSTALL, { input: { installationId: installed.installation.id } });
    expect(again.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses an agent whose role the skill does not work with', async () => {
    const dev = await h.signIn('dev@acme.test');
    const payload = (
      await dev.ok(INSTALL, {
        input: { agentId: agentId('Release Notes Writer'), skillId: skillId('GitHub PR Review'), grantedPermissions: ['read:repo', 'write:comments'] },
      })
    ).skillInstall;
    expect(payload).toEqual({
      installation: null,
      userErrors: [
        { field: ['input', 'agentId'], message: 'GitHub PR Review works with engineering agents; Release Notes Writer is a pm agent', code: 'BAD_USER_INPUT' },
      ],
    });
  });

  it('refuses unless every permission the skill asks for is granted, naming the missing ones, and grants nothing more', async () => {
    const dev = await h.signIn('dev@acme.test');
    const input = { agentId: agentId('Roadmap Planner'), skillId: skillId('Metrics Dashboard Builder') };
    const none = (await dev.ok(INSTALL, { input })).skillInstall;
    expect(none.userErrors).toEqual([
      {
        field: ['input', 'grantedPermissions'],
        message: 'Metrics Dashboard Builder needs every permission it asks for; not granted: read:metrics, write:dashboards',
        code: 'BAD_USER_INPUT',
      },
    ]);
    const partial = (await dev.ok(INSTALL, { input: { ...input, grantedPermissions: ['read:metrics'] } })).skillInstall;
    expect(partial.userErrors[0].message).toMatch(/not granted: write:dashboards$/);
    const more = (await dev.ok(INSTALL, { input: { ...input, grantedPermissions: ['read:metrics', 'write:dashboards', 'delete:dashboards'] } })).skillInstall;
    expect(more.userErrors[0].message).toBe('Metrics Dashboard Builder does not ask for delete:dashboards; grant only what it asks for');
    expect(await installCount('Metrics Dashboard Builder')).toEqual({ stored: 0, counted: 0 });
    const failures = await h.sql(`SELECT outcome, error_code FROM audit_entries WHERE action = 'skill.install' AND entity_id = $1`, [
      stableUuid('agent:acme:Roadmap Planner'),
    ]);
    expect(failures).toEqual(Array(3).fill({ outcome: 'failure', error_code: 'BAD_USER_INPUT' }));
  });

  it('refuses a second install of the same skill, archived agents, and skills that are not published', async () => {
    const dev = await h.signIn('dev@acme.test');
    const twice = (
      await dev.ok(INSTALL, {
        input: { agentId: agentId('Code Reviewer'), skillId: skillId('GitHub PR Review'), grantedPermissions: ['read:repo', 'write:comments'] },
      })
    ).skillInstall;
    expect(twice.userErrors).toEqual([{ field: ['input', 'skillId'], message: 'GitHub PR Review is already installed on Code Reviewer', code: 'CONFLICT' }]);
    const archived = (
      await dev.ok(INSTALL, { input: { agentId: agentId('Legacy FAQ Bot'), skillId: skillId('Slack Notifier'), grantedPermissions: ['send:slack'] } })
    ).skillInstall;
    expect(archived.userErrors).toEqual([{ field: ['input', 'agentId'], message: 'The agent is archived and read-only', code: 'CONFLICT' }]);
    for (const [skill, status] of [
      ['Calendar Scheduler', 'draft'],
      ['Legacy Wiki Search', 'deprecated'],
      ['Fax Sender', 'removed'],
    ]) {
      const payload = (await dev.ok(INSTALL, { input: { agentId: agentId('Roadmap Planner'), skillId: skillId(skill), grantedPermissions: [] } })).skillInstall;
      expect(payload.userErrors[0]).toMatchObject({
        field: ['input', 'skillId'],
        message: `${skill} is ${status}; only published skills can be installed`,
        code: 'CONFLICT',
      });
    }
    expect(await installCount('GitHub PR Review')).toEqual({ stored: 1, counted: 1 });
  });

  it('keeps the install count exact under concurrent installs, duplicates included', async () => {
    const dev = await h.signIn('dev@acme.test');
    const agents = ['Code Reviewer', 'Incident Triage', 'Support Summariser', 'Terraform Drafter', 'Data Quality Checker'];
    const input = (agent: string) => ({
      agentId: agentId(agent),
      skillId: skillId('Terraform Plan Checker'),
      grantedPermissions: ['read:repo', 'read:infrastructure'],
    });
    const results = await Promise.all([...agents, ...agents].map((agent) => dev.ok(INSTALL, { input: input(agent) })));
    const codes = results.map((r) => r.skillInstall.userErrors[0]?.code ?? 'OK').sort();
    expect(codes).toEqual([...Array(5).fill('CONFLICT'), ...Array(5).fill('OK')]);
    expect(await installCount('Terraform Plan Checker')).toEqual({ stored: 5, counted: 5 });
  });

  it("treats another tenant's agents, skills and installations as not found", async () => {
    const dev = await h.signIn('dev@acme.test');
    const cases = [
      { agentId: agentId('Code Reviewer', 'globex'), skillId: skillId('Slack Notifier') },
      { agentId: agentId('Support Summariser'), skillId: skillId('Slack Notifier', 'globex') },
    ];
    for (const ids of cases) {
      const response = await dev.gql(INSTALL, { input: { ...ids, grantedPermissions: ['send:slack'] } });
      expect(response.errors?.[0]).toMatchObject({ path: ['skillInstall'], extensions: { code: 'NOT_FOUND' } });
    }
    const globex = await h.signIn('admin@globex.test');
    const foreign = await globex.gql(UNINSTALL, { input: { installationId: installationId('Code Reviewer', 'Slack Notifier') } });
    expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await installCount('Slack Notifier')).toEqual({ stored: 3, counted: 3 });
  });

  it('lets a partner app with a developer key install, and refuses an analyst key', async () => {
    const runtime = h.apiKey(demoApiKeySecret('acme', 'Agent runtime'));
    const input = { agentId: agentId('Roadmap Planner'), skillId: skillId('Meeting Notes'), grantedPermissions: ['read:calendar', 'read:transcripts'] };
    const installed = (await runtime.ok(INSTALL, { input })).skillInstall;
    expect(installed.installation).toMatchObject({ installedBy: null, skill: { name: 'Meeting Notes', installCount: 1 } });
    const [entry] = await h.sql(
      `SELECT actor_type, actor_label FROM audit_entries WHERE action = 'skill.install' AND outcome = 'success' AND after->>'skill' = 'Meeting Notes'`,
    );
    expect(entry).toEqual({ actor_type: 'api_key', actor_label: 'Agent runtime' });
    const billing = h.apiKey(demoApiKeySecret('acme', 'Billing feed'));
    const refused = await billing.gql(UNINSTALL, { input: { installationId: installed.installation.id } });
    expect(refused.errors?.[0]).toMatchObject({ path: ['skillUninstall'], extensions: { code: 'FORBIDDEN' } });
  });
});

describe('reading installations', () => {
  it('shows installation config to admins and developers only', async () => {
    const query = `query($id: ID!) { agent(id: $id) { skills { skill { name } grantedPermissions config } } }`;
    for (const [email, seesConfig] of [
      ['admin@acme.test', true],
      ['dev@acme.test', true],
      ['analyst@acme.test', false],
      ['compliance@acme.test', false],
      ['auditor@acme.test', false],
      ['viewer@acme.test', false],
    ] as const) {
      const response = await (await h.signIn(email)).gql(query, { id: agentId('Release Notes Writer') });
      const skills = response.data.agent.skills
        .map((s: { skill: { name: string } }) => ({ ...s, skill: s.skill.name }))
        .sort((a: { skill: string }, b: { skill: string }) => a.skill.localeCompare(b.skill));
      expect(skills).toEqual([
        { skill: 'Jira Ticket Triage', grantedPermissions: ['read:tickets', 'write:tickets'], config: seesConfig ? { mode: 'suggest' } : null },
        { skill: 'Slack Notifier', grantedPermissions: ['send:slack'], config: seesConfig ? { mode: 'suggest' } : null },
      ]);
      expect((response.errors ?? []).map((e) => e.extensions?.code)).toEqual(seesConfig ? [] : ['FORBIDDEN', 'FORBIDDEN']);
    }
  });

  it('keeps SQL statements flat as the page of agents grows: one batch each for installations, skills and channels', async () => {
    const viewer = await h.signIn('viewer@acme.test');
    const query = `query($first: Int!) { agents(first: $first, orderBy: { field: NAME, direction: ASC }) { nodes { name skills { installedAt skill { name } } channels { name type configuredSecrets } } } }`;
    const counts: number[] = [];
    for (const first of [2, 5, 8]) {
      const response = await viewer.gql(query, { first });
      expect(response.errors).toBeUndefined();
      expect(response.data.agents.nodes).toHaveLength(first);
      counts.push(response.extensions?.sql.statements);
    }
    expect(new Set(counts).size).toBe(1);
    // The opening batch, the page, installations, skills, channels, and COMMIT.
    expect(counts[0]).toBeLessThanOrEqual(6);
  });
});
