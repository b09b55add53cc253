import { useMutation } from '@apollo/client/react';
import { notifications } from '@mantine/notifications';
import { IconShieldOff } from '@tabler/icons-react';
import { useState } from 'react';
import { graphql } from '../../gql';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { runMutation } from '../../ui/errors';
import { RowAction } from '../../ui/RowActions';

export const MembershipMfaReset = graphql(`
  mutation MembershipMfaReset($input: MembershipMfaResetInput!) {
    membershipMfaReset(input: $input) {
      reset
      recoveryCodesCleared
      sessionsEnded
      userErrors {
        field
        message
        code
      }
    }
  }
`);

/**
 * A row action for member managers: resets another member's second factor (a lost phone), after asking. Their
 * authenticator and recovery codes stop working, they are signed out and mailed; they set up a new one at their next sign-in.
 */
export function ResetMfaAction({ member }: { member: { id: string; user: { fullName: string } } }) {
  const [open, setOpen] = useState(false);
  const [messages, setMessages] = useState<string[] | null>(null);
  const [reset, { loading }] = useMutation(MembershipMfaReset, {
    // The payload names no membership: the row's badge and this action go once the factor is gone.
    update(cache, { data }) {
      if (!data?.membershipMfaReset?.reset) return;
      cache.modify({ id: cache.identify({ __typename: 'Membership', id: member.id }), fields: { mfaEnabled: () => false } });
    },
  });
  const name = member.user.fullName;

  function close() {
    setOpen(false);
    setMessages(null);
  }

  async function confirm() {
    const { payload, problems } = await runMutation(
      () => reset({ variables: { input: { membershipId: member.id } }, errorPolicy: 'all' }),
      (data) => data.membershipMfaReset,
    );
    if (problems.length || !payload?.reset) return setMessages(problems.length ? problems : ['The second factor could not be reset.']);
    const ended = payload.sessionsEnded ?? 0;
    notifications.show({
      color: 'teal',
      title: 'Two-factor authentication reset',
      message: `${name} was signed out (${ended} session${ended === 1 ? '' : 's'}) and mailed; they set up a new authenticator when they next sign in.`,
    });
    close();
  }

  return (
    <>
      <RowAction
        label="Reset two-factor authentication"
        ariaLabel={`Reset the two-factor authentication of ${name}`}
        icon={<IconShieldOff size={16} />}
        danger
        onClick={() => setOpen(true)}
      />
      <ConfirmModal
        opened={open}
        title="Reset two-factor authentication"
        confirmLabel="Reset"
        danger
        busy={loading}
        messages={messages}
        onConfirm={() => void confirm()}
        onClose={close}
      >
        Reset the two-factor authentication of <b>{name}</b>? Their authenticator app and recovery codes stop working, they are signed out everywhere and told
        by email. Do this only when you know it is them who lost access (a lost phone).
      </ConfirmModal>
    </>
  );
}
