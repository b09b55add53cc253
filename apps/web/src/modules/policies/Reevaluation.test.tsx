import { ApolloLink } from '@apollo/client';
import { act, screen, waitFor } from '@testing-library/react';
import { Observable, type Subscriber } from 'rxjs';
import type { LiveConnection } from '../../app/apollo/live';
import { LiveProvider } from '../../app/apollo/LiveProvider';
import { PolicyEvaluationRunStatus } from '../../gql/graphql';
import { renderPage } from '../../test/render';
import { POLL_MS, PolicyEvaluationRunQuery, Reevaluation, runSummary } from './Reevaluation';

const run = (status: PolicyEvaluationRunStatus, extra: Partial<Record<string, unknown>> = {}) => ({
  __typename: 'PolicyEvaluationRun' as const,
  id: 'UG9saWN5RXZhbHVhdGlvblJ1bjox',
  status,
  processed: 0,
  total: 450,
  violationsFound: 0,
  errors: 0,
  failure: null,
  startedAt: '2026-12-02T16:00:00Z',
  finishedAt: null,
  policyVersion: 2,
  ...extra,
});

describe('a policy re-evaluation', () => {
  it('says what each state of a run means', () => {
    expect(runSummary(run(PolicyEvaluationRunStatus.Queued))).toBe('Version 2 is queued to judge 450 agents in scope');
    expect(runSummary(run(PolicyEvaluationRunStatus.Running, { processed: 200, violationsFound: 1 }))).toBe(
      'Judging 200 of 450 agents in scope (version 2): 1 violation, 0 errors',
    );
    expect(runSummary(run(PolicyEvaluationRunStatus.Cancelled, { processed: 200, failure: 'Superseded by version 3' }))).toBe(
      'Stopped after 200 of 450 agents: Superseded by version 3',
    );
    expect(runSummary(run(PolicyEvaluationRunStatus.Succeeded, { processed: 1, total: 1 }))).toBe(
      'Judged 1 of 1 agent in scope (version 2): 0 violations, 0 errors',
    );
  });

  it('follows the run a policy change queued, without anyone pressing "Re-evaluate now"', async () => {
    const queued = run(PolicyEvaluationRunStatus.Queued);
    renderPage(<Reevaluation policyId="UG9saWN5OjE=" active latestRunId={queued.id} />, {
      mocks: [{ request: { query: PolicyEvaluationRunQuery, variables: { id: queued.id } }, result: { data: { policyEvaluationRun: queued } } }],
    });
    expect(await screen.findByText('Version 2 is queued to judge 450 agents in scope')).toBeInTheDocument();
    expect(screen.getByTestId('reevaluation')).toHaveAttribute('data-status', 'QUEUED');
    expect(screen.getByRole('button', { name: 'Re-evaluate now' })).toBeDisabled();
  });

  it('follows the run from the live connection, without polling, and moves on to a run someone else started', async () => {
    const asked: string[] = [];
    const live: Subscriber<unknown>[] = [];
    const second = run(PolicyEvaluationRunStatus.Queued, { id: 'UG9saWN5RXZhbHVhdGlvblJ1bjoy', total: 3, policyVersion: 3 });
    const link = new ApolloLink(
      (operation) =>
        new Observable((subscriber) => {
          asked.push(`${operation.operationName}:${String(operation.variables.id ?? operation.variables.policyId)}`);
          if (operation.operationName === 'PolicyEvaluationRunChanged') return void live.push(subscriber);
          const current = operation.variables.id === second.id ? second : run(PolicyEvaluationRunStatus.Queued);
          subscriber.next({ data: { policyEvaluationRun: current } });
          subscriber.complete();
        }),
    );
    const push = (r: ReturnType<typeof run>) => act(() => live.forEach((s) => s.next({ data: { policyEvaluationRunChanged: r } })));
    const up = { status: 'live', subscribe: () => () => undefined } as unknown as LiveConnection;
    renderPage(
      <LiveProvider live={up}>
        <Reevaluation policyId="UG9saWN5OjE=" active latestRunId={run(PolicyEvaluationRunStatus.Queued).id} />
      </LiveProvider>,
      { link },
    );
    expect(await screen.findByText('Version 2 is queued to judge 450 agents in scope')).toBeInTheDocument();
    await waitFor(() => expect(live).toHaveLength(1));
    expect(asked).toContain('PolicyEvaluationRunChanged:UG9saWN5OjE=');

    push(run(PolicyEvaluationRunStatus.Running, { processed: 200, violationsFound: 3 }));
    expect(await screen.findByText('Judging 200 of 450 agents in scope (version 2): 3 violations, 0 errors')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Re-evaluation progress' })).toHaveAttribute('aria-valuenow', '44');
    push(run(PolicyEvaluationRunStatus.Succeeded, { processed: 450, violationsFound: 9, finishedAt: '2026-12-02T16:01:00Z' }));
    expect(await screen.findByText('Judged 450 of 450 agents in scope (version 2): 9 violations, 0 errors')).toBeInTheDocument();
    expect(screen.getByTestId('reevaluation')).toHaveAttribute('data-status', 'SUCCEEDED');
    expect(screen.getByRole('button', { name: 'Re-evaluate now' })).toBeEnabled();

    // Someone else starts the next run: the bar follows it, reading it once.
    push(second);
    expect(await screen.findByText('Version 3 is queued to judge 3 agents in scope')).toBeInTheDocument();
    // Longer than a polling period: the run was read once each, never polled.
    await act(() => new Promise((r) => setTimeout(r, POLL_MS * 2)));
    expect(asked.filter((a) => a.startsWith('PolicyEvaluationRun:'))).toEqual([
      `PolicyEvaluationRun:${run(PolicyEvaluationRunStatus.Queued).id}`,
      `PolicyEvaluationRun:${second.id}`,
    ]);
  });
});
