import { randomUUID } from 'node:crypto';
import type { TenantScope } from '../../scope';
import { writableAgent, WritableAgent } from '../agents';
import { InputChecks, StewardError, UserInputProblem } from '../../graphql/errors';
import { loader } from '../../graphql/loader';
import { checkChannelConfig, isHttpsUrl, splitConfig } from './agent-channel.config';
import { AgentChannel } from './agent-channel.entity';
import { AgentChannelAddInput, AgentChannelUpdateInput } from './agent-channel.inputs';
import { channelById } from './agent-channel.loaders';
import { sealSecret } from './agent-channel.secrets';
import { queueChannelMessage } from './agent-channel.delivery';
import { ChannelDelivery, ChannelDeliverySource } from './agent-channel-delivery.entity';

/** The channel as the audit log keeps it: secrets by name only, never their values. */
function snapshot(agent: WritableAgent, c: Pick<AgentChannel, 'type' | 'name' | 'enabled' | 'config' | 'sealedSecrets'>): Record<string, unknown> {
  return { agent: agent.name, type: c.type, name: c.name, enabled: c.enabled, config: c.config, configuredSecrets: Object.keys(c.sealedSecrets).sort() };
}

function seal(ctx: TenantScope, channelId: string, sealed: Record<string, string>, changes: Record<string, string | null>): Record<string, string> {
  const keys = ctx.app.config.encryptionKeys;
  const next = { ...sealed };
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) delete next[name];
    else next[name] = sealSecret(keys, channelId, name, value);
  }
  return next;
}

/** Plain http is accepted only for hosts the deployment allows by name. */
const httpHosts = (ctx: TenantScope) => ctx.app.config.webhooks.allowedHosts;

/** A Slack incoming-webhook URL is a secret, so it is checked here, before it is sealed. */
function checkSlackWebhook(ctx: TenantScope, checks: InputChecks, secrets: Record<string, string | null>): void {
  const url = secrets.webhookUrl;
  if (typeof url === 'string' && !isHttpsUrl(url, httpHosts(ctx)))
    checks.add('config.webhookUrl', 'config.webhookUrl must be an https URL: the incoming-webhook URL Slack gave for the channel');
}

async function saved(ctx: TenantScope, channel: AgentChannel): Promise<AgentChannel> {
  const fresh = await ctx.tx.manager.findOneByOrFail(AgentChannel, { uuid: channel.uuid });
  loader(ctx, channelById).clear(fresh.uuid).prime(fresh.uuid, fresh);
  return fresh;
}

export async function addChannel(ctx: TenantScope, agentId: string, input: AgentChannelAddInput): Promise<AgentChannel> {
  const agent = await writableAgent(ctx, agentId, 'agentId');
  const name = input.name.trim();
  const checks = new InputChecks();
  const { plain, secrets } = splitConfig(checks, input.type, input.config ?? {});
  const id = randomUUID();
  const sealedSecrets = seal(ctx, id, {}, secrets);
  checkSlackWebhook(ctx, checks, secrets);
  checkChannelConfig(checks, input.type, plain, Object.keys(sealedSecrets), input.enabled, httpHosts(ctx));
  checks.refuseIfAny();
  await ctx.tx.manager.query(
    `INSERT INTO agent_channels (id, tenant_id, agent_id, type, name, enabled, config, secrets, created_by_id) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
    [id, ctx.caller.tenantId, agent.id, input.type, name, input.enabled, plain, sealedSecrets, ctx.caller.userId],
  );
  const channel = await saved(ctx, Object.assign(new AgentChannel(), { uuid: id }));
  await ctx.audit.record({ action: 'agentChannel.add', entityType: 'AgentChannel', entityId: id, entityName: name, after: snapshot(agent, channel) });
  return channel;
}

export async function updateChannel(ctx: TenantScope, channelId: string, input: AgentChannelUpdateInput): Promise<AgentChannel> {
  const current = await lockedChannel(ctx, channelId);
  const agent = await writableAgent(ctx, current.agentId, 'channelId');
  const name = input.name?.trim() ?? current.name;
  const enabled = input.enabled ?? current.enabled;
  const checks = new InputChecks();
  const { plain, secrets } = input.config ? splitConfig(checks, current.type, input.config) : { plain: current.config, secrets: {} };
  const sealedSecrets = seal(ctx, current.uuid, current.sealedSecrets, secrets);
  checkSlackWebhook(ctx, checks, secrets);
  checkChannelConfig(checks, current.type, plain, Object.keys(sealedSecrets), enabled, httpHosts(ctx));
  checks.refuseIfAny();
  await ctx.tx.manager.query(`UPDATE agent_channels SET name = $2, enabled = $3, config = $4, secrets = $5, updated_at = now() WHERE id = $1`, [
    current.uuid,
    name,
    enabled,
    plain,
    sealedSecrets,
  ]);
  const channel = await saved(ctx, current);
  await ctx.audit.record({
    action: 'agentChannel.update',
    entityType: 'AgentChannel',
    entityId: channel.uuid,
    entityName: channel.name,
    before: snapshot(agent, current),
    after: { ...snapshot(agent, channel), secretsChanged: Object.keys(secrets).sort() },
  });
  return channel;
}

export async function removeChannel(ctx: TenantScope, channelId: string): Promise<{ agentId: string }> {
  const current = await lockedChannel(ctx, channelId);
  const agent = await writableAgent(ctx, current.agentId, 'channelId');
  await ctx.tx.manager.query(`DELETE FROM agent_channels WHERE id = $1`, [current.uuid]);
  loader(ctx, channelById).clear(current.uuid);
  await ctx.audit.record({
    action: 'agentChannel.remove',
    entityType: 'AgentChannel',
    entityId: current.uuid,
    entityName: current.name,
    before: snapshot(agent, current),
  });
  return { agentId: agent.id };
}

async function lockedChannel(ctx: TenantScope, channelId: string): Promise<AgentChannel> {
  const channel = await ctx.tx.manager
    .createQueryBuilder(AgentChannel, 'c')
    .where('c.id = :id AND c.tenant_id = :tenant', { id: channelId, tenant: ctx.caller.tenantId })
    .setLock('for_no_key_update')
    .getOne();
  if (!channel) throw StewardError.notFound('Channel');
  return channel;
}

export async function sendTestMessage(ctx: TenantScope, channelId: string): Promise<ChannelDelivery> {
  const channel = await lockedChannel(ctx, channelId);
  await writableAgent(ctx, channel.agentId, 'channelId');
  if (!channel.enabled) throw new UserInputProblem('channelId', 'The channel is disabled: enable it first', 'CONFLICT');
  const id = await queueChannelMessage(ctx, channel.uuid, {
    source: ChannelDeliverySource.TEST,
    subject: 'Test message',
    text: `A test message sent from Steward to the channel "${channel.name}"`,
  });
  await ctx.audit.record({ action: 'agentChannel.sendTest', entityType: 'AgentChannel', entityId: channel.uuid, entityName: channel.name });
  return ctx.tx.manager.findOneByOrFail(ChannelDelivery, { uuid: id });
}
