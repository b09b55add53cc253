import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { MetricAggregation, Role } from '../../gql/graphql';
import { connection } from '../../test/data';
import { renderPage, viewerFor } from '../../test/render';
import { MetricExplorerOptionsQuery, MetricSeriesQuery } from './metrics.operations';
import MetricsExplorerPage from './MetricsExplorerPage';

jest.mock('recharts', () => {
  const actual = jest.requireActual('recharts');
  return {
    ...actual,
    ResponsiveContainer: ({ children }: { children: ReactNode }) => (
      <actual.ResponsiveContainer width={800} height={340} initialDimension={{ width: 800, height: 340 }}>
        {children}
      </actual.ResponsiveContainer>
    ),
  };
});

const alpha = { __typename: 'Agent' as const, id: 'QWdlbnQ6MQ==', name: 'Support Assistant' };
const beta = { __typename: 'Agent' as const, id: 'QWdlbnQ6Mg==', name: 'Incident Triage' };
const hour = (h: number) => new Date(Date.UTC(2026, 11, 2, h)).toISOString();

const options = {
  request: { query: MetricExplorerOptionsQuery },
  result: {
    data: {
      metricDefinitions: [
        { __typename: 'MetricDefinition', name: 'agent.response_time', unit: 'ms', description: 'Response time', defaultAggregation: MetricAggregation.Avg },
        { __typename: 'MetricDefinition', name: 'agent.errors', unit: 'count', description: 'Failed requests', defaultAggregation: MetricAggregation.Sum },
      ],
      metricNames: ['agent.response_time', 'agent.errors', 'queue.depth'],
      agents: {
        __typename: 'AgentConnection',
        ...connection([
          { ...alpha, tags: ['production'] },
          { ...beta, tags: ['production', 'ops'] },
        ]),
      },
    },
  },
};

function series(agent: typeof alpha, values: number[]) {
  return {
    __typename: 'MetricSeries',
    name: 'agent.errors',
    unit: 'count',
    agent,
    buckets: {
      __typename: 'MetricBuckets',
      at: values.map((_, i) => hour(i)),
      avg: values.map((v) => v / 10),
      sum: values,
      min: values.map(() => 0),
      max: values,
      count: values.map(() => 10),
      p95: values.map(() => null),
    },
  };
}

describe('metrics explorer', () => {
  it('compares the agents the URL names over its range and step, and sums counts by default', async () => {
    const asked: unknown[] = [];
    renderPage(<MetricsExplorerPage />, {
      viewer: viewerFor(Role.Analyst),
      route: `/metrics?metric=agent.errors&agent=${alpha.id}&agent=${beta.id}&range=7d&chart=area`,
      mocks: [
        options,
        {
          request: {
            query: MetricSeriesQuery,
            variables: (v: { input: Record<string, unknown> }) => {
              asked.push(v.input);
              return v.input.name === 'agent.errors';
            },
          },
          result: {
            data: {
              metricSeries: {
                __typename: 'MetricSeriesResult',
                resolution: 'HOUR',
                step: 3600,
                from: hour(0),
                to: hour(3),
                series: [series(alpha, [4, 8, 0]), series(beta, [1, 1, 1])],
              },
            },
          },
          maxUsageCount: 3,
        },
      ],
    });
    expect(screen.getByLabelText('Loading the metric')).toBeInTheDocument();
    const summary = await screen.findByTestId('metric-summary');
    expect(asked[0]).toEqual(expect.objectContaining({ name: 'agent.errors', agentIds: [alpha.id, beta.id], tags: null, stepSeconds: 3600 }));
    expect(
      within(summary)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual(['AgentMean of sumPeakBuckets with data', 'Support Assistant483', 'Incident Triage113']);
    expect(screen.getByTestId('metric-resolution')).toHaveTextContent('hour store');
    expect(screen.getByText(/every 1 hour · 2 agents/)).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Area' })).toBeChecked();
    expect(screen.getByRole('radio', { name: '7 days' })).toBeChecked();

    await userEvent.click(screen.getByRole('combobox', { name: /^Value/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'Max' }));
    expect(within(await screen.findByTestId('metric-summary')).getAllByRole('row')[0]).toHaveTextContent('Mean of max');
  });
});
