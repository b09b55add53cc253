import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { IconRefreshDot } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { graphql } from '../../gql';
import { PolicyEvaluationRunStatus } from '../../gql/graphql';
import { messagesOf } from '../../ui/errors';

const PolicyReevaluate = graphql(`
  mutation PolicyReevaluate($input: PolicyReevaluateInput!) {
    policyReevaluate(input: $input) {
      run {
        ...EvaluationRunProgress
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const EvaluationRunProgress = graphql(`
  fragment EvaluationRunProgress on PolicyEvaluationRun {
    id
    status
    processed
    total
    violationsFound
    errors
    failure
    startedAt
    finishedAt
    policyVersion
  }
`);

export const PolicyEvaluationRunQuery = graphql(`
  query PolicyEvaluationRun($id: ID!) {
    policyEvaluationRun(id: $id) {
      ...EvaluationRunProgress
    }
  }
`);

export const POLL_MS = 750;
/** What shows the run's outcome once it is over: the policy's counts and its violations. */
const AFTER_RUN = ['PolicyDetail', 'PolicyViolations', 'Policies'];

/**
 * Re-evaluates the policy against every agent in its scope, on demand. The run works in batches on
 * the server; the bar follows it by polling until it succeeds or fails.
 */
export function Reevaluation({ policyId, active }: { policyId: string; active: boolean }) {
  const [runId, setRunId] = useState<string | null>(null);
  const [messages, setMessages] = useState<string[]>([]);
  const [start, startState] = useMutation(PolicyReevaluate);
  const { data, startPolling, stopPolling, client } = useQuery(PolicyEvaluationRunQuery, { variables: { id: runId ?? '' }, skip: !runId, fetchPolicy: 'network-only', notifyOnNetworkStatusChange: false });
  const run = data?.policyEvaluationRun;
  const running = run?.status === PolicyEvaluationRunStatus.Running;

  const status = run?.status;
  useEffect(() => {
    if (!runId) return;
    if (!status || status === PolicyEvaluationRunStatus.Running) {
      startPolling(POLL_MS);
      return () => stopPolling();
    }
    void client.refetchQueries({ include: AFTER_RUN });
    return undefined;
  }, [runId, status, startPolling, stopPolling, client]);

  async function reevaluate() {
    setMessages([]);
    try {
      const result = await start({ variables: { input: { policyId } }, errorPolicy: 'all' });
      const payload = result.data?.policyReevaluate;
      const problems = messagesOf(payload?.userErrors, result.error);
      if (problems.length || !payload?.run) return setMessages(problems.length ? problems : ['The re-evaluation did not start; try again.']);
      setRunId(payload.run.id);
    } catch (error) {
      setMessages(messagesOf(null, error));
    }
  }

  const percent = run && run.total > 0 ? Math.round((run.processed / run.total) * 100) : run?.status === PolicyEvaluationRunStatus.Succeeded ? 100 : 0;
  return (
    <Stack gap="xs">
      <Group>
        <Button variant="light" leftSection={<IconRefreshDot size={16} />} loading={startState.loading} disabled={!active || running} onClick={() => void reevaluate()}>
          Re-evaluate now
        </Button>
        {!active ? (
          <Text size="xs" c="dimmed">
            Activate the policy to re-evaluate it.
          </Text>
        ) : null}
      </Group>
      {messages.length ? (
        <Alert color="red" role="alert">
          {messages.join(' ')}
        </Alert>
      ) : null}
      {runId ? (
        <Stack gap={4} data-testid="reevaluation" data-status={run?.status ?? 'starting'}>
          <Progress
            value={percent}
            animated={running || !run}
            striped={running || !run}
            color={run?.status === PolicyEvaluationRunStatus.Failed ? 'red' : run?.status === PolicyEvaluationRunStatus.Succeeded ? 'teal' : 'blue'}
            size="lg"
            aria-label="Re-evaluation progress"
          />
          <Text size="sm" c={run?.status === PolicyEvaluationRunStatus.Failed ? 'red' : undefined}>
            {!run
              ? 'Starting…'
              : run.status === PolicyEvaluationRunStatus.Failed
                ? `Failed after ${run.processed} of ${run.total} agents: ${run.failure ?? 'unknown error'}`
                : `${run.status === PolicyEvaluationRunStatus.Running ? 'Judging' : 'Judged'} ${run.processed} of ${run.total} agents in scope (version ${run.policyVersion}): ${run.violationsFound} violation${run.violationsFound === 1 ? '' : 's'}, ${run.errors} error${run.errors === 1 ? '' : 's'}`}
          </Text>
        </Stack>
      ) : null}
    </Stack>
  );
}
