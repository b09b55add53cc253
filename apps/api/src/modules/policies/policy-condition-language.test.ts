import { Harness, startHarness } from '../../../test/harness';
import { Agent, agentSnapshot } from '../agents';
import { compile } from './cel';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const LANGUAGE = `{ policyConditionLanguage { variables { name fields { name type } } functions methods } }`;

describe('the condition language for editors', () => {
  it('lists every field of the agent snapshot rules see, each of which compiles, with its type', async () => {
    const { policyConditionLanguage: language } = await (await h.signIn('dev@acme.test')).ok(LANGUAGE);
    const agent = language.variables.find((v: { name: string }) => v.name === 'agent');
    expect(agent.fields.map((f: { name: string }) => f.name).sort()).toEqual([...Object.keys(agentSnapshot(new Agent(), null)), 'metrics'].sort());
    expect(agent.fields).toEqual(
      expect.arrayContaining([
        { name: 'costPerRequest', type: 'double' },
        { name: 'tags', type: 'list<string>' },
        { name: 'metrics', type: 'map<string, double>' },
      ]),
    );
    expect(language.variables.map((v: { name: string }) => v.name)).toEqual(['agent', 'change']);
    for (const variable of language.variables) {
      for (const field of variable.fields) expect(compile(`${variable.name}.${field.name} == ${variable.name}.${field.name}`)).toMatchObject({ ok: true });
    }
    expect(language.functions).toContain('size');
    expect(language.methods).toEqual(expect.arrayContaining(['exists', 'contains']));
    expect(language.methods).not.toContain('matches');
  });

  it('is for the roles that read rules', async () => {
    expect((await (await h.signIn('auditor@acme.test')).ok(LANGUAGE)).policyConditionLanguage.variables).toHaveLength(2);
    const refused = await (await h.signIn('viewer@acme.test')).gql(LANGUAGE);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
