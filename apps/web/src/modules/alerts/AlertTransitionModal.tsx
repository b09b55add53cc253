import { useMutation } from '@apollo/client/react';
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { graphql } from '../../gql';
import type { AlertRowFragment } from '../../gql/graphql';
import { runMutation } from '../../ui/errors';
import type { AlertAction } from './AlertsTable';

export const AlertAcknowledge = graphql(`
  mutation AlertAcknowledge($input: AlertTransitionInput!) {
    alertAcknowledge(input: $input) {
      alert {
        id
        status
        note
        acknowledgedAt
        acknowledgedBy {
          id
          fullName
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

export const AlertResolve = graphql(`
  mutation AlertResolve($input: AlertTransitionInput!) {
    alertResolve(input: $input) {
      alert {
        id
        status
        note
        resolvedAt
        resolvedBy {
          id
          fullName
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

const TEXT: Record<AlertAction, { title: string; confirm: string; explain: string }> = {
  acknowledge: { title: 'Acknowledge alert', confirm: 'Acknowledge', explain: 'Tell the others someone is on it. The alert stays until it is resolved.' },
  resolve: { title: 'Resolve alert', confirm: 'Resolve', explain: 'Close the alert: nothing more needs doing about it.' },
};

/** Acknowledge or resolve, with an optional note that stays on the alert. */
export function AlertTransitionModal({
  target,
  onClose,
  onDone,
}: {
  target: { alert: AlertRowFragment; action: AlertAction } | null;
  onClose: () => void;
  onDone: (action: AlertAction) => void;
}) {
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [acknowledge, ackState] = useMutation(AlertAcknowledge);
  const [resolve, resolveState] = useMutation(AlertResolve);
  const [shownFor, setShownFor] = useState(target);
  if (target !== shownFor) {
    setShownFor(target);
    setNote('');
    setProblems([]);
  }
  const text = TEXT[target?.action ?? 'acknowledge'];

  async function confirm() {
    if (!target) return;
    const input = { alertId: target.alert.id, note: note.trim() || null };
    const { problems: messages } =
      target.action === 'acknowledge'
        ? await runMutation(
            () => acknowledge({ variables: { input }, errorPolicy: 'all' }),
            (data) => data.alertAcknowledge,
          )
        : await runMutation(
            () => resolve({ variables: { input }, errorPolicy: 'all' }),
            (data) => data.alertResolve,
          );
    if (messages.length) return setProblems(messages);
    onDone(target.action);
  }

  return (
    <Modal opened={target !== null} onClose={onClose} title={text.title} centered>
      <Stack>
        <Text size="sm" fw={500}>
          {target?.alert.message}
        </Text>
        <Text size="sm" c="dimmed">
          {text.explain}
        </Text>
        <Textarea
          label="Note"
          description="Optional; everyone who reads alerts sees it"
          placeholder="e.g. Paused the batch job that overran"
          autosize
          minRows={2}
          maxLength={500}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        {problems.length ? (
          <Alert color="red" role="alert">
            {problems.join(' ')}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={ackState.loading || resolveState.loading} data-autofocus>
            Cancel
          </Button>
          <Button onClick={() => void confirm()} loading={ackState.loading || resolveState.loading}>
            {text.confirm}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
