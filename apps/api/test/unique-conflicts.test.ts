import { Caller, Harness, startHarness } from './harness';
import { stableUuid } from '../src/db/seed/deterministic';
import { toGlobalId } from '../src/graphql/global-id';

/**
 * Unique indexes are the only "is this name free" check: a write they refuse comes back as a CONFLICT
 * naming the field and the value, and the rest of the request goes on. Each case sends, in one
 * request (one transaction), a mutation that collides and then one that does not; the second is kept.
 */
const acme = stableUuid('tenant:acme');
const ERRORS = 'userErrors { field message code }';

let h: Harness;
let admin: Caller;
beforeAll(async () => {
  h = await startHarness();
  admin = await h.signIn('admin@acme.test');
});
afterAll(() => h.close());

async function one<T = Record<string, string>>(sql: string, params: unknown[] = [acme]): Promise<T> {
  const [row] = await h.sql(sql, params);
  return row as T;
}

/** `taken` collides, `fresh` does not, both in one request; answers the two payloads. */
async function collideThenWrite(caller: Caller, field: string, inputType: string, returns: string, taken: object, fresh: object) {
  const data = await caller.ok(
    `mutation($taken: ${inputType}!, $fresh: ${inputType}!) { taken: ${field}(input: $taken) { ${ERRORS} } fresh: ${field}(input: $fresh) { ${returns} ${ERRORS} } }`,
    { taken, fresh },
  );
  return data as { taken: { userErrors: unknown[] }; fresh: Record<string, unknown> & { userErrors: unknown[] } };
}

const ignoringCase = '(names are compared ignoring case)';

describe('a write refused by a unique index', () => {
  it('agents: CONFLICT on input.name, on create and on rename; the next mutation of the request is kept', async () => {
    const { name } = await one(`SELECT name FROM agents WHERE tenant_id = $1 ORDER BY name LIMIT 1`);
    const { taken, fresh } = await collideThenWrite(
      admin,
      'agentCreate',
      'AgentCreateInput',
      'agent { name }',
      { name: name.toUpperCase(), role: 'CUSTOM', modelTier: 'SONNET' },
      { name: 'Unique Conflict Agent', role: 'CUSTOM', modelTier: 'SONNET' },
    );
    expect(taken.userErrors).toEqual([
      { field: ['input', 'name'], code: 'CONFLICT', message: `An agent named "${name.toUpperCase()}" already exists ${ignoringCase}` },
    ]);
    expect(fresh).toEqual({ agent: { name: 'Unique Conflict Agent' }, userErrors: [] });
    expect(await one(`SELECT count(*)::int AS n FROM agents WHERE tenant_id = $1 AND name = 'Unique Conflict Agent'`)).toEqual({ n: 1 });

    const { id } = await one(`SELECT id FROM agents WHERE tenant_id = $1 AND name = 'Unique Conflict Agent'`);
    const renamed = await collideThenWrite(
      admin,
      'agentUpdate',
      'AgentUpdateInput',
      'agent { name }',
      { agentId: toGlobalId('Agent', id), name },
      { agentId: toGlobalId('Agent', id), description: 'still writable' },
    );
    expect(renamed.taken.userErrors).toEqual([
      { field: ['input', 'name'], code: 'CONFLICT', message: `An agent named "${name}" already exists ${ignoringCase}` },
    ]);
    expect(renamed.fresh).toEqual({ agent: { name: 'Unique Conflict Agent' }, userErrors: [] });
    expect(await one(`SELECT description FROM agents WHERE id = $1`, [id])).toEqual({ description: 'still writable' });
  });

  it('AI models: CONFLICT on input.version naming the name and version', async () => {
    const model = await one(`SELECT name, version, type, tier FROM ai_models WHERE tenant_id = $1 AND tier IS NOT NULL ORDER BY name LIMIT 1`);
    const base = { provider: 'anthropic', type: model.type.toUpperCase(), tier: model.tier.toUpperCase() };
    const { taken, fresh } = await collideThenWrite(
      admin,
      'aiModelRegister',
      'AiModelRegisterInput',
      'model { version }',
      { ...base, name: model.name, version: model.version },
      { ...base, name: model.name, version: `${model.version}-unique-conflict` },
    );
    expect(taken.userErrors).toEqual([
      {
        field: ['input', 'version'],
        code: 'CONFLICT',
        message: `An AI model with name "${model.name}" and version "${model.version}" already exists ${ignoringCase}`,
      },
    ]);
    expect(fresh).toEqual({ model: { version: `${model.version}-unique-conflict` }, userErrors: [] });
  });

  it('skills: CONFLICT on input.name', async () => {
    const { name } = await one(`SELECT name FROM skills WHERE tenant_id = $1 ORDER BY name LIMIT 1`);
    const base = { category: 'PRODUCTIVITY', version: '1', compatibleRoles: ['PM'] };
    const { taken, fresh } = await collideThenWrite(
      admin,
      'skillCreate',
      'SkillCreateInput',
      'skill { name }',
      { ...base, name: ` ${name.toLowerCase()} ` },
      { ...base, name: 'Unique Conflict Skill' },
    );
    expect(taken.userErrors).toEqual([
      { field: ['input', 'name'], code: 'CONFLICT', message: `A skill named "${name.toLowerCase()}" already exists ${ignoringCase}` },
    ]);
    expect(fresh).toEqual({ skill: { name: 'Unique Conflict Skill' }, userErrors: [] });
  });

  it('agent channels: CONFLICT on input.name, unique on their agent only', async () => {
    const channel = await one(`SELECT c.name, c.agent_id FROM agent_channels c JOIN agents a ON a.id = c.agent_id
      WHERE c.tenant_id = $1 AND a.status <> 'archived' ORDER BY c.name LIMIT 1`);
    const agentId = toGlobalId('Agent', channel.agent_id);
    const other = await one(`SELECT id FROM agents WHERE tenant_id = $1 AND id <> $2 AND status <> 'archived' ORDER BY name LIMIT 1`, [acme, channel.agent_id]);
    const base = { type: 'EMAIL', config: { address: 'unique@acme.test' } };
    const { taken, fresh } = await collideThenWrite(
      admin,
      'agentChannelAdd',
      'AgentChannelAddInput',
      'channel { name }',
      { ...base, agentId, name: channel.name },
      { ...base, agentId: toGlobalId('Agent', other.id), name: channel.name },
    );
    expect(taken.userErrors).toEqual([
      { field: ['input', 'name'], code: 'CONFLICT', message: `An agent channel named "${channel.name}" already exists on this agent ${ignoringCase}` },
    ]);
    expect(fresh).toEqual({ channel: { name: channel.name }, userErrors: [] });
  });

  it('budgets: CONFLICT on input.name', async () => {
    const { name } = await one(`SELECT name FROM budgets WHERE tenant_id = $1 ORDER BY name LIMIT 1`);
    const base = { scope: 'TENANT', period: 'MONTHLY', amount: '10' };
    const { taken, fresh } = await collideThenWrite(
      admin,
      'budgetCreate',
      'BudgetCreateInput',
      'budget { name }',
      { ...base, name },
      { ...base, name: 'Unique Conflict Budget' },
    );
    expect(taken.userErrors).toEqual([{ field: ['input', 'name'], code: 'CONFLICT', message: `A budget named "${name}" already exists ${ignoringCase}` }]);
    expect(fresh).toEqual({ budget: { name: 'Unique Conflict Budget' }, userErrors: [] });
  });

  it('policies: CONFLICT on input.name, and its failure is audited', async () => {
    const { name } = await one(`SELECT name FROM policies WHERE tenant_id = $1 ORDER BY name LIMIT 1`);
    const base = { type: 'AGENT', severity: 'LOW', enforcement: 'AUDIT', active: false, rules: [{ name: 'r', condition: 'true', message: 'm' }] };
    const { taken, fresh } = await collideThenWrite(
      admin,
      'policyCreate',
      'PolicyCreateInput',
      'policy { name }',
      { ...base, name },
      { ...base, name: 'Unique Conflict Policy' },
    );
    expect(taken.userErrors).toEqual([{ field: ['input', 'name'], code: 'CONFLICT', message: `A policy named "${name}" already exists ${ignoringCase}` }]);
    expect(fresh).toEqual({ policy: { name: 'Unique Conflict Policy' }, userErrors: [] });
    const audited = await h.sql(`SELECT outcome, error_code FROM audit_entries WHERE tenant_id = $1 AND action = 'policy.create' ORDER BY seq DESC LIMIT 2`, [
      acme,
    ]);
    expect(audited).toEqual(
      expect.arrayContaining([
        { outcome: 'failure', error_code: 'CONFLICT' },
        { outcome: 'success', error_code: null },
      ]),
    );
  });

  it("is about the caller's tenant only, repeats only what the caller sent, and shows no SQL or index names", async () => {
    const globexAdmin = await h.signIn('admin@globex.test');
    const CREATE = `mutation($input: AgentCreateInput!) { agentCreate(input: $input) { agent { name } userErrors { message } } }`;
    const input = { name: 'Known In Globex', role: 'CUSTOM', modelTier: 'SONNET' };
    expect((await globexAdmin.ok(CREATE, { input })).agentCreate.userErrors).toEqual([]);
    expect((await admin.ok(CREATE, { input })).agentCreate).toEqual({ agent: { name: 'Known In Globex' }, userErrors: [] });
    const again = await admin.ok(CREATE, { input: { ...input, name: ' KNOWN in globex ' } });
    const [message] = again.agentCreate.userErrors.map((e: { message: string }) => e.message);
    expect(message).toBe(`An agent named "KNOWN in globex" already exists ${ignoringCase}`);
    expect(message).not.toMatch(/duplicate key|constraint|agents_name|tenant_id|23505|INSERT|[0-9a-f]{8}-[0-9a-f]{4}-/i);
  });

  it('tenants: CONFLICT on input.slug (unique across Steward)', async () => {
    const platform = await h.signIn('platform@steward.test');
    const { taken, fresh } = await collideThenWrite(
      platform,
      'tenantCreate',
      'TenantCreateInput',
      'tenant { slug }',
      { name: 'Acme again', slug: 'acme' },
      { name: 'Unique Conflict', slug: 'unique-conflict' },
    );
    expect(taken.userErrors).toEqual([{ field: ['input', 'slug'], code: 'CONFLICT', message: 'A tenant with slug "acme" already exists' }]);
    expect(fresh).toEqual({ tenant: { slug: 'unique-conflict' }, userErrors: [] });
  });
});
