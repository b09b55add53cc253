import { useMutation } from '@apollo/client/react';
import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { hasLength, isNotEmpty, useForm } from '@mantine/form';
import dayjs from 'dayjs';
import { useState } from 'react';
import { roleChoice, useRoleOptions } from '../../app/held-role';
import { getFragmentData, graphql } from '../../gql';
import { FormActions, FormProblems } from '../../ui/FormActions';
import { CopyableCommand, SecretReveal } from '../../ui/SecretReveal';
import { useFormMutation } from '../../ui/useFormMutation';
import { ApiKeysQuery } from './ApiKeysPage';
import { ApiKeyRow } from './ApiKeysTable';

export const ApiKeyCreate = graphql(`
  mutation ApiKeyCreate($input: ApiKeyCreateInput!) {
    apiKeyCreate(input: $input) {
      apiKey {
        ...ApiKeyRow
      }
      secret
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const FIELDS = ['name', 'role', 'customRoleId', 'expiresAt'];

interface CreateValues {
  name: string;
  /** A system role, or "custom:<id>" for a custom role (app/held-role.tsx). */
  role: string;
  /** Local time as the date picker gives it, "YYYY-MM-DD HH:mm:ss"; empty for a key that never expires. */
  expiresAt: string | null;
}

/** A first call with the new key, as a partner app would make it. */
function curlFor(secret: string): string {
  const query = JSON.stringify({ query: '{ viewer { apiKeyName role tenant { name } } }' });
  return `curl -s ${window.location.origin}/graphql -H 'content-type: application/json' -H 'x-api-key: ${secret}' -d '${query}'`;
}

export function CreateApiKeyModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [create] = useMutation(ApiKeyCreate, { refetchQueries: [ApiKeysQuery] });
  const { options: roleOptions } = useRoleOptions();
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const form = useForm<CreateValues>({
    mode: 'uncontrolled',
    initialValues: { name: '', role: '', expiresAt: null },
    validate: {
      name: hasLength({ min: 1, max: 100 }, 'Give the key a name of up to 100 characters, e.g. "CI pipeline"'),
      role: isNotEmpty('Choose what the key may do'),
      expiresAt: (value) => (value && !dayjs(value).isAfter(dayjs()) ? 'Choose a time in the future' : null),
    },
    transformValues: (values) => ({ ...values, name: values.name.trim() }),
  });

  const { submit, submitting, problems, close } = useFormMutation({
    form,
    send: async (values) => {
      const { data, error } = await create({
        variables: {
          input: { name: values.name, ...roleChoice(values.role), expiresAt: values.expiresAt ? dayjs(values.expiresAt).toISOString() : null },
        },
        errorPolicy: 'all',
      });
      return { payload: data?.apiKeyCreate, error };
    },
    result: (payload) => (payload.secret && payload.apiKey ? { name: getFragmentData(ApiKeyRow, payload.apiKey).name, secret: payload.secret } : null),
    fields: FIELDS,
    // A custom role's problem shows at the one role picker.
    fieldPath: (field) => (field === 'customRoleId' ? 'role' : field),
    onDone: (key) => setCreated(key),
    keepOpen: true,
    onClose,
    onReset: () => setCreated(null),
  });

  return (
    // Once the secret shows, only the explicit button closes: Escape or a stray click would lose it for good.
    <Modal
      opened={opened}
      onClose={close}
      title={created ? `API key "${created.name}" created` : 'Create an API key'}
      centered
      size="lg"
      closeOnClickOutside={!created}
      closeOnEscape={!created}
      withCloseButton={!created}
    >
      {created ? (
        <Stack>
          <SecretReveal
            label="API key"
            secret={created.secret}
            hint="This is the only time Steward shows this key. Copy it into your agent's or pipeline's secret store now."
          />
          <CopyableCommand label="Try the key" command={curlFor(created.secret)} />
          <Group justify="flex-end">
            <Button onClick={close}>I have copied the key</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <TextInput
              label="Name"
              description="What the key is for"
              placeholder="CI pipeline"
              required
              data-autofocus
              key={form.key('name')}
              {...form.getInputProps('name')}
            />
            <Select
              label="Role"
              description="The key acts with this role's permissions"
              placeholder="Choose a role"
              data={roleOptions}
              required
              key={form.key('role')}
              {...form.getInputProps('role')}
            />
            <DateTimePicker
              label="Expires"
              description="Leave empty for a key that does not expire"
              placeholder="Never"
              clearable
              minDate={new Date()}
              valueFormat="DD MMM YYYY HH:mm"
              key={form.key('expiresAt')}
              {...form.getInputProps('expiresAt')}
            />
            <FormProblems messages={problems} />
            <Text size="xs" c="dimmed">
              The key&apos;s secret is shown once, right after it is created.
            </Text>
            <FormActions onCancel={close} submitting={submitting} submitLabel="Create key" />
          </Stack>
        </form>
      )}
    </Modal>
  );
}
