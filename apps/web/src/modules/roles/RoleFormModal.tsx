import { useMutation } from '@apollo/client/react';
import { Checkbox, Modal, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { hasLength, useForm } from '@mantine/form';
import { useViewer } from '../../app/shell/viewer';
import { graphql } from '../../gql';
import type { PermissionName } from '../../gql/graphql';
import { FormActions, FormProblems } from '../../ui/FormActions';
import { useFormMutation } from '../../ui/useFormMutation';
import { PERMISSION_LABELS } from './labels';
import { type PermissionDetail, RolePreview } from './RolePreview';

const CustomRoleCreate = graphql(`
  mutation CustomRoleCreate($input: CustomRoleCreateInput!) {
    customRoleCreate(input: $input) {
      customRole {
        id
        name
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const CustomRoleUpdate = graphql(`
  mutation CustomRoleUpdate($input: CustomRoleUpdateInput!) {
    customRoleUpdate(input: $input) {
      customRole {
        id
        name
        description
        permissions
        updatedAt
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export interface EditedRole {
  id: string;
  name: string;
  description: string;
  permissions: readonly PermissionName[];
}

interface RoleValues {
  name: string;
  description: string;
  permissions: PermissionName[];
}

const FIELDS = ['name', 'description', 'permissions'];

/** Makes a custom role, or changes one; what holders can do shows beside the choice, before it is saved. */
export function RoleFormModal({
  role,
  details,
  opened,
  onClose,
  refetch,
}: {
  role: EditedRole | null;
  details: readonly PermissionDetail[];
  opened: boolean;
  onClose: () => void;
  refetch: unknown[];
}) {
  const viewer = useViewer();
  const held = new Set(viewer.permissions ?? []);
  const [create] = useMutation(CustomRoleCreate, { refetchQueries: refetch as never });
  const [update] = useMutation(CustomRoleUpdate, { refetchQueries: refetch as never });
  const form = useForm<RoleValues>({
    mode: 'controlled',
    initialValues: { name: role?.name ?? '', description: role?.description ?? '', permissions: [...(role?.permissions ?? [])] },
    validate: {
      name: hasLength({ min: 1, max: 60 }, 'Give the role a name of up to 60 characters, e.g. "Agent operator"'),
      description: hasLength({ max: 500 }, 'At most 500 characters'),
    },
    transformValues: (values) => ({ ...values, name: values.name.trim(), description: values.description.trim() }),
  });

  const { submit, submitting, problems, close } = useFormMutation({
    form,
    send: async (values) => {
      if (role) {
        const { data, error } = await update({ variables: { input: { customRoleId: role.id, ...values } }, errorPolicy: 'all' });
        return { payload: data?.customRoleUpdate, error };
      }
      const { data, error } = await create({ variables: { input: values }, errorPolicy: 'all' });
      return { payload: data?.customRoleCreate, error };
    },
    result: (payload) => payload.customRole,
    fields: FIELDS,
    toast: (saved) => ({ title: role ? 'Role saved' : 'Role created', message: `${saved.name}: its holders get these permissions at their next request.` }),
    onClose,
  });

  const chosen = form.getValues().permissions;
  return (
    <Modal opened={opened} onClose={close} title={role ? `Edit role "${role.name}"` : 'Create a role'} centered size="xl">
      <form onSubmit={submit} noValidate>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xl">
          <Stack>
            <TextInput label="Name" placeholder="Agent operator" required data-autofocus key={form.key('name')} {...form.getInputProps('name')} />
            <Textarea
              label="Description"
              placeholder="What the role is for"
              autosize
              minRows={2}
              key={form.key('description')}
              {...form.getInputProps('description')}
            />
            <Checkbox.Group
              label="Permissions"
              description="Only permissions you hold yourself can be given"
              key={form.key('permissions')}
              {...form.getInputProps('permissions')}
            >
              <Stack gap="xs" mt="xs">
                {details.map((p) => (
                  <Checkbox
                    key={p.name}
                    value={p.name}
                    disabled={!held.has(p.name)}
                    label={PERMISSION_LABELS[p.name]}
                    description={
                      <Text component="span" size="xs" c="dimmed">
                        {p.description}
                      </Text>
                    }
                  />
                ))}
              </Stack>
            </Checkbox.Group>
          </Stack>
          <RolePreview chosen={chosen} details={details} />
        </SimpleGrid>
        <Stack mt="md">
          <FormProblems messages={problems} />
          <FormActions onCancel={close} submitting={submitting} submitLabel={role ? 'Save role' : 'Create role'} />
        </Stack>
      </form>
    </Modal>
  );
}
