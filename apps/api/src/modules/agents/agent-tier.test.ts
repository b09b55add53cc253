import { Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { toGlobalId } from '../../graphql/global-id';

const modelId = (key: string) => toGlobalId('AiModel', stableUuid(`model:acme:${key}`));
const PAYLOAD = `agent { id modelTier model { name } } userErrors { field message code }`;
const CREATE = `mutation($input: AgentCreateInput!) { agentCreate(input: $input) { ${PAYLOAD} } }`;
const UPDATE = `mutation($input: AgentUpdateInput!) { agentUpdate(input: $input) { ${PAYLOAD} } }`;
const REGISTER = `mutation($input: AiModelRegisterInput!) { aiModelRegister(input: $input) { model { name type tier runsAgents } userErrors { field message } } }`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe("an agent's tier follows its model", () => {
  it('derives the tier from the model, and refuses a different one naming the field', async () => {
    const dev = await h.signIn('dev@acme.test');
    const derived = (await dev.ok(CREATE, { input: { name: 'Tier follows', role: 'CUSTOM', modelId: modelId('opus') } })).agentCreate;
    expect(derived).toEqual({ agent: { id: expect.any(String), modelTier: 'OPUS', model: { name: 'Claude Opus' } }, userErrors: [] });
    const viaGpt = (await dev.ok(CREATE, { input: { name: 'GPT tier', role: 'CUSTOM', modelId: modelId('gpt'), modelTier: 'SONNET' } })).agentCreate;
    expect(viaGpt.agent.modelTier).toBe('SONNET');

    const mismatch = (await dev.ok(CREATE, { input: { name: 'Cheap opus', role: 'CUSTOM', modelId: modelId('opus'), modelTier: 'HAIKU' } })).agentCreate;
    expect(mismatch).toEqual({
      agent: null,
      userErrors: [{ field: ['input', 'modelTier'], message: 'Claude Opus 4.1 runs at the opus tier, not haiku', code: 'BAD_USER_INPUT' }],
    });
    expect(await h.sql(`SELECT 1 FROM agents WHERE name = 'Cheap opus'`)).toHaveLength(0);
  });

  it('needs a tier when there is no model', async () => {
    const dev = await h.signIn('dev@acme.test');
    const none = (await dev.ok(CREATE, { input: { name: 'No tier', role: 'CUSTOM' } })).agentCreate;
    expect(none.userErrors).toEqual([{ field: ['input', 'modelTier'], message: 'Choose a tier, or a model the tier follows from', code: 'BAD_USER_INPUT' }]);
    const free = (await dev.ok(CREATE, { input: { name: 'Free tier', role: 'CUSTOM', modelTier: 'OPUS' } })).agentCreate;
    expect(free.agent.modelTier).toBe('OPUS');
  });

  it('moves the tier with a new model on update, and refuses a tier its model does not have', async () => {
    const dev = await h.signIn('dev@acme.test');
    const { agent } = (await dev.ok(CREATE, { input: { name: 'Mover', role: 'CUSTOM', modelId: modelId('haiku') } })).agentCreate;
    const moved = (await dev.ok(UPDATE, { input: { agentId: agent.id, modelId: modelId('sonnet') } })).agentUpdate;
    expect(moved.agent).toMatchObject({ modelTier: 'SONNET', model: { name: 'Claude Sonnet' } });
    const refused = (await dev.ok(UPDATE, { input: { agentId: agent.id, modelTier: 'OPUS' } })).agentUpdate;
    expect(refused.userErrors).toEqual([
      { field: ['input', 'modelTier'], message: 'Claude Sonnet 4.5 runs at the sonnet tier, not opus', code: 'BAD_USER_INPUT' },
    ]);
    const [row] = await h.sql(`SELECT model_tier FROM agents WHERE name = 'Mover'`);
    expect(row.model_tier).toBe('sonnet');
    const [entry] = await h.sql(
      `SELECT before->>'modelTier' AS before, after->>'modelTier' AS after FROM audit_entries WHERE action = 'agent.update' AND entity_name = 'Mover'`,
    );
    expect(entry).toEqual({ before: 'haiku', after: 'sonnet' });
  });

  it('refuses a model whose type cannot run an agent', async () => {
    const dev = await h.signIn('dev@acme.test');
    const refused = (await dev.ok(CREATE, { input: { name: 'Embedder', role: 'CUSTOM', modelId: modelId('embed'), modelTier: 'HAIKU' } })).agentCreate;
    expect(refused.userErrors).toEqual([
      {
        field: ['input', 'modelId'],
        message: 'text-embedding-3-large 3 is an embedding model; an agent runs on a language or vision model',
        code: 'BAD_USER_INPUT',
      },
    ]);
  });
});

describe('models and agents', () => {
  it('offers only the models agents can run on when asked', async () => {
    const dev = await h.signIn('dev@acme.test');
    const { aiModels } = await dev.ok(`{ aiModels(filter: { runsAgents: true }) { nodes { name type tier runsAgents } } }`);
    expect(aiModels.nodes.map((m: { name: string }) => m.name).sort()).toEqual([
      'Claude Haiku',
      'Claude Opus',
      'Claude Sonnet',
      'GPT-4o',
      'Llama fine-tune (support)',
    ]);
    expect(aiModels.nodes.every((m: { runsAgents: boolean; tier: string | null }) => m.runsAgents && m.tier)).toBe(true);
    const others = await dev.ok(`{ aiModels(filter: { runsAgents: false }) { nodes { name tier runsAgents } } }`);
    expect(others.aiModels.nodes).toEqual([{ name: 'text-embedding-3-large', tier: null, runsAgents: false }]);
  });

  it('registers a model with a tier when it can run agents, and without one otherwise', async () => {
    const dev = await h.signIn('dev@acme.test');
    const llm = (await dev.ok(REGISTER, { input: { name: 'Mistral Large', provider: 'mistral', version: '2', type: 'LLM', tier: 'SONNET' } })).aiModelRegister;
    expect(llm).toEqual({ model: { name: 'Mistral Large', type: 'LLM', tier: 'SONNET', runsAgents: true }, userErrors: [] });
    const untiered = (await dev.ok(REGISTER, { input: { name: 'Mistral Small', provider: 'mistral', version: '1', type: 'LLM' } })).aiModelRegister;
    expect(untiered.userErrors).toEqual([{ field: ['input', 'tier'], message: 'llm models run agents: choose the tier their agents run at' }]);
    const tieredEmbedding = (await dev.ok(REGISTER, { input: { name: 'Embed', provider: 'mistral', version: '1', type: 'EMBEDDING', tier: 'HAIKU' } }))
      .aiModelRegister;
    expect(tieredEmbedding.userErrors).toEqual([{ field: ['input', 'tier'], message: 'embedding models cannot run agents, so they have no tier' }]);
  });
});
