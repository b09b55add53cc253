import { useMutation } from '@apollo/client/react';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { runMutation } from '../../ui/errors';
import { PolicyViolationWaiverRevoke } from './violation.operations';

interface Waived {
  id: string;
  ruleName: string;
  agentName: string;
}

/** Asks before revoking a violation's waiver; open while `violation` is set. `refetch` names the queries that show the outcome. */
export function RevokeWaiverModal({ violation, refetch, onClose }: { violation: Waived | null; refetch: string[]; onClose: () => void }) {
  const [messages, setMessages] = useState<string[] | null>(null);
  const [revoke, revokeState] = useMutation(PolicyViolationWaiverRevoke, { refetchQueries: refetch });

  function close() {
    setMessages(null);
    onClose();
  }

  async function confirm() {
    if (!violation) return;
    const { problems } = await runMutation(
      () => revoke({ variables: { input: { violationId: violation.id } }, errorPolicy: 'all' }),
      (data) => data.policyViolationWaiverRevoke,
    );
    if (problems.length) return setMessages(problems);
    notifications.show({ color: 'teal', title: 'Waiver revoked', message: `The rule “${violation.ruleName}” applies to ${violation.agentName} again.` });
    close();
  }

  return (
    <ConfirmModal
      opened={violation !== null}
      title="Revoke waiver"
      confirmLabel="Revoke waiver"
      danger
      busy={revokeState.loading}
      messages={messages}
      onConfirm={() => void confirm()}
      onClose={close}
    >
      Revoke the waiver of “{violation?.ruleName}” for <b>{violation?.agentName}</b>? The rule applies to the agent again: a block blocks it, and its violations
      count against compliance.
    </ConfirmModal>
  );
}
