import { Harness, startHarness } from '../../../test/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('ordering named lists', () => {
  it('orders models and policies by name either way, and pages through the order', async () => {
    const dev = await h.signIn('dev@acme.test');
    const models = await dev.ok(`{ aiModels(orderBy: { field: NAME, direction: ASC }) { nodes { name } } }`);
    const names = models.aiModels.nodes.map((m: { name: string }) => m.name);
    expect(names.length).toBeGreaterThan(3);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.toLowerCase().localeCompare(b.toLowerCase())));
    const first = await dev.ok(`{ policies(first: 2, orderBy: { field: NAME, direction: DESC }) { pageInfo { endCursor } nodes { name } } }`);
    const rest = await dev.ok(`query($after: String) { policies(after: $after, orderBy: { field: NAME, direction: DESC }) { nodes { name } } }`, {
      after: first.policies.pageInfo.endCursor,
    });
    const policyNames = [...first.policies.nodes, ...rest.policies.nodes].map((p: { name: string }) => p.name);
    expect(policyNames).toEqual([...policyNames].sort((a, b) => b.toLowerCase().localeCompare(a.toLowerCase())));
    expect(new Set(policyNames).size).toBe(policyNames.length);
  });
});
