import { useMutation } from '@apollo/client/react';
import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { getFragmentData } from '../../gql';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { formatDateTime } from '../../ui/dates';
import { runMutation } from '../../ui/errors';
import { AgentDelete, DeletedItemFields } from './deleted-item.operations';

/** Deletes an agent softly, after asking; says until when it can be restored, then goes back to the list. */
export function DeleteAgentAction({ agent }: { agent: { id: string; name: string } }) {
  const [open, setOpen] = useState(false);
  const [messages, setMessages] = useState<string[] | null>(null);
  const [remove, { loading }] = useMutation(AgentDelete, { refetchQueries: ['Agents', 'RecentlyDeleted'] });
  const navigate = useNavigate();

  async function confirm() {
    const { payload, problems } = await runMutation(
      () => remove({ variables: { input: { id: agent.id } }, errorPolicy: 'all' }),
      (data) => data.agentDelete,
    );
    const deleted = getFragmentData(DeletedItemFields, payload?.deleted);
    if (problems.length || !deleted) {
      setMessages(problems.length ? problems : ['The agent could not be deleted.']);
      return;
    }
    setOpen(false);
    notifications.show({
      color: 'teal',
      title: `${deleted.name} deleted`,
      message: `It can be restored until ${formatDateTime(deleted.restorableUntil)} from Recently deleted.`,
    });
    navigate('/agents');
  }

  return (
    <>
      <Button variant="default" color="red" leftSection={<IconTrash size={16} />} onClick={() => setOpen(true)}>
        Delete
      </Button>
      <ConfirmModal
        opened={open}
        title={`Delete ${agent.name}?`}
        confirmLabel="Delete"
        danger
        busy={loading}
        messages={messages}
        onConfirm={() => void confirm()}
        onClose={() => {
          setOpen(false);
          setMessages(null);
        }}
      >
        It disappears from every list at once. It can be restored from Recently deleted until its plan’s retention period ends (the exact date is shown once
        deleted); after that it is purged for good.
      </ConfirmModal>
    </>
  );
}
