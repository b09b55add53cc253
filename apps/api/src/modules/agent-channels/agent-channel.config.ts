import type { InputChecks } from '../../graphql/errors';
import { AgentChannelType } from './agent-channel.entity';

type Plain = string | number | boolean;

const KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const MAX_KEYS = 30;
const MAX_PLAIN = 2000;
const MAX_SECRET = 4096;
const SECRET_NAME = /secret|token|password|key/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const secretsOf: Record<AgentChannelType, string[]> = {
  slack: ['botToken', 'signingSecret', 'webhookUrl'],
  email: ['smtpPassword'],
  webhook: ['secret'],
};

/** Secrets a channel cannot work without, so an enabled channel must have them. */
const neededWhenEnabled: Record<AgentChannelType, string[]> = { slack: ['botToken'], email: [], webhook: [] };

export function isSecretName(type: AgentChannelType, name: string): boolean {
  return secretsOf[type].includes(name) || SECRET_NAME.test(name);
}

/**
 * A config as the caller wrote it, split: plain settings, and secrets to set (a string) or clear (null).
 * Settings that are not acceptable are left out and reported to `checks`, each at its own field.
 */
export function splitConfig(
  checks: InputChecks,
  type: AgentChannelType,
  config: Record<string, unknown>,
): { plain: Record<string, Plain>; secrets: Record<string, string | null> } {
  const entries = Object.entries(config);
  if (entries.length > MAX_KEYS) checks.add('config', `config may hold at most ${MAX_KEYS} settings`);
  const plain: Record<string, Plain> = {};
  const secrets: Record<string, string | null> = {};
  for (const [name, value] of entries) {
    const field = `config.${name}`;
    if (!KEY.test(name)) {
      checks.add('config', 'config setting names must be letters, digits and _ (at most 64), starting with a letter');
    } else if (isSecretName(type, name)) {
      if (value !== null && (typeof value !== 'string' || !value.length || value.length > MAX_SECRET)) {
        checks.add(field, `${field} is a secret: give it as a string of 1 to ${MAX_SECRET} characters, or null to remove it`);
      } else secrets[name] = value;
    } else if (!['string', 'number', 'boolean'].includes(typeof value)) {
      checks.add(field, `${field} must be a string, number or boolean`);
    } else if (typeof value === 'string' && value.length > MAX_PLAIN) {
      checks.add(field, `${field} must be at most ${MAX_PLAIN} characters`);
    } else plain[name] = value as Plain;
  }
  return { plain, secrets };
}

/** An https URL; plain http only to a host the deployment allows by name (WEBHOOK_ALLOWED_HOSTS, e.g. a local receiver in tests). */
export function isHttpsUrl(value: unknown, httpHosts: readonly string[] = []): boolean {
  try {
    const url = typeof value === 'string' ? new URL(value) : null;
    return !!url && (url.protocol === 'https:' || (url.protocol === 'http:' && httpHosts.includes(url.hostname.replace(/^\[|\]$/g, '').toLowerCase())));
  } catch {
    return false;
  }
}

/** What a channel of `type` needs of its complete config: its plain settings and the names of the secrets it has. */
export function checkChannelConfig(
  checks: InputChecks,
  type: AgentChannelType,
  plain: Record<string, unknown>,
  secretNames: string[],
  enabled: boolean,
  httpHosts: readonly string[] = [],
): void {
  const required = (name: string, ok: (v: unknown) => boolean, what: string) => {
    if (checks.has(`config.${name}`)) return;
    if (plain[name] === undefined) checks.add(`config.${name}`, `config.${name} is required for a ${type} channel`);
    else if (!ok(plain[name])) checks.add(`config.${name}`, `config.${name} must be ${what}`);
  };
  if (type === AgentChannelType.SLACK)
    required('channel', (v) => typeof v === 'string' && /^#\S{1,79}$/.test(v), 'a Slack channel starting with #, e.g. "#incidents"');
  if (type === AgentChannelType.EMAIL) required('address', (v) => typeof v === 'string' && v.length <= 254 && EMAIL.test(v), 'a valid email address');
  if (type === AgentChannelType.WEBHOOK) required('url', (v) => isHttpsUrl(v, httpHosts), 'an https URL');
  // A Slack channel posts through its incoming-webhook URL when it has one, else with its bot token.
  const posts = type === AgentChannelType.SLACK && secretNames.includes('webhookUrl');
  const missing = enabled && !posts ? neededWhenEnabled[type].filter((name) => !secretNames.includes(name) && !checks.has(`config.${name}`)) : [];
  if (missing.length)
    checks.add(`config.${missing[0]}`, `An enabled ${type} channel needs config.${missing.join(', config.')}; set it, or add the channel disabled`);
}
