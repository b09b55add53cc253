import { screen } from '@testing-library/react';
import { PolicyEvaluationRunStatus } from '../../gql/graphql';
import { renderPage } from '../../test/render';
import { PolicyEvaluationRunQuery, Reevaluation, runSummary } from './Reevaluation';

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
});
