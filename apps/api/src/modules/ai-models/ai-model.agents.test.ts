import { Harness, startHarness } from '../../../test/harness';
import { toGlobalId } from '../../graphql/global-id';

const MODEL = `query($id: ID!, $first: Int) { aiModel(id: $id) { name version agents(first: $first, orderBy: { field: NAME, direction: ASC }) {
  totalCount nodes { name model { id } createdBy { fullName } } pageInfo { hasNextPage } } } }`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** The acme model most agents use. */
async function busiestModel(tenant = 'acme'): Promise<{ id: string; n: number }> {
  const [row] = await h.sql(
    `SELECT a.model_id AS id, count(*)::int AS n FROM agents a JOIN tenants t ON t.id = a.tenant_id
    WHERE t.slug = $1 AND a.model_id IS NOT NULL GROUP BY a.model_id ORDER BY n DESC, a.model_id LIMIT 1`,
    [tenant],
  );
  return row;
}

describe('a model read by id', () => {
  it('lists the agents using it, and only those', async () => {
    const model = await busiestModel();
    expect(model.n).toBeGreaterThan(1);
    const viewer = await h.signIn('viewer@acme.test');
    const { aiModel } = await viewer.ok(MODEL, { id: toGlobalId('AiModel', model.id), first: 50 });
    expect(aiModel.agents.totalCount).toBe(model.n);
    expect(new Set(aiModel.agents.nodes.map((a: { model: { id: string } }) => a.model.id))).toEqual(new Set([toGlobalId('AiModel', model.id)]));
    const names = aiModel.agents.nodes.map((a: { name: string }) => a.name);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.toLowerCase().localeCompare(b.toLowerCase())));
  });

  it("is NOT_FOUND for another tenant's model", async () => {
    const globex = await busiestModel('globex');
    const admin = await h.signIn('admin@acme.test');
    const response = await admin.gql(MODEL, { id: toGlobalId('AiModel', globex.id) });
    expect(response.data.aiModel).toBeNull();
    expect(response.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('costs the same statements whatever the page size of its agents', async () => {
    const model = await busiestModel();
    const admin = await h.signIn('admin@acme.test');
    const counts: number[] = [];
    for (const first of [1, model.n]) {
      const response = await admin.gql(MODEL, { id: toGlobalId('AiModel', model.id), first });
      expect(response.data.aiModel.agents.nodes).toHaveLength(first);
      counts.push(response.extensions?.sql.statements);
    }
    expect(counts[1]).toBe(counts[0]);
  });

  it('are read for a whole page of models in the same statements as for one', async () => {
    const admin = await h.signIn('admin@acme.test');
    const LIST = `query($first: Int!) { aiModels(first: $first) { nodes { name agents(first: 5) { totalCount nodes { name model { name } } } } } }`;
    const counts: number[] = [];
    let withAgents = 0;
    for (const first of [1, 6]) {
      const response = await admin.gql(LIST, { first });
      expect(response.errors).toBeUndefined();
      expect(response.data.aiModels.nodes).toHaveLength(first);
      withAgents = response.data.aiModels.nodes.filter((m: { agents: { totalCount: number } }) => m.agents.totalCount > 0).length;
      counts.push(response.extensions?.sql.statements);
    }
    expect(withAgents).toBeGreaterThan(1);
    expect(counts[1]).toBe(counts[0]);
  });
});
