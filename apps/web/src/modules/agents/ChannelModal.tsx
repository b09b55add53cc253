import { useMutation } from '@apollo/client/react';
import { Badge, Checkbox, Group, Modal, PasswordInput, SegmentedControl, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { getFragmentData, graphql } from '../../gql';
import { AgentChannelType, type ChannelRowFragment } from '../../gql/graphql';
import { FormActions, FormProblems } from '../../ui/FormActions';
import { useFormMutation } from '../../ui/useFormMutation';
import { PLAIN_SETTINGS, plainSettingProblem, SECRET_SETTINGS, TYPE_LABEL } from './channel-settings';
import { ChannelRow } from './AgentChannels';

const AgentChannelAdd = graphql(`
  mutation AgentChannelAdd($input: AgentChannelAddInput!) {
    agentChannelAdd(input: $input) {
      channel {
        ...ChannelRow
        config
        agent {
          id
          channels {
            id
          }
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const AgentChannelUpdate = graphql(`
  mutation AgentChannelUpdate($input: AgentChannelUpdateInput!) {
    agentChannelUpdate(input: $input) {
      channel {
        ...ChannelRow
        config
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

type Channel = ChannelRowFragment & { config?: Record<string, unknown> | null };

interface Values {
  type: AgentChannelType;
  name: string;
  enabled: boolean;
  plain: Record<string, string>;
  /** New secret values; empty keeps what is set. */
  secrets: Record<string, string>;
  /** Secrets to remove. */
  clear: Record<string, boolean>;
}

function initialValues(channel: Channel | null): Values {
  const plain: Record<string, string> = {};
  for (const [name, value] of Object.entries(channel?.config ?? {})) plain[name] = String(value);
  return { type: channel?.type ?? AgentChannelType.Slack, name: channel?.name ?? '', enabled: channel?.enabled ?? true, plain, secrets: {}, clear: {} };
}

/**
 * Adds or edits a channel. Secrets are write-only: the form never shows their values, only which are
 * set, and sends a secret only when a new value is typed (or null to remove it).
 */
export function ChannelModal({ agentId, channel, opened, onClose }: { agentId: string; channel: Channel | null; opened: boolean; onClose: () => void }) {
  const [add] = useMutation(AgentChannelAdd);
  const [update] = useMutation(AgentChannelUpdate);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: initialValues(channel),
    validate: (values) => {
      const errors: Record<string, string> = {};
      if (!values.name.trim()) errors.name = 'Give the channel a name, e.g. "Incidents"';
      else if (values.name.trim().length > 120) errors.name = 'At most 120 characters';
      for (const field of PLAIN_SETTINGS[values.type]) {
        const problem = plainSettingProblem(values.type, field.name, values.plain[field.name] ?? '');
        if (problem) errors[`plain.${field.name}`] = problem;
      }
      if (values.type === AgentChannelType.Slack && values.enabled) {
        const has = (name: string) => (channel?.configuredSecrets.includes(name) && !values.clear[name]) || !!values.secrets[name];
        if (!has('botToken') && !has('webhookUrl')) errors['secrets.botToken'] = 'An enabled Slack channel needs a bot token; set one, or disable the channel';
      }
      return errors;
    },
  });
  const type = form.values.type;

  function configOf(values: Values): Record<string, unknown> {
    const config: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(values.plain)) {
      const known = PLAIN_SETTINGS[values.type].some((f) => f.name === name);
      // Settings another client added are kept as they are; known ones are sent trimmed, and left out when empty.
      if (!known) config[name] = channel?.config?.[name] ?? value;
      else if (value.trim()) config[name] = value.trim();
    }
    for (const field of SECRET_SETTINGS[values.type]) {
      if (values.clear[field.name]) config[field.name] = null;
      else if (values.secrets[field.name]) config[field.name] = values.secrets[field.name];
    }
    return config;
  }

  const { submit, submitting, problems, close } = useFormMutation({
    form,
    send: async (values) => {
      const { data, error } = channel
        ? await update({
            variables: { input: { channelId: channel.id, name: values.name.trim(), enabled: values.enabled, config: configOf(values) } },
            errorPolicy: 'all',
          })
        : await add({
            variables: { input: { agentId, type: values.type, name: values.name.trim(), enabled: values.enabled, config: configOf(values) } },
            errorPolicy: 'all',
          });
      return { payload: data && ('agentChannelAdd' in data ? data.agentChannelAdd : data.agentChannelUpdate), error };
    },
    result: (payload) => getFragmentData(ChannelRow, payload.channel),
    fields: (values) => [
      'name',
      'enabled',
      'type',
      ...PLAIN_SETTINGS[values.type].map((f) => `config.${f.name}`),
      ...SECRET_SETTINGS[values.type].map((f) => `config.${f.name}`),
    ],
    // The API names settings inside config; the form keeps secrets apart from plain settings.
    fieldPath: (field, values) => {
      if (!field.startsWith('config.')) return field;
      const name = field.replace(/^config\./, '');
      return SECRET_SETTINGS[values.type].some((f) => f.name === name) ? `secrets.${name}` : `plain.${name}`;
    },
    toast: (saved) => ({ title: channel ? 'Channel saved' : 'Channel added', message: `${saved.name} (${TYPE_LABEL[saved.type]})` }),
    onClose,
  });

  const otherSettings = Object.keys(form.values.plain).filter((name) => !PLAIN_SETTINGS[type].some((f) => f.name === name));
  return (
    <Modal opened={opened} onClose={close} title={channel ? `Edit channel ${channel.name}` : 'Add a channel'} centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {channel ? (
            <Text size="sm">
              Type: <b>{TYPE_LABEL[channel.type]}</b>
            </Text>
          ) : (
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                Type
              </Text>
              <SegmentedControl
                aria-label="Channel type"
                data={(Object.keys(TYPE_LABEL) as AgentChannelType[]).map((value) => ({ value, label: TYPE_LABEL[value] }))}
                value={type}
                onChange={(value) => form.setValues({ type: value as AgentChannelType, plain: {}, secrets: {}, clear: {} })}
              />
            </Stack>
          )}
          <TextInput label="Name" placeholder="Incidents" required data-autofocus {...form.getInputProps('name')} />
          {PLAIN_SETTINGS[type].map((field) => (
            <TextInput
              key={`${type}.${field.name}`}
              label={field.label}
              placeholder={field.placeholder}
              required={field.required}
              {...form.getInputProps(`plain.${field.name}`)}
              value={form.values.plain[field.name] ?? ''}
            />
          ))}
          {otherSettings.length ? (
            <Text size="xs" c="dimmed">
              Also kept as they are: {otherSettings.join(', ')}
            </Text>
          ) : null}
          <Stack gap="xs">
            <Text size="sm" fw={500}>
              Secrets
            </Text>
            <Text size="xs" c="dimmed">
              {channel
                ? 'Stored encrypted and never shown again. Leave a field empty to keep what is set.'
                : 'Stored encrypted and never shown again, not even to you.'}
            </Text>
            {SECRET_SETTINGS[type].map((field) => {
              const isSet = Boolean(channel?.configuredSecrets.includes(field.name));
              const clearing = Boolean(form.values.clear[field.name]);
              return (
                <Stack key={`${type}.${field.name}`} gap={4}>
                  <PasswordInput
                    label={
                      <Group gap={6} component="span">
                        {field.label}
                        <Badge size="xs" variant="light" color={isSet ? 'teal' : 'gray'} data-testid={`secret-state-${field.name}`}>
                          {isSet ? 'set' : 'not set'}
                        </Badge>
                      </Group>
                    }
                    description={field.description}
                    placeholder={isSet ? 'Set: type a new value to replace it' : 'Not set'}
                    autoComplete="new-password"
                    disabled={clearing}
                    {...form.getInputProps(`secrets.${field.name}`)}
                    value={form.values.secrets[field.name] ?? ''}
                  />
                  {isSet ? (
                    <Checkbox
                      size="xs"
                      label={`Remove the ${field.label.toLowerCase()}`}
                      {...form.getInputProps(`clear.${field.name}`, { type: 'checkbox' })}
                      checked={clearing}
                    />
                  ) : null}
                </Stack>
              );
            })}
          </Stack>
          <Switch
            label="Enabled"
            description="A disabled channel keeps its settings but is not used"
            {...form.getInputProps('enabled', { type: 'checkbox' })}
          />
          <FormProblems messages={problems} />
          <FormActions onCancel={close} submitting={submitting} submitLabel={channel ? 'Save channel' : 'Add channel'} />
        </Stack>
      </form>
    </Modal>
  );
}
