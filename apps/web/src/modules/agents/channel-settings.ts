import type { AgentChannelType } from '../../gql/graphql';

export interface SettingField {
  name: string;
  label: string;
  placeholder?: string;
  description?: string;
  required?: boolean;
}

/** The settings each channel type needs, as the API checks them (agent-channel.config.ts). */
export const PLAIN_SETTINGS: Record<AgentChannelType, SettingField[]> = {
  SLACK: [
    { name: 'channel', label: 'Slack channel', placeholder: '#incidents', required: true },
    { name: 'workspace', label: 'Workspace', placeholder: 'acme' },
  ],
  EMAIL: [{ name: 'address', label: 'Email address', placeholder: 'oncall@acme.test', required: true }],
  WEBHOOK: [{ name: 'url', label: 'URL', placeholder: 'https://hooks.example.com/steward', required: true }],
};

/** Secrets are write-only: stored encrypted, never readable back; the API only says which are set. */
export const SECRET_SETTINGS: Record<AgentChannelType, SettingField[]> = {
  SLACK: [
    { name: 'webhookUrl', label: 'Incoming-webhook URL', description: 'Messages are posted here when it is set (otherwise with the bot token)' },
    { name: 'botToken', label: 'Bot token', description: 'Needed while the channel is enabled, unless an incoming-webhook URL is set' },
    { name: 'signingSecret', label: 'Signing secret' },
  ],
  EMAIL: [{ name: 'smtpPassword', label: 'SMTP password' }],
  WEBHOOK: [{ name: 'secret', label: 'Signing secret' }],
};

export const TYPE_LABEL: Record<AgentChannelType, string> = { SLACK: 'Slack', EMAIL: 'Email', WEBHOOK: 'Webhook' };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The same checks the API makes, so the form can say so before sending. */
export function plainSettingProblem(type: AgentChannelType, name: string, value: string): string | null {
  const field = PLAIN_SETTINGS[type].find((f) => f.name === name);
  if (!value.trim()) return field?.required ? `${field.label} is required` : null;
  if (type === 'SLACK' && name === 'channel' && !/^#\S{1,79}$/.test(value.trim())) return 'A Slack channel starts with #, e.g. #incidents';
  if (type === 'EMAIL' && name === 'address' && !EMAIL.test(value.trim())) return 'Enter a valid email address';
  if (type === 'WEBHOOK' && name === 'url') {
    try {
      if (new URL(value.trim()).protocol !== 'https:') return 'The URL must start with https://';
    } catch {
      return 'Enter a URL, e.g. https://hooks.example.com/steward';
    }
  }
  return null;
}
