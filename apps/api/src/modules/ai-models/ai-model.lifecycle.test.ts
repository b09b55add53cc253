import { Harness, startHarness } from '../../../test/harness';
import { toGlobalId } from '../../graphql/global-id';

const REGISTER = `mutation($input: AiModelRegisterInput!) { aiModelRegister(input: $input) { model { id status } userErrors { field message code } } }`;
const move = (verb: string) => `mutation($id: ID!) { ${verb}(input: { modelId: $id }) { model { status } userErrors { field message code } } }`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('a model lifecycle', () => {
  it('moves by verbs: deploy, undeploy, archive; each audited; an archived model stays archived', async () => {
    const dev = await h.signIn('dev@acme.test');
    const { model } = (await dev.ok(REGISTER, { input: { name: 'Lifecycle Lab', provider: 'Lab', version: '1', type: 'LLM', tier: 'HAIKU' } })).aiModelRegister;
    expect(model.status).toBe('TRAINING');
    expect((await dev.ok(move('aiModelDeploy'), { id: model.id })).aiModelDeploy).toEqual({ model: { status: 'DEPLOYED' }, userErrors: [] });
    expect((await dev.ok(move('aiModelUndeploy'), { id: model.id })).aiModelUndeploy).toEqual({ model: { status: 'TRAINING' }, userErrors: [] });
    expect((await dev.ok(move('aiModelArchive'), { id: model.id })).aiModelArchive).toEqual({ model: { status: 'ARCHIVED' }, userErrors: [] });
    const back = (await dev.ok(move('aiModelDeploy'), { id: model.id })).aiModelDeploy;
    expect(back.model).toBeNull();
    expect(back.userErrors).toEqual([expect.objectContaining({ field: ['input', 'modelId'], message: expect.stringMatching(/archived model cannot return/) })]);
    const actions = await h.sql(
      `SELECT action FROM audit_entries WHERE entity_type = 'AiModel' AND entity_name = 'Lifecycle Lab 1' AND outcome = 'success' ORDER BY seq`,
    );
    expect(actions.map((a: { action: string }) => a.action)).toEqual(['aiModel.register', 'aiModel.deploy', 'aiModel.undeploy', 'aiModel.archive']);
  });

  it('refuses to take a model out of service while deployed agents run on it, and refuses viewers', async () => {
    const [busy] = await h.sql(`SELECT m.id FROM ai_models m JOIN tenants t ON t.id = m.tenant_id JOIN agents a ON a.model_id = m.id
      WHERE t.slug = 'acme' AND a.status = 'deployed' AND m.status = 'deployed' LIMIT 1`);
    const id = toGlobalId('AiModel', busy.id);
    const dev = await h.signIn('dev@acme.test');
    const refused = (await dev.ok(move('aiModelArchive'), { id })).aiModelArchive;
    expect(refused.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'modelId'], code: 'CONFLICT', message: expect.stringMatching(/deployed agent\(s\) run on this model/) }),
    ]);
    const viewer = await h.signIn('viewer@acme.test');
    expect((await viewer.gql(move('aiModelUndeploy'), { id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await h.sql(`SELECT status FROM ai_models WHERE id = $1`, [busy.id]))[0].status).toBe('deployed');
  });
});
