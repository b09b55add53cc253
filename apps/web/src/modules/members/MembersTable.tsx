import { useMutation } from '@apollo/client/react';
import { Badge, Group, Select, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLogout, IconTrash, IconUserCheck, IconUserOff } from '@tabler/icons-react';
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
import { ResetMfaAction } from './ResetMfaAction';
import { PersonalDataActions } from '../personal-data/public';

export const MemberRow = graphql(`
  fragment MemberRow on Membership {
    id
    role
    customRole {
      id
      name
    }
    createdAt
    mfaEnabled @include(if: $withMfa)
    user {
      id
      fullName
      isActive
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

const MembershipSessionsEnd = graphql(`
  mutation MembershipSessionsEnd($input: MembershipAccountInput!) {
    membershipSessionsEnd(input: $input) {
      endedCount
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const MembershipAccountDeactivate = graphql(`
  mutation MembershipAccountDeactivate($input: MembershipAccountInput!) {
    membershipAccountDeactivate(input: $input) {
      membership {
        id
        user {
          id
          isActive
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

const MembershipAccountReactivate = graphql(`
  mutation MembershipAccountReactivate($input: MembershipAccountInput!) {
    membershipAccountReactivate(input: $input) {
      membership {
        id
        user {
          id
          isActive
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

type Pending =
  { kind: 'role'; member: MemberRowFragment; role: string } | { kind: 'remove' | 'signOut' | 'deactivate' | 'reactivate'; member: MemberRowFragment };

const TITLES: Record<Pending['kind'], [title: string, confirm: string]> = {
  role: ['Change role', 'Change role'],
  remove: ['Remove member', 'Remove'],
  signOut: ['Sign out everywhere', 'Sign out everywhere'],
  deactivate: ['Deactivate account', 'Deactivate'],
  reactivate: ['Reactivate account', 'Reactivate'],
};

export function MembersTable({ members }: { members: readonly MemberRowFragment[] }) {
  const viewer = useViewer();
  const manage = allowed(viewer, 'members.manage');
  const withEmail = allowed(viewer, 'members.readEmail');
  const withLastLogin = allowed(viewer, 'members.readLastLogin');
  const { options: roleOptions, labelOf } = useRoleOptions();
  const [pending, setPending] = useState<Pending | null>(null);
  const [problem, setProblem] = useState<string[] | null>(null);
  const [changeRole, roleState] = useMutation(MembershipRoleChange);
  const [endSessions, endSessionsState] = useMutation(MembershipSessionsEnd);
  const [deactivate, deactivateState] = useMutation(MembershipAccountDeactivate);
  const [reactivate, reactivateState] = useMutation(MembershipAccountReactivate);
  const [remove, removeState] = useMutation(MembershipRemove, {
    update(cache, { data }) {
      const removed = data?.membershipRemove?.removedMembershipId;
      if (!removed) return;
      cache.evict({ id: cache.identify({ __typename: 'Membership', id: removed }) });
      cache.evict({ id: 'ROOT_QUERY', fieldName: 'recentlyDeleted' });
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
    } else if (pending.kind === 'signOut') {
      const { payload, problems } = await runMutation(
        () => endSessions({ variables: { input: { membershipId: pending.member.id } }, errorPolicy: 'all' }),
        (result) => result.membershipSessionsEnd,
      );
      if (problems.length) return setProblem(problems);
      const ended = payload?.endedCount ?? 0;
      notifications.show({ color: 'teal', title: 'Signed out everywhere', message: `${name}: ${ended} session${ended === 1 ? '' : 's'} ended.` });
    } else if (pending.kind === 'deactivate' || pending.kind === 'reactivate') {
      const variables = { input: { membershipId: pending.member.id } };
      const { problems } =
        pending.kind === 'deactivate'
          ? await runMutation(
              () => deactivate({ variables, errorPolicy: 'all' }),
              (result) => result.membershipAccountDeactivate,
            )
          : await runMutation(
              () => reactivate({ variables, errorPolicy: 'all' }),
              (result) => result.membershipAccountReactivate,
            );
      if (problems.length) return setProblem(problems);
      notifications.show({
        color: 'teal',
        title: pending.kind === 'deactivate' ? 'Account deactivated' : 'Account reactivated',
        message: pending.kind === 'deactivate' ? `${name} is signed out and can no longer sign in.` : `${name} can sign in again.`,
      });
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
              {manage ? <ActionsHeader w={140} /> : null}
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
                        {member.mfaEnabled ? (
                          <Badge size="xs" color="teal" variant="light" title="Two-factor authentication is on">
                            2FA<VisuallyHidden> (two-factor authentication on)</VisuallyHidden>
                          </Badge>
                        ) : null}
                        {member.user.isActive ? null : (
                          <Badge size="xs" color="red" variant="light">
                            deactivated
                          </Badge>
                        )}
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
                      <Group gap={2} wrap="nowrap">
                        {self ? null : (
                          <RowAction
                            label="Sign out everywhere"
                            ariaLabel={`Sign ${member.user.fullName} out everywhere`}
                            icon={<IconLogout size={16} />}
                            onClick={() => setPending({ kind: 'signOut', member })}
                          />
                        )}
                        {/* Only where there is a factor to reset: a member without one would be refused. */}
                        {self || !member.mfaEnabled ? null : <ResetMfaAction member={member} />}
                        {self ? null : member.user.isActive ? (
                          <RowAction
                            label="Deactivate account"
                            ariaLabel={`Deactivate the account of ${member.user.fullName}`}
                            icon={<IconUserOff size={16} />}
                            danger
                            onClick={() => setPending({ kind: 'deactivate', member })}
                          />
                        ) : (
                          <RowAction
                            label="Reactivate account"
                            ariaLabel={`Reactivate the account of ${member.user.fullName}`}
                            icon={<IconUserCheck size={16} />}
                            onClick={() => setPending({ kind: 'reactivate', member })}
                          />
                        )}
                        <RowAction
                          label={`Remove ${member.user.fullName}`}
                          ariaLabel={`Remove ${member.user.fullName}`}
                          icon={<IconTrash size={16} />}
                          danger
                          onClick={() => setPending({ kind: 'remove', member })}
                        />
                        <PersonalDataActions member={{ userId: member.user.id, fullName: member.user.fullName, email: member.user.email ?? null }} />
                      </Group>
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
        title={pending ? TITLES[pending.kind][0] : ''}
        confirmLabel={pending ? TITLES[pending.kind][1] : ''}
        busy={roleState.loading || removeState.loading || endSessionsState.loading || deactivateState.loading || reactivateState.loading}
        danger={pending?.kind === 'remove' || pending?.kind === 'deactivate'}
        messages={problem}
        onConfirm={() => void confirm()}
        onClose={close}
      >
        {pending?.kind === 'remove' ? (
          <>
            Remove <b>{pending.member.user.fullName}</b> from {viewer.tenant?.name}? They lose access at once; an admin can restore them from Recently deleted
            within your plan's restore period. Their past actions stay in the audit log.
          </>
        ) : pending?.kind === 'signOut' ? (
          <>
            Sign <b>{pending.member.user.fullName}</b> out on every device? Each of their sessions ends at once; they can sign in again.
          </>
        ) : pending?.kind === 'deactivate' ? (
          <>
            Deactivate the account of <b>{pending.member.user.fullName}</b>? They are signed out at once and can no longer sign in, by password or single
            sign-on, until an admin reactivates it.
          </>
        ) : pending?.kind === 'reactivate' ? (
          <>
            Reactivate the account of <b>{pending.member.user.fullName}</b>? They can sign in again with the role they hold.
          </>
        ) : pending?.kind === 'role' ? (
          <>
            Change <b>{pending.member.user.fullName}</b> from {heldRoleLabel(pending.member).toLowerCase()} to <b>{labelOf(pending.role).toLowerCase()}</b>? It
            applies to their next request.
          </>
        ) : null}
      </ConfirmModal>
    </>
  );
}
