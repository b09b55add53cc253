import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Group, Modal, MultiSelect, NumberInput, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { hasLength, isNotEmpty, useForm } from '@mantine/form';
import dayjs from 'dayjs';
import { useState } from 'react';
import { SYSTEM_ROLE_PERMISSIONS } from '../../app/access';
import { AssignableRoles, roleChoice, useRoleOptions } from '../../app/held-role';
import type { PermissionName, Role } from '../../gql/graphql';
import { operationsOf } from './operations';
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

const ApiKeyPermissionChoices = graphql(`
  query ApiKeyPermissionChoices {
    permissions {
      name
      description
    }
  }
`);

const FIELDS = ['name', 'role', 'customRoleId', 'scopes', 'allowedOperations', 'costPerMinute', 'expiresAt'];

interface CreateValues {
  name: string;
  /** A system role, or "custom:<id>" for a custom role (app/held-role.tsx). */
  role: string;
  /** Local time as the date picker gives it, "YYYY-MM-DD HH:mm:ss"; empty for a key that never expires. */
  expiresAt: string | null;
  /** A subset of the role's permissions; empty for all of them. */
  scopes: string[];
  /** GraphQL text with the named operations the key may run; empty for any operation. */
  allowedOperations: string;
  /** Operation cost a minute; empty for the plan's default. */
  costPerMinute: number | string;
}

/** A first call with the new key, as a partner app would make it. */
function curlFor(secret: string): string {
  const query = JSON.stringify({ query: '{ viewer { apiKeyName role tenant { name } } }' });
  return `curl -s ${window.location.origin}/graphql -H 'content-type: application/json' -H 'x-api-key: ${secret}' -d '${query}'`;
}

export function CreateApiKeyModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [create] = useMutation(ApiKeyCreate, { refetchQueries: [ApiKeysQuery] });
  const { options: roleOptions } = useRoleOptions();
  const { data: choices } = useQuery(ApiKeyPermissionChoices, { skip: !opened });
  const { data: assignable } = useQuery(AssignableRoles, { skip: !opened, fetchPolicy: 'cache-first' });
  const [role, setRole] = useState('');
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const form = useForm<CreateValues>({
    mode: 'uncontrolled',
    initialValues: { name: '', role: '', expiresAt: null, scopes: [], allowedOperations: '', costPerMinute: '' },
    validate: {
      name: hasLength({ min: 1, max: 100 }, 'Give the key a name of up to 100 characters, e.g. "CI pipeline"'),
      role: isNotEmpty('Choose what the key may do'),
      expiresAt: (value) => (value && !dayjs(value).isAfter(dayjs()) ? 'Choose a time in the future' : null),
      allowedOperations: (value) => operationsOf(value).problem,
      costPerMinute: (value) =>
        value === '' || (Number.isInteger(Number(value)) && Number(value) >= 1 && Number(value) <= 1_000_000)
          ? null
          : 'Enter a whole number from 1 to 1,000,000, or leave it empty for the default',
    },
    onValuesChange: (values, previous) => {
      if (values.role === previous.role) return;
      setRole(values.role);
      // Permissions of another role do not carry over.
      if (values.scopes.length) form.setFieldValue('scopes', []);
    },
    transformValues: (values) => ({ ...values, name: values.name.trim() }),
  });

  const { submit, submitting, problems, close } = useFormMutation({
    form,
    send: async (values) => {
      const { data, error } = await create({
        variables: {
          input: {
            name: values.name,
            ...roleChoice(values.role),
            expiresAt: values.expiresAt ? dayjs(values.expiresAt).toISOString() : null,
            ...(values.scopes.length ? { scopes: values.scopes as PermissionName[] } : {}),
            ...(values.allowedOperations.trim()
              ? { allowedOperations: operationsOf(values.allowedOperations).documents.map((document) => ({ document })) }
              : {}),
            ...(values.costPerMinute !== '' ? { costPerMinute: Number(values.costPerMinute) } : {}),
          },
        },
        errorPolicy: 'all',
      });
      return { payload: data?.apiKeyCreate, error };
    },
    result: (payload) => (payload.secret && payload.apiKey ? { name: getFragmentData(ApiKeyRow, payload.apiKey).name, secret: payload.secret } : null),
    fields: FIELDS,
    // A custom role's problem shows at the one role picker.
    fieldPath: (field) =>
      field === 'customRoleId' ? 'role' : field.startsWith('allowedOperations') ? 'allowedOperations' : field.startsWith('scopes') ? 'scopes' : field,
    onDone: (key) => setCreated(key),
    keepOpen: true,
    onClose,
    onReset: () => {
      setCreated(null);
      setRole('');
    },
  });

  // What the chosen role may do: the key may be limited to some of it, never more.
  const rolePermissions: readonly string[] = !role
    ? []
    : role.startsWith('custom:')
      ? (assignable?.customRoles?.find((r) => `custom:${r.id}` === role)?.permissions ?? [])
      : (SYSTEM_ROLE_PERMISSIONS[role as Role] ?? []);
  const permissionOptions = rolePermissions.map((name) => {
    const description = choices?.permissions.find((p) => p.name === name)?.description;
    // AGENTS_WRITE reads as the docs spell it, agents.write.
    const spelled = name.toLowerCase().replace('_', '.');
    return { value: name, label: description ? `${spelled}: ${description}` : spelled };
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
            <MultiSelect
              label="Permissions"
              description={
                role
                  ? "Limit the key to some of its role's permissions; leave empty for all of them"
                  : 'Choose a role first; the key can be limited to some of its permissions'
              }
              placeholder={role ? (permissionOptions.length ? "All of the role's permissions" : 'This role has no permissions beyond reading') : undefined}
              data={permissionOptions}
              disabled={!role || permissionOptions.length === 0}
              searchable
              clearable
              key={form.key('scopes')}
              {...form.getInputProps('scopes')}
            />
            <Textarea
              label="Allowed operations"
              description="Named GraphQL queries and mutations the key may run, pasted as they are sent; leave empty for any operation"
              placeholder={'query AgentInventory { agents(first: 50) { nodes { id name } } }'}
              autosize
              minRows={2}
              maxRows={8}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              key={form.key('allowedOperations')}
              {...form.getInputProps('allowedOperations')}
            />
            <NumberInput
              label="Rate limit (operation cost a minute)"
              description="How much operation cost the key may spend each minute; leave empty for the plan's default"
              placeholder="Plan default"
              min={1}
              max={1_000_000}
              allowDecimal={false}
              allowNegative={false}
              thousandSeparator=","
              key={form.key('costPerMinute')}
              {...form.getInputProps('costPerMinute')}
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
