import { Harness, startHarness } from '../../../test/harness';
import { toGlobalId } from '../../graphql/global-id';

const SKILL = `query($id: ID!, $first: Int) { skill(id: $id) { name installCount permissions installations(first: $first) {
  totalCount nodes { installedAt grantedPermissions agent { name } installedBy { fullName } } } } }`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

async function mostInstalled(tenant = 'acme'): Promise<{ id: string; n: number }> {
  const [row] = await h.sql(
    `SELECT i.skill_id AS id, count(*)::int AS n FROM skill_installations i JOIN tenants t ON t.id = i.tenant_id
    WHERE t.slug = $1 GROUP BY i.skill_id ORDER BY n DESC, i.skill_id LIMIT 1`,
    [tenant],
  );
  return row;
}

describe("a skill's installations", () => {
  it('list the agents it is installed on, latest first, as its install count says', async () => {
    const skill = await mostInstalled();
    expect(skill.n).toBeGreaterThan(1);
    const viewer = await h.signIn('viewer@acme.test');
    const { skill: read } = await viewer.ok(SKILL, { id: toGlobalId('Skill', skill.id), first: 50 });
    expect(read.installations.totalCount).toBe(skill.n);
    expect(read.installCount).toBe(skill.n);
    const agents = await h.sql(
      `SELECT a.name FROM skill_installations i JOIN agents a ON a.id = i.agent_id WHERE i.skill_id = $1 ORDER BY i.installed_at DESC, i.id DESC`,
      [skill.id],
    );
    expect(read.installations.nodes.map((i: { agent: { name: string } }) => i.agent.name)).toEqual(agents.map((a) => a.name));
  });

  it("are NOT_FOUND through another tenant's skill", async () => {
    const admin = await h.signIn('admin@globex.test');
    const response = await admin.gql(SKILL, { id: toGlobalId('Skill', (await mostInstalled()).id) });
    expect(response.data.skill).toBeNull();
    expect(response.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('cost the same statements whatever the page size', async () => {
    const skill = await mostInstalled();
    const admin = await h.signIn('admin@acme.test');
    const counts: number[] = [];
    for (const first of [1, skill.n]) {
      const response = await admin.gql(SKILL, { id: toGlobalId('Skill', skill.id), first });
      expect(response.data.skill.installations.nodes).toHaveLength(first);
      counts.push(response.extensions?.sql.statements);
    }
    expect(counts[1]).toBe(counts[0]);
  });

  it('are read for a whole page of skills in the same statements as for one', async () => {
    const admin = await h.signIn('admin@acme.test');
    const LIST = `query($first: Int!) { skills(first: $first, orderBy: { field: INSTALL_COUNT, direction: DESC }) { nodes { name installations(first: 5) { totalCount nodes { agent { name } installedBy { fullName } } } } } }`;
    const counts: number[] = [];
    let installed = 0;
    for (const first of [1, 5]) {
      const response = await admin.gql(LIST, { first });
      expect(response.errors).toBeUndefined();
      expect(response.data.skills.nodes).toHaveLength(first);
      installed = response.data.skills.nodes.filter((s: { installations: { totalCount: number } }) => s.installations.totalCount > 0).length;
      counts.push(response.extensions?.sql.statements);
    }
    expect(installed).toBeGreaterThan(1);
    expect(counts[1]).toBe(counts[0]);
  });
});
