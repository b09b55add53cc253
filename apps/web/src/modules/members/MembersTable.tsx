import { useMutation } from '@apollo/client/react';
import { Badge, Group, Select, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { allowed } from '../../app/access';
import { heldRoleLabel, heldRoleValue, roleChoice, useRoleOptions } from '../../app/held-role';
import { useViewer } from '../../app/shell/viewer';
import { graphql } from '../../gql';
import type { MemberRowFragment } from '../../gql/graphql';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { runMutation } from '../../ui/errors';
import { ActionsHeader, RowAction } from '../../ui/RowActions';
import { When } from '../../ui/When';

export const MemberRow = graphql(`
  fragment MemberRow on Membership {
    id
    role
    customRole {
      id
      name
    }
    createdAt
    user {
      id
      fullName
      email @include(if: $withEmail)
      lastLoginAt @include(if: $withLastLogin)
    }
  }
`);

const MembershipRoleChange = graphql(`
  mutation MembershipRoleChange($input: MembershipRoleChangeInput!) {
    membershipRoleChange(input: $input) {
      membership {
        id
        role
        customRole {
          id
          name
        }
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

const MembershipRemove = graphql(`
  mutation MembershipRemove($input: MembershipRemoveInput!) {
    membershipRemove(input: $input) {
      removedMembershipId
      userErrors {
        field
        message
        code
      }
    }
  }
`);

type Pending = { kind: 'role'; member: MemberRowFragment; role: string } | { kind: 'remove'; member: MemberRowFragment };

export function MembersTable({ members }: { members: readonly MemberRowFragment[] }) {
  const viewer = useViewer();
  const manage = allowed(viewer, 'members.manage');
  const withEmail = allowed(viewer, 'members.readEmail');
  const withLastLogin = allowed(viewer, 'members.readLastLogin');
  const { options: roleOptions, labelOf } = useRoleOptions();
  const [pending, setPending] = useState<Pending | null>(null);
  const [problem, setProblem] = useState<string[] | null>(null);
  const [changeRole, roleState] = useMutation(MembershipRoleChange);
  const [remove, removeState] = useMutation(MembershipRemove, {
    update(cache, { data }) {
      const removed = data?.membershipRemove?.removedMembershipId;
      if (!removed) return;
      cache.evict({ id: cache.identify({ __typename: 'Membership', id: removed }) });
      cache.modify({
        fields: {
          members(existing) {
            if (existing && typeof existing === 'object' && 'totalCount' in existing && typeof existing.totalCount === 'number') {
              return { ...existing, totalCount: existing.totalCount - 1 };
            }
            return existing;
          },
        },
      });
      cache.gc();
    },
  });

  function close() {
    setPending(null);
    setProblem(null);
  }

  async function confirm() {
    if (!pending) return;
    const name = pending.member.user.fullName;
    if (pending.kind === 'role') {
      const role = pending.role;
      const { problems } = await runMutation(
        () => changeRole({ variables: { input: { membershipId: pending.member.id, ...roleChoice(role) } }, errorPolicy: 'all' }),
        (data) => data.membershipRoleChange,
      );
      if (problems.length) return setProblem(problems);
      notifications.show({ color: 'teal', title: 'Role changed', message: `${name} is now ${labelOf(role).toLowerCase()}.` });
    } else {
      const { problems } = await runMutation(
        () => remove({ variables: { input: { membershipId: pending.member.id } }, errorPolicy: 'all' }),
        (data) => data.membershipRemove,
      );
      if (problems.length) return setProblem(problems);
      notifications.show({ color: 'teal', title: 'Member removed', message: `${name} no longer belongs to ${viewer.tenant?.name ?? 'the tenant'}.` });
    }
    close();
  }

  return (
    <>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="sm" highlightOnHover aria-label="Members">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Joined</Table.Th>
              {withLastLogin ? <Table.Th>Last sign-in</Table.Th> : null}
              {manage ? <ActionsHeader w={60} /> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.map((member) => {
              const self = member.user.id === viewer.user?.id;
              return (
                <Table.Tr key={member.id} data-testid="member-row">
                  <Table.Td>
                    <Stack gap={0}>
                      <Group gap={6}>
                        <Text size="sm" fw={500}>
                          {member.user.fullName}
                        </Text>
                        {self ? (
                          <Badge size="xs" variant="outline">
                            you
                          </Badge>
                        ) : null}
                      </Group>
                      {withEmail && member.user.email ? (
                        <Text size="xs" c="dimmed">
                          {member.user.email}
                        </Text>
                      ) : null}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    {manage ? (
                      <Select
                        size="xs"
                        w={180}
                        data={roleOptions}
                        value={heldRoleValue(member)}
                        allowDeselect={false}
                        aria-label={`Role of ${member.user.fullName}`}
                        onChange={(value) => {
                          if (value && value !== heldRoleValue(member)) setPending({ kind: 'role', member, role: value });
                        }}
                      />
                    ) : (
                      <Badge variant="light">{heldRoleLabel(member)}</Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <When at={member.createdAt} />
                  </Table.Td>
                  {withLastLogin ? (
                    <Table.Td>
                      <When at={member.user.lastLoginAt} never="Never" />
                    </Table.Td>
                  ) : null}
                  {manage ? (
                    <Table.Td>
                      <RowAction
                        label={`Remove ${member.user.fullName}`}
                        ariaLabel={`Remove ${member.user.fullName}`}
                        icon={<IconTrash size={16} />}
                        danger
                        onClick={() => setPending({ kind: 'remove', member })}
                      />
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ConfirmModal
        opened={pending !== null}
        title={pending?.kind === 'remove' ? 'Remove member' : 'Change role'}
        confirmLabel={pending?.kind === 'remove' ? 'Remove' : 'Change role'}
        busy={roleState.loading || removeState.loading}
        danger={pending?.kind === 'remove'}
        messages={problem}
        onConfirm={() => void confirm()}
        onClose={close}
      >
        {pending?.kind === 'remove' ? (
          <>
            Remove <b>{pending.member.user.fullName}</b> from {viewer.tenant?.name}? They lose access at once; their past actions stay in the audit log.
          </>
        ) : pending ? (
          <>
            Change <b>{pending.member.user.fullName}</b> from {heldRoleLabel(pending.member).toLowerCase()} to <b>{labelOf(pending.role).toLowerCase()}</b>? It
            applies to their next request.
          </>
        ) : null}
      </ConfirmModal>
    </>
  );
}
