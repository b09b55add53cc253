import { Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { demoApiKeySecret } from '../../db/seed/demo-world';
import { toGlobalId } from '../../graphql/global-id';
import { EncryptionKeys } from '../../auth/encryption';
import { generateKey, Keyring } from '../../auth/keyring';
import { openSecret } from './agent-channel.secrets';

const agentId = (name: string, tenant = 'acme') => toGlobalId('Agent', stableUuid(`agent:${tenant}:${name}`));
const seededChannel = (agent: string, name: string) => toGlobalId('AgentChannel', stableUuid(`agent-channel:acme:${agent}:${name}`));
const uuidOf = (globalId: string) => Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1];

const CHANNEL = `id name type enabled config configuredSecrets agent { name }`;
const ADD = `mutation($input: AgentChannelAddInput!) { agentChannelAdd(input: $input) { channel { ${CHANNEL} } userErrors { field message code } } }`;
const UPDATE = `mutation($input: AgentChannelUpdateInput!) { agentChannelUpdate(input: $input) { channel { ${CHANNEL} } userErrors { field message code } } }`;
const REMOVE = `mutation($input: AgentChannelRemoveInput!) { agentChannelRemove(input: $input) { removedChannelId agent { channels { name } } userErrors { field message code } } }`;

const BOT_TOKEN = 'xoxb-test-bot-token-7Hq2Zk9Lm4';
const SIGNING_SECRET = 'signing-secret-Pw81nQx3Ru';
const NEW_TOKEN = 'xoxb-rotated-token-Vb62Yc0Tj5';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** Every row of the tables a secret could leak into, as text. */
async function databaseText(): Promise<string> {
  const rows = await h.sql(`SELECT to_jsonb(c)::text AS t FROM agent_channels c UNION ALL SELECT to_jsonb(a)::text FROM audit_entries a`);
  return rows.map((r) => r.t).join('\n');
}

describe('channel secrets', () => {
  it('are sealed at rest, usable by a runtime, and never readable back through the API', async () => {
    const admin = await h.signIn('admin@acme.test');
    const responses: unknown[] = [];
    const call = async (query: string, variables?: Record<string, unknown>) => {
      const response = await admin.gql(query, variables);
      responses.push(response);
      return response.data;
    };
    const config = { channel: '#incident-war-room', workspace: 'acme', botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiKey: 'key-Zr5Mw1' };
    const added = (await call(ADD, { input: { agentId: agentId('Incident Triage'), type: 'SLACK', name: 'War room', config } })).agentChannelAdd;
    expect(added.userErrors).toEqual([]);
    expect(added.channel).toMatchObject({
      name: 'War room',
      type: 'SLACK',
      enabled: true,
      config: { channel: '#incident-war-room', workspace: 'acme' },
      configuredSecrets: ['apiKey', 'botToken', 'signingSecret'],
      agent: { name: 'Incident Triage' },
    });
    const id = added.channel.id;
    await call(`query($id: ID!) { node(id: $id) { ... on AgentChannel { ${CHANNEL} } } }`, { id });
    await call(`query($id: ID!) { agent(id: $id) { channels { ${CHANNEL} } } }`, { id: agentId('Incident Triage') });
    const log = (await call(`{ auditEntries(first: 20) { nodes { action before after } } }`)).auditEntries.nodes;
    expect(log.find((e: { action: string }) => e.action === 'agentChannel.add').after).toMatchObject({
      name: 'War room',
      configuredSecrets: ['apiKey', 'botToken', 'signingSecret'],
    });
    const kept = (await call(UPDATE, { input: { channelId: id, name: 'War room (sev1)', config: { channel: '#sev1', apiKey: null } } })).agentChannelUpdate;
    expect(kept.channel).toMatchObject({ name: 'War room (sev1)', config: { channel: '#sev1' }, configuredSecrets: ['botToken', 'signingSecret'] });
    const rotated = (await call(UPDATE, { input: { channelId: id, config: { channel: '#sev1', botToken: NEW_TOKEN } } })).agentChannelUpdate;
    expect(rotated.channel.configuredSecrets).toEqual(['botToken', 'signingSecret']);
    await call(`{ auditEntries(first: 20) { nodes { action before after } } }`);

    const everything = JSON.stringify(responses) + (await databaseText());
    for (const secret of [BOT_TOKEN, SIGNING_SECRET, NEW_TOKEN, 'key-Zr5Mw1']) expect(everything).not.toContain(secret);

    const [row] = await h.sql(`SELECT secrets FROM agent_channels WHERE id = $1`, [uuidOf(id)]);
    // Sealed with the encryption key, named beside each value.
    expect(row.secrets.botToken).toMatch(/^v2:test-enc:/);
    const keys = h.services.config.encryptionKeys;
    expect(openSecret(keys, uuidOf(id), 'botToken', row.secrets.botToken)).toBe(NEW_TOKEN);
    expect(openSecret(keys, uuidOf(id), 'signingSecret', row.secrets.signingSecret)).toBe(SIGNING_SECRET);
    // Bound to its channel and name: an envelope copied to another place does not open.
    expect(() => openSecret(keys, uuidOf(id), 'signingSecret', row.secrets.botToken)).toThrow();
    const impostor = new EncryptionKeys(new Keyring([{ ...generateKey(), kid: 'test-enc' }], 'another keyring'));
    expect(() => openSecret(impostor, uuidOf(id), 'botToken', row.secrets.botToken)).toThrow();

    const [audit] = await h.sql(`SELECT after FROM audit_entries WHERE action = 'agentChannel.update' ORDER BY seq DESC LIMIT 1`);
    expect(audit.after).toMatchObject({ configuredSecrets: ['botToken', 'signingSecret'], secretsChanged: ['botToken'] });
  });

  it('stay out of the audit log when a change is refused', async () => {
    const dev = await h.signIn('dev@acme.test');
    const refused = (
      await dev.ok(ADD, {
        input: { agentId: agentId('Code Reviewer'), type: 'WEBHOOK', name: 'CI hook', config: { url: 'http://ci.acme.test/hook', secret: 'whsec-Qe4Kd8Np' } },
      })
    ).agentChannelAdd;
    expect(refused.userErrors).toEqual([{ field: ['input', 'config', 'url'], message: 'config.url must be an https URL', code: 'BAD_USER_INPUT' }]);
    expect(await databaseText()).not.toContain('whsec-Qe4Kd8Np');
    const [failure] = await h.sql(`SELECT outcome, after FROM audit_entries WHERE action = 'agentChannel.add' AND outcome = 'failure'`);
    expect(failure).toEqual({ outcome: 'failure', after: { message: 'config.url must be an https URL' } });
  });
});

describe('channel settings', () => {
  it('are validated per type, naming the field, and nothing is written', async () => {
    const admin = await h.signIn('admin@acme.test');
    const agent = agentId('Support Summariser');
    const cases: [string, Record<string, unknown>, string[], string][] = [
      ['WEBHOOK', { url: 'ftp://hooks.acme.test' }, ['config', 'url'], 'config.url must be an https URL'],
      ['WEBHOOK', {}, ['config', 'url'], 'config.url is required for a webhook channel'],
      ['EMAIL', { address: 'not-an-address' }, ['config', 'address'], 'config.address must be a valid email address'],
      ['SLACK', { channel: 'general', botToken: 'xoxb-1' }, ['config', 'channel'], 'config.channel must be a Slack channel starting with #, e.g. "#incidents"'],
      ['SLACK', { channel: '#general' }, ['config', 'botToken'], 'An enabled slack channel needs config.botToken; set it, or add the channel disabled'],
      ['EMAIL', { address: 'bot@acme.test', smtp: { host: 'x' } }, ['config', 'smtp'], 'config.smtp must be a string, number or boolean'],
      [
        'EMAIL',
        { address: 'bot@acme.test', smtpPassword: 1234 },
        ['config', 'smtpPassword'],
        'config.smtpPassword is a secret: give it as a string of 1 to 4096 characters, or null to remove it',
      ],
    ];
    for (const [type, config, field, message] of cases) {
      const payload = (await admin.ok(ADD, { input: { agentId: agent, type, name: `Bad ${type}`, config } })).agentChannelAdd;
      expect(payload).toEqual({ channel: null, userErrors: [{ field: ['input', ...field], message, code: 'BAD_USER_INPUT' }] });
    }
    const several = (
      await admin.ok(ADD, { input: { agentId: agent, type: 'SLACK', name: 'Bad several', config: { channel: 'general', botToken: 42, '9lives': 'x' } } })
    ).agentChannelAdd;
    expect(several).toEqual({
      channel: null,
      userErrors: [
        {
          field: ['input', 'config', 'botToken'],
          message: 'config.botToken is a secret: give it as a string of 1 to 4096 characters, or null to remove it',
          code: 'BAD_USER_INPUT',
        },
        {
          field: ['input', 'config'],
          message: 'config setting names must be letters, digits and _ (at most 64), starting with a letter',
          code: 'BAD_USER_INPUT',
        },
        { field: ['input', 'config', 'channel'], message: 'config.channel must be a Slack channel starting with #, e.g. "#incidents"', code: 'BAD_USER_INPUT' },
      ],
    });
    expect(await h.sql(`SELECT 1 FROM agent_channels WHERE name LIKE 'Bad %'`)).toHaveLength(0);
    const disabled = (await admin.ok(ADD, { input: { agentId: agent, type: 'SLACK', name: 'Later', enabled: false, config: { channel: '#support' } } }))
      .agentChannelAdd;
    expect(disabled.channel).toMatchObject({ enabled: false, configuredSecrets: [] });
    const enable = (await admin.ok(UPDATE, { input: { channelId: disabled.channel.id, enabled: true } })).agentChannelUpdate;
    expect(enable.userErrors[0].field).toEqual(['input', 'config', 'botToken']);
    const duplicate = (await admin.ok(ADD, { input: { agentId: agent, type: 'EMAIL', name: 'support INBOX', config: { address: 'a@acme.test' } } }))
      .agentChannelAdd;
    expect(duplicate.userErrors).toEqual([
      {
        field: ['input', 'name'],
        message: 'An agent channel named "support INBOX" already exists on this agent (names are compared ignoring case)',
        code: 'CONFLICT',
      },
    ]);
  });

  it('are shown to admins and developers only; everyone in the tenant sees the channels and which secrets are set', async () => {
    const query = `query($id: ID!) { agent(id: $id) { channels { name type enabled config configuredSecrets } } }`;
    for (const [email, seesConfig] of [
      ['admin@acme.test', true],
      ['dev@acme.test', true],
      ['analyst@acme.test', false],
      ['compliance@acme.test', false],
      ['auditor@acme.test', false],
      ['viewer@acme.test', false],
    ] as const) {
      const response = await (await h.signIn(email)).gql(query, { id: agentId('Support Summariser') });
      const inbox = response.data.agent.channels.find((c: { name: string }) => c.name === 'Support inbox');
      expect(inbox).toEqual({
        name: 'Support inbox',
        type: 'EMAIL',
        enabled: true,
        configuredSecrets: [],
        config: seesConfig ? { address: 'support-bot@acme.test', smtpHost: 'smtp.acme.test' } : null,
      });
      const denied = (response.errors ?? []).map((e) => `${e.path?.at(-1)} ${e.extensions?.code}`);
      expect(new Set(denied)).toEqual(new Set(seesConfig ? [] : ['config FORBIDDEN']));
    }
  });
});

describe('changing channels', () => {
  it('is refused on archived agents, to other tenants (not found) and to readers', async () => {
    const dev = await h.signIn('dev@acme.test');
    const archived = (await dev.ok(ADD, { input: { agentId: agentId('Legacy FAQ Bot'), type: 'EMAIL', name: 'FAQ', config: { address: 'faq@acme.test' } } }))
      .agentChannelAdd;
    expect(archived.userErrors).toEqual([{ field: ['input', 'agentId'], message: 'The agent is archived and read-only', code: 'CONFLICT' }]);
    const foreignAgent = await dev.gql(ADD, {
      input: { agentId: agentId('Code Reviewer', 'globex'), type: 'EMAIL', name: 'X', config: { address: 'x@acme.test' } },
    });
    expect(foreignAgent.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const globex = await h.signIn('admin@globex.test');
    for (const [query, input] of [
      [UPDATE, { channelId: seededChannel('Incident Triage', 'Incidents'), enabled: false }],
      [REMOVE, { channelId: seededChannel('Incident Triage', 'Incidents') }],
    ] as const) {
      const response = await globex.gql(query, { input });
      expect(response.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
    const viewer = await h.signIn('viewer@acme.test');
    const response = await viewer.gql(REMOVE, { input: { channelId: seededChannel('Incident Triage', 'Incidents') } });
    expect(response.errors?.[0]).toMatchObject({ path: ['agentChannelRemove'], extensions: { code: 'FORBIDDEN' } });
    expect(await h.sql(`SELECT 1 FROM agent_channels WHERE id = $1`, [stableUuid('agent-channel:acme:Incident Triage:Incidents')])).toHaveLength(1);
  });

  it('works for a partner app with a developer key: add, then remove, audited', async () => {
    const runtime = h.apiKey(demoApiKeySecret('acme', 'Agent runtime'));
    const added = (
      await runtime.ok(ADD, {
        input: {
          agentId: agentId('Code Reviewer'),
          type: 'WEBHOOK',
          name: 'Review events',
          config: { url: 'https://ci.acme.test/review', secret: 'whsec-Lz7Bv3Xa' },
        },
      })
    ).agentChannelAdd;
    expect(added.channel).toMatchObject({ config: { url: 'https://ci.acme.test/review' }, configuredSecrets: ['secret'] });
    const removed = (await runtime.ok(REMOVE, { input: { channelId: added.channel.id } })).agentChannelRemove;
    expect(removed).toEqual({ removedChannelId: added.channel.id, agent: { channels: [] }, userErrors: [] });
    const audit = await h.sql(`SELECT action, actor_label, before, after FROM audit_entries WHERE entity_id = $1 ORDER BY seq`, [uuidOf(added.channel.id)]);
    expect(audit.map((a) => [a.action, a.actor_label])).toEqual([
      ['agentChannel.add', 'Agent runtime'],
      ['agentChannel.remove', 'Agent runtime'],
    ]);
    expect(audit[1].before).toMatchObject({ name: 'Review events', configuredSecrets: ['secret'] });
    expect(JSON.stringify(audit)).not.toContain('whsec-Lz7Bv3Xa');
  });
});
