import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { Alert, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { IconRefreshDot } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useLiveAvailable, useLiveStatus } from '../../app/apollo/LiveProvider';
import { getFragmentData, graphql } from '../../gql';
import { PolicyEvaluationRunStatus } from '../../gql/graphql';
import { runMutation } from '../../ui/errors';

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

/** The policy's runs as they move on (queued, started, each batch committed, over), from the live connection. */
export const PolicyEvaluationRunChanged = graphql(`
  subscription PolicyEvaluationRunChanged($policyId: ID!) {
    policyEvaluationRunChanged(policyId: $policyId) {
      ...EvaluationRunProgress
    }
  }
`);

/** How often the bar asks for the run while the live connection is down. */
export const POLL_MS = 750;
/** What shows the run's outcome once it is over: the policy's counts and its violations (live lists place violations themselves). */
const AFTER_RUN = ['PolicyDetail', 'PolicyViolations', 'Policies'];
const AFTER_RUN_LIVE = ['PolicyDetail'];

const UNDER_WAY: (PolicyEvaluationRunStatus | undefined)[] = [PolicyEvaluationRunStatus.Queued, PolicyEvaluationRunStatus.Running];

/**
 * The policy's re-evaluation: every change of what it judges queues one on the server's job queue,
 * and "Re-evaluate now" queues one on demand (here or by someone else). The run works in batches;
 * the bar reads the newest run once, then follows it from the live connection (the run's updates
 * merge into the cache by id), reading it again after a reconnect; it polls only while the
 * connection is down.
 */
export function Reevaluation({ policyId, active, latestRunId }: { policyId: string; active: boolean; latestRunId: string | null }) {
  const [runId, setRunId] = useState<string | null>(latestRunId);
  const [seenLatestRunId, setSeenLatestRunId] = useState(latestRunId);
  if (latestRunId !== seenLatestRunId) {
    setSeenLatestRunId(latestRunId);
    if (latestRunId) setRunId(latestRunId);
  }
  const [messages, setMessages] = useState<string[]>([]);
  const [start, startState] = useMutation(PolicyReevaluate);
  const { data, startPolling, stopPolling, refetch, client } = useQuery(PolicyEvaluationRunQuery, {
    variables: { id: runId ?? '' },
    skip: !runId,
    fetchPolicy: 'network-only',
    notifyOnNetworkStatusChange: false,
  });
  const run = getFragmentData(EvaluationRunProgress, data?.policyEvaluationRun);
  const running = UNDER_WAY.includes(run?.status);

  const available = useLiveAvailable();
  const liveStatus = useLiveStatus();
  const socketUp = liveStatus === 'live';
  useSubscription(PolicyEvaluationRunChanged, {
    variables: { policyId },
    skip: !available,
    ignoreResults: true,
    onData: ({ data: changed }) => {
      const next = getFragmentData(EvaluationRunProgress, changed.data?.policyEvaluationRunChanged);
      // A run someone else started: the bar moves on to it.
      if (next && UNDER_WAY.includes(next.status)) setRunId((current) => (current === next.id ? current : next.id));
    },
  });

  // Back after a reconnect (not the first connection): what happened meanwhile is read once.
  const wasUp = useRef<boolean | null>(null);
  useEffect(() => {
    if (socketUp && wasUp.current === false && runId) void refetch();
    if (socketUp || wasUp.current !== null) wasUp.current = socketUp;
  }, [socketUp, runId, refetch]);

  const status = run?.status;
  const followed = useRef<string | null>(null);
  useEffect(() => {
    if (!runId) return;
    if (!status || UNDER_WAY.includes(status)) {
      followed.current = runId;
      if (socketUp) return undefined;
      startPolling(POLL_MS);
      return () => stopPolling();
    }
    // Over: once, for a run this page saw under way.
    if (followed.current === runId) {
      followed.current = null;
      void client.refetchQueries({ include: socketUp ? AFTER_RUN_LIVE : AFTER_RUN });
    }
    return undefined;
  }, [runId, status, socketUp, startPolling, stopPolling, client]);

  async function reevaluate() {
    setMessages([]);
    const { payload, problems } = await runMutation(
      () => start({ variables: { input: { policyId } }, errorPolicy: 'all' }),
      (data) => data.policyReevaluate,
    );
    if (problems.length || !payload?.run) return setMessages(problems.length ? problems : ['The re-evaluation did not start; try again.']);
    setRunId(getFragmentData(EvaluationRunProgress, payload.run).id);
  }

  const percent = run && run.total > 0 ? Math.round((run.processed / run.total) * 100) : run?.status === PolicyEvaluationRunStatus.Succeeded ? 100 : 0;
  return (
    <Stack gap="xs">
      <Group>
        <Button
          variant="light"
          leftSection={<IconRefreshDot size={16} />}
          loading={startState.loading}
          disabled={!active || running}
          onClick={() => void reevaluate()}
        >
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
            color={
              run?.status === PolicyEvaluationRunStatus.Failed
                ? 'red'
                : run?.status === PolicyEvaluationRunStatus.Succeeded
                  ? 'teal'
                  : run?.status === PolicyEvaluationRunStatus.Cancelled
                    ? 'gray'
                    : 'blue'
            }
            size="lg"
            aria-label="Re-evaluation progress"
          />
          <Text size="sm" c={run?.status === PolicyEvaluationRunStatus.Failed ? 'red' : undefined}>
            {runSummary(run)}
          </Text>
        </Stack>
      ) : null}
    </Stack>
  );
}

type RunProgress = {
  status: PolicyEvaluationRunStatus;
  processed: number;
  total: number;
  policyVersion: number;
  violationsFound: number;
  errors: number;
  failure?: string | null;
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function runSummary(run: RunProgress | null | undefined): string {
  if (!run) return 'Starting…';
  const found = `${plural(run.violationsFound, 'violation')}, ${plural(run.errors, 'error')}`;
  switch (run.status) {
    case PolicyEvaluationRunStatus.Queued:
      return `Version ${run.policyVersion} is queued to judge ${plural(run.total, 'agent')} in scope`;
    case PolicyEvaluationRunStatus.Running:
      return `Judging ${run.processed} of ${plural(run.total, 'agent')} in scope (version ${run.policyVersion}): ${found}`;
    case PolicyEvaluationRunStatus.Succeeded:
      return `Judged ${run.processed} of ${plural(run.total, 'agent')} in scope (version ${run.policyVersion}): ${found}`;
    case PolicyEvaluationRunStatus.Cancelled:
      return `Stopped after ${run.processed} of ${plural(run.total, 'agent')}: ${run.failure ?? 'cancelled'}`;
    case PolicyEvaluationRunStatus.Failed:
      return `Failed after ${run.processed} of ${plural(run.total, 'agent')}: ${run.failure ?? 'unknown error'}`;
  }
}
