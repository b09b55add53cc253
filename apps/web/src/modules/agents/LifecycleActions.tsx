import { useMutation } from '@apollo/client/react';
import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconPlayerPause, IconPlayerPlay, IconRocket } from '@tabler/icons-react';
import { useState } from 'react';
import { AgentStatus } from '../../gql/graphql';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { messagesOf, runMutation } from '../../ui/errors';
import { type AgentChange, AgentArchive, AgentDeploy, AgentResume, AgentSuspend, readChange } from './agent.operations';
import { outcomeOf, type PolicyOutcomeValue } from './PolicyOutcome';
import { enumText } from '../../format/words';

type Lifecycle = 'deploy' | 'suspend' | 'resume' | 'archive';

const ACTIONS: Record<
  Lifecycle,
  { label: string; from: AgentStatus[]; confirm: (name: string) => string; done: string; danger?: boolean; icon: typeof IconRocket }
> = {
  deploy: {
    label: 'Deploy',
    from: [AgentStatus.Draft],
    confirm: (n) => `Deploy ${n}? It goes into service, if the policies in force allow it.`,
    done: 'deployed',
    icon: IconRocket,
  },
  suspend: {
    label: 'Suspend',
    from: [AgentStatus.Deployed],
    confirm: (n) => `Suspend ${n}? It stops serving until it is resumed.`,
    done: 'suspended',
    icon: IconPlayerPause,
  },
  resume: {
    label: 'Resume',
    from: [AgentStatus.Suspended],
    confirm: (n) => `Resume ${n}? It goes back into service, if the policies in force allow it.`,
    done: 'resumed',
    icon: IconPlayerPlay,
  },
  archive: {
    label: 'Archive',
    from: [AgentStatus.Draft, AgentStatus.Deployed, AgentStatus.Suspended],
    confirm: (n) => `Archive ${n}? It is retired for good: an archived agent is read-only and cannot be deployed again.`,
    done: 'archived',
    danger: true,
    icon: IconArchive,
  },
};

/** Refetched after every lifecycle change: the feed gets an event, violations may open or resolve, a request may open. */
const AFTER_CHANGE = ['AgentActivity', 'PolicyViolations', 'PendingApprovals', 'ApprovalInboxCount'];

/** Payload problems that are not policy findings: a refusal by a policy shows as findings instead. */
export function otherProblems(payload: Pick<AgentChange, 'userErrors' | 'policyViolations'> | null | undefined, error?: unknown): string[] {
  const userErrors = payload?.policyViolations.length ? payload.userErrors.filter((e) => e.code !== 'POLICY_VIOLATION') : payload?.userErrors;
  return messagesOf(userErrors, error);
}

/** The lifecycle buttons the agent's status allows, each asking first, with an optional reason for the audit log. */
export function LifecycleActions({
  agent,
  onOutcome,
}: {
  agent: { id: string; name: string; status: AgentStatus };
  onOutcome: (outcome: PolicyOutcomeValue | null) => void;
}) {
  const [pending, setPending] = useState<Lifecycle | null>(null);
  const [reason, setReason] = useState('');
  const [messages, setMessages] = useState<string[] | null>(null);
  const options = { refetchQueries: AFTER_CHANGE };
  const [deploy, deployState] = useMutation(AgentDeploy, options);
  const [suspend, suspendState] = useMutation(AgentSuspend, options);
  const [resume, resumeState] = useMutation(AgentResume, options);
  const [archive, archiveState] = useMutation(AgentArchive, options);
  const busy = deployState.loading || suspendState.loading || resumeState.loading || archiveState.loading;
  const available = (Object.keys(ACTIONS) as Lifecycle[]).filter((a) => ACTIONS[a].from.includes(agent.status));

  function close() {
    setPending(null);
    setReason('');
    setMessages(null);
  }

  async function run(action: Lifecycle): Promise<{ data?: AgentChange | null; error?: unknown }> {
    const variables = { input: { agentId: agent.id, reason: reason.trim() || null } };
    switch (action) {
      case 'deploy': {
        const { data, error } = await deploy({ variables, errorPolicy: 'all' });
        return { data: readChange(data?.agentDeploy), error };
      }
      case 'suspend': {
        const { data, error } = await suspend({ variables, errorPolicy: 'all' });
        return { data: readChange(data?.agentSuspend), error };
      }
      case 'resume': {
        const { data, error } = await resume({ variables, errorPolicy: 'all' });
        return { data: readChange(data?.agentResume), error };
      }
      case 'archive': {
        const { data, error } = await archive({ variables, errorPolicy: 'all' });
        return { data: readChange(data?.agentArchive), error };
      }
    }
  }

  async function confirm() {
    if (!pending) return;
    const action = pending;
    const { payload, problems } = await runMutation(
      () => run(action),
      (result) => result,
    );
    if (payload?.policyViolations.length || payload?.heldForApproval) {
      onOutcome(outcomeOf(action, payload));
      if (payload.heldForApproval)
        notifications.show({ color: 'violet', title: 'Waiting for approval', message: `${agent.name} is unchanged until someone approves the request.` });
      close();
      return;
    }
    if (problems.length || !payload?.agent) {
      setMessages(problems.length ? problems : ['Steward did not answer with the agent; try again.']);
      return;
    }
    onOutcome(payload.policyWarnings.length ? { action, blocked: [], warnings: payload.policyWarnings } : null);
    notifications.show({ color: 'teal', title: `Agent ${ACTIONS[action].done}`, message: `${agent.name} is now ${enumText(payload.agent.status)}.` });
    close();
  }

  if (!available.length) return null;
  return (
    <>
      <Group gap="xs">
        {available.map((action) => {
          const { label, danger, icon: Icon } = ACTIONS[action];
          return (
            <Button
              key={action}
              variant={danger ? 'light' : action === 'deploy' || action === 'resume' ? 'filled' : 'default'}
              color={danger ? 'red' : undefined}
              leftSection={<Icon size={16} />}
              onClick={() => {
                onOutcome(null);
                setPending(action);
              }}
            >
              {label}
            </Button>
          );
        })}
      </Group>
      <ConfirmModal
        opened={pending !== null}
        title={pending ? `${ACTIONS[pending].label} ${agent.name}` : ''}
        confirmLabel={pending ? ACTIONS[pending].label : ''}
        danger={pending ? Boolean(ACTIONS[pending].danger) : false}
        busy={busy}
        messages={messages}
        onConfirm={() => void confirm()}
        onClose={close}
      >
        <Stack gap="sm">
          <Text size="sm">{pending ? ACTIONS[pending].confirm(agent.name) : null}</Text>
          <TextInput
            label="Reason"
            description="Optional; kept in the audit log"
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
        </Stack>
      </ConfirmModal>
    </>
  );
}
