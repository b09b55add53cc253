import { useMutation, useQuery } from '@apollo/client/react';
import { Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { allowed, roleLabel } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
import { graphql } from '../../gql';
import type { RolesPageQuery } from '../../gql/graphql';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { runMutation } from '../../ui/errors';
import { ListState } from '../../ui/ListState';
import { PageHeader } from '../../ui/PageHeader';
import { ActionsHeader, RowAction } from '../../ui/RowActions';
import { When } from '../../ui/When';
import { holdersText, PERMISSION_LABELS } from './labels';
import { type EditedRole, RoleFormModal } from './RoleFormModal';

export const RolesQuery = graphql(`
  query RolesPage {
    permissions {
      name
      description
      implies
    }
    systemRoles {
      role
      description
      permissions
    }
    customRoles {
      id
      name
      description
      permissions
      memberCount
      apiKeyCount
      invitationCount
      updatedAt
    }
  }
`);

const CustomRoleDelete = graphql(`
  mutation CustomRoleDelete($input: CustomRoleDeleteInput!) {
    customRoleDelete(input: $input) {
      deletedCustomRoleId
      userErrors {
        field
        message
        code
      }
    }
  }
`);

type CustomRoleRow = NonNullable<RolesPageQuery['customRoles']>[number];

function PermissionBadges({ permissions }: { permissions: readonly (keyof typeof PERMISSION_LABELS)[] }) {
  if (!permissions.length)
    return (
      <Text size="xs" c="dimmed">
        Reads the inventory only
      </Text>
    );
  return (
    <Group gap={4}>
      {permissions.map((p) => (
        <Badge key={p} size="sm" variant="outline" tt="none">
          {PERMISSION_LABELS[p]}
        </Badge>
      ))}
    </Group>
  );
}

export default function RolesPage() {
  const viewer = useViewer();
  const manage = allowed(viewer, 'roles.manage');
  // Holders change on other pages (members, API keys): counted afresh on every visit.
  const { data, loading, error, refetch } = useQuery(RolesQuery, { errorPolicy: 'all', fetchPolicy: 'cache-and-network' });
  const [editing, setEditing] = useState<EditedRole | 'new' | null>(null);
  const [deleting, setDeleting] = useState<CustomRoleRow | null>(null);
  const [problem, setProblem] = useState<string[] | null>(null);
  const [remove, removeState] = useMutation(CustomRoleDelete, { refetchQueries: [RolesQuery] });
  const details = data?.permissions ?? [];
  const custom = data?.customRoles ?? [];

  async function confirmDelete() {
    if (!deleting) return;
    const { problems } = await runMutation(
      () => remove({ variables: { input: { customRoleId: deleting.id } }, errorPolicy: 'all' }),
      (result) => result.customRoleDelete,
    );
    if (problems.length) return setProblem(problems);
    notifications.show({ color: 'teal', title: 'Role deleted', message: `${deleting.name} is gone.` });
    setDeleting(null);
  }

  const deletingHolders = deleting ? holdersText(deleting) : null;
  return (
    <>
      <PageHeader
        title="Roles"
        description="A role is a set of permissions. The built-in roles are fixed; your own roles take exactly the permissions you choose."
        actions={
          manage ? (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing('new')}>
              Create role
            </Button>
          ) : null
        }
      />
      <Stack>
        <Card withBorder padding="md">
          <Title order={2} size="h4" mb="sm">
            Custom roles
          </Title>
          <ListState
            loading={loading && !data}
            error={error}
            empty={data !== undefined && custom.length === 0}
            emptyTitle="No custom roles yet"
            emptyDescription={manage ? 'Create one to give a member or an API key exactly the permissions it needs.' : undefined}
            what="roles"
            onRetry={() => void refetch()}
          >
            <Table.ScrollContainer minWidth={720}>
              <Table verticalSpacing="sm" aria-label="Custom roles">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Role</Table.Th>
                    <Table.Th>Permissions</Table.Th>
                    <Table.Th>Held by</Table.Th>
                    <Table.Th>Changed</Table.Th>
                    {manage ? <ActionsHeader w={80} /> : null}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {custom.map((role) => (
                    <Table.Tr key={role.id} data-testid="custom-role-row">
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {role.name}
                        </Text>
                        {role.description ? (
                          <Text size="xs" c="dimmed">
                            {role.description}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <PermissionBadges permissions={role.permissions} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{holdersText(role) ?? 'Nobody'}</Text>
                      </Table.Td>
                      <Table.Td>
                        <When at={role.updatedAt} />
                      </Table.Td>
                      {manage ? (
                        <Table.Td>
                          <Group gap={4} wrap="nowrap">
                            <RowAction
                              label="Edit"
                              ariaLabel={`Edit ${role.name}`}
                              icon={<IconPencil size={16} />}
                              onClick={() => setEditing({ id: role.id, name: role.name, description: role.description, permissions: role.permissions })}
                            />
                            <RowAction
                              label="Delete"
                              ariaLabel={`Delete ${role.name}`}
                              icon={<IconTrash size={16} />}
                              danger
                              onClick={() => setDeleting(role)}
                            />
                          </Group>
                        </Table.Td>
                      ) : null}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </ListState>
        </Card>
        <Card withBorder padding="md">
          <Title order={2} size="h4" mb={4}>
            System roles
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            Built in and not editable.
          </Text>
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" aria-label="System roles">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Permissions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(data?.systemRoles ?? []).map((role) => (
                  <Table.Tr key={role.role}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {roleLabel(role.role)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {role.description}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <PermissionBadges permissions={role.permissions} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      </Stack>
      {manage && editing ? (
        <RoleFormModal
          key={editing === 'new' ? 'new' : editing.id}
          role={editing === 'new' ? null : editing}
          details={details}
          opened
          onClose={() => setEditing(null)}
          refetch={[RolesQuery]}
        />
      ) : null}
      <ConfirmModal
        opened={deleting !== null}
        title="Delete role"
        confirmLabel="Delete"
        danger
        busy={removeState.loading}
        messages={problem}
        onConfirm={() => void confirmDelete()}
        onClose={() => {
          setDeleting(null);
          setProblem(null);
        }}
      >
        {deleting ? (
          deletingHolders ? (
            <>
              <b>{deleting.name}</b> is held by {deletingHolders}. Give them another role first: Steward refuses to delete a role in use.
            </>
          ) : (
            <>
              Delete <b>{deleting.name}</b>? Nobody holds it; this cannot be undone.
            </>
          )
        ) : null}
      </ConfirmModal>
    </>
  );
}
