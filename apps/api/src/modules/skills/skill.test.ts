import { Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { toGlobalId } from '../../graphql/global-id';

const skillId = (name: string, tenant = 'acme') => toGlobalId('Skill', stableUuid(`skill:${tenant}:${name}`));
const names = (connection: { nodes: { name: string }[] }) => connection.nodes.map((s) => s.name);

const PAYLOAD = `skill { id name status version compatibleRoles permissions installCount rating } userErrors { field message code }`;
const CREATE = `mutation($input: SkillCreateInput!) { skillCreate(input: $input) { ${PAYLOAD} } }`;
const UPDATE = `mutation($input: SkillUpdateInput!) { skillUpdate(input: $input) { ${PAYLOAD} } }`;
const PUBLISH = `mutation($input: SkillLifecycleInput!) { skillPublish(input: $input) { ${PAYLOAD} } }`;
const DEPRECATE = `mutation($input: SkillLifecycleInput!) { skillDeprecate(input: $input) { ${PAYLOAD} } }`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('the skills marketplace', () => {
  it("lists the tenant's catalogue, filtered by category, status, search and compatible role, without removed skills unless asked", async () => {
    const viewer = await h.signIn('viewer@acme.test');
    const all = await viewer.ok(`{ skills(first: 100) { totalCount nodes { name status } } }`);
    expect(all.skills.totalCount).toBe(10);
    expect(names(all.skills)).not.toContain('Fax Sender');
    const removed = await viewer.ok(`{ skills(filter: { statuses: [REMOVED] }) { nodes { name } } }`);
    expect(names(removed.skills)).toEqual(['Fax Sender']);
    const comms = await viewer.ok(
      `{ skills(filter: { categories: [COMMUNICATION], compatibleWith: PM }, orderBy: { field: NAME, direction: ASC }) { nodes { name } } }`,
    );
    expect(names(comms.skills)).toEqual(['Email Digest', 'Slack Notifier']);
    const search = await viewer.ok(`{ skills(filter: { search: "terraform" }) { nodes { name compatibleRoles permissions category } } }`);
    expect(search.skills.nodes).toEqual([
      {
        name: 'Terraform Plan Checker',
        compatibleRoles: ['ENGINEERING', 'OPERATIONS'],
        permissions: ['read:repo', 'read:infrastructure'],
        category: 'ENGINEERING',
      },
    ]);
  });

  it('orders by rating and install count, paging with cursors', async () => {
    const viewer = await h.signIn('viewer@acme.test');
    const first = await viewer.ok(
      `{ skills(first: 4, orderBy: { field: RATING, direction: DESC }) { pageInfo { endCursor hasNextPage } nodes { name rating } } }`,
    );
    expect(first.skills.nodes.map((s: { rating: number }) => s.rating)).toEqual([4.8, 4.6, 4.5, 4.4]);
    const rest = await viewer.ok(
      `query($after: String) { skills(first: 100, after: $after, orderBy: { field: RATING, direction: DESC }) { nodes { rating } } }`,
      { after: first.skills.pageInfo.endCursor },
    );
    expect(rest.skills.nodes.map((s: { rating: number }) => s.rating)).toEqual([4.3, 4.1, 4.0, 3.9, 3.2, 0]);
    const popular = await viewer.ok(`{ skills(first: 2, orderBy: { field: INSTALL_COUNT, direction: DESC }) { nodes { name installCount } } }`);
    expect(popular.skills.nodes).toEqual([{ name: 'Slack Notifier', installCount: 3 }, expect.objectContaining({ installCount: 1 })]);
  });

  it("reads one skill by id, and another tenant's as not found", async () => {
    const viewer = await h.signIn('viewer@acme.test');
    expect((await viewer.ok(`query($id: ID!) { skill(id: $id) { name status } }`, { id: skillId('SQL Explorer') })).skill).toEqual({
      name: 'SQL Explorer',
      status: 'PUBLISHED',
    });
    for (const query of [`query($id: ID!) { skill(id: $id) { name } }`, `query($id: ID!) { node(id: $id) { id } }`]) {
      const foreign = await viewer.gql(query, { id: skillId('SQL Explorer', 'globex') });
      expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
  });
});

describe('publishing skills', () => {
  it('goes create (draft) → publish → deprecate for developers, audited', async () => {
    const dev = await h.signIn('dev@acme.test');
    const input = {
      name: 'Runbook Runner',
      category: 'ENGINEERING',
      version: '0.1.0',
      compatibleRoles: ['OPERATIONS', 'OPERATIONS'],
      permissions: ['read:runbooks', ' exec:runbooks '],
    };
    const created = (await dev.ok(CREATE, { input })).skillCreate;
    expect(created.userErrors).toEqual([]);
    expect(created.skill).toMatchObject({
      name: 'Runbook Runner',
      status: 'DRAFT',
      compatibleRoles: ['OPERATIONS'],
      permissions: ['read:runbooks', 'exec:runbooks'],
      installCount: 0,
      rating: 0,
    });
    const id = created.skill.id;
    const changed = (await dev.ok(UPDATE, { input: { skillId: id, version: '1.0.0', permissions: ['read:runbooks'] } })).skillUpdate;
    expect(changed.skill).toMatchObject({ version: '1.0.0', permissions: ['read:runbooks'] });
    expect((await dev.ok(PUBLISH, { input: { skillId: id } })).skillPublish.skill.status).toBe('PUBLISHED');
    expect((await dev.ok(DEPRECATE, { input: { skillId: id, reason: 'replaced by v2' } })).skillDeprecate.skill.status).toBe('DEPRECATED');
    const audit = await h.sql(
      `SELECT action, after->>'status' AS status FROM audit_entries WHERE entity_type = 'Skill' AND entity_name = 'Runbook Runner' ORDER BY seq`,
    );
    expect(audit).toEqual([
      { action: 'skill.create', status: 'draft' },
      { action: 'skill.update', status: 'draft' },
      { action: 'skill.publish', status: 'published' },
      { action: 'skill.deprecate', status: 'deprecated' },
    ]);
  });

  it('refuses a taken name, malformed permissions, no role, and new permissions once published', async () => {
    const admin = await h.signIn('admin@acme.test');
    const base = { category: 'PRODUCTIVITY', version: '1', compatibleRoles: ['PM'] };
    const taken = (await admin.ok(CREATE, { input: { ...base, name: 'slack notifier' } })).skillCreate;
    expect(taken.userErrors).toEqual([
      { field: ['input', 'name'], message: 'A skill named "slack notifier" already exists (names are compared ignoring case)', code: 'CONFLICT' },
    ]);
    const malformed = (await admin.ok(CREATE, { input: { ...base, name: 'Odd', permissions: ['Read Repo'] } })).skillCreate;
    expect(malformed.userErrors[0]).toMatchObject({ field: ['input', 'permissions'], message: expect.stringMatching(/look like "read:repo".*"Read Repo"/) });
    const roleless = (await admin.ok(CREATE, { input: { ...base, name: 'Roleless', compatibleRoles: [] } })).skillCreate;
    expect(roleless.userErrors[0]).toMatchObject({ field: ['input', 'compatibleRoles'], message: 'Name at least one agent role the skill works with' });
    const both = (await admin.ok(CREATE, { input: { ...base, name: 'Both', compatibleRoles: [], permissions: ['Read Repo'] } })).skillCreate;
    expect(both.userErrors.map((e: { field: string[] }) => e.field)).toEqual([
      ['input', 'compatibleRoles'],
      ['input', 'permissions'],
    ]);
    expect(await h.sql(`SELECT 1 FROM skills WHERE name IN ('Odd', 'Roleless', 'Both')`)).toHaveLength(0);

    const widened = (await admin.ok(UPDATE, { input: { skillId: skillId('Slack Notifier'), permissions: ['send:slack', 'read:slack'] } })).skillUpdate;
    expect(widened.userErrors).toEqual([
      {
        field: ['input', 'permissions'],
        message: 'A published skill keeps its compatible roles and permissions; create a new skill to change them',
        code: 'CONFLICT',
      },
    ]);
    const republish = (await admin.ok(PUBLISH, { input: { skillId: skillId('Slack Notifier') } })).skillPublish;
    expect(republish.userErrors[0].message).toBe('A published skill cannot be published; only a draft one can');
    const removed = (await admin.ok(UPDATE, { input: { skillId: skillId('Fax Sender'), description: 'back' } })).skillUpdate;
    expect(removed.userErrors[0]).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/removed/) });
  });

  it('is for admins and developers only', async () => {
    for (const email of ['viewer@acme.test', 'analyst@acme.test', 'compliance@acme.test', 'auditor@acme.test']) {
      const response = await (
        await h.signIn(email)
      ).gql(CREATE, { input: { name: `By ${email}`, category: 'ANALYTICS', version: '1', compatibleRoles: ['PM'] } });
      expect(response.errors?.[0]).toMatchObject({ path: ['skillCreate'], extensions: { code: 'FORBIDDEN' } });
    }
    expect(await h.sql(`SELECT 1 FROM skills WHERE name LIKE 'By %'`)).toHaveLength(0);
  });
});
