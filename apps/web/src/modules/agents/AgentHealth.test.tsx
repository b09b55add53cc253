import { screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { AgentHealthStatus, Role } from '../../gql/graphql';
import { renderPage, viewerFor } from '../../test/render';
import { MetricSeriesQuery } from '../metrics/public';
import { AgentHealth, AgentHealthPanelQuery, statusChanges } from './AgentHealth';

jest.mock('recharts', () => {
  const actual = jest.requireActual('recharts');
  return {
    ...actual,
    ResponsiveContainer: ({ children }: { children: ReactNode }) => (
      <actual.ResponsiveContainer width={600} height={240} initialDimension={{ width: 600, height: 240 }}>
        {children}
      </actual.ResponsiveContainer>
    ),
  };
});

const agentId = 'QWdlbnQ6MQ==';
const now = Date.now();
const ago = (minutes: number) => new Date(now - minutes * 60_000).toISOString();

const report = (minutes: number, status: AgentHealthStatus, extra: Record<string, unknown> = {}) => ({
  __typename: 'AgentHealthReport',
  at: ago(minutes),
  status,
  cpuPercent: 40,
  memoryMb: 512,
  restarts: 1,
  message: null,
  source: 'report',
  ...extra,
});

const health = {
  __typename: 'AgentHealth',
  status: AgentHealthStatus.Degraded,
  since: ago(30),
  lastReportAt: ago(1),
  silent: false,
  message: 'p95 latency above 2 s',
};

function healthMock(withDetails: boolean) {
  return {
    request: { query: AgentHealthPanelQuery, variables: (v: Record<string, unknown>) => v.id === agentId && v.withDetails === withDetails },
    result: {
      data: {
        agent: {
          __typename: 'Agent',
          id: agentId,
          health: withDetails ? { ...health, cpuPercent: 87.5, memoryMb: 1536, restarts: 3 } : health,
          ...(withDetails
            ? {
                uptime: 98.25,
                healthHistory: [
                  report(1, AgentHealthStatus.Degraded, { cpuPercent: 87.5, message: 'p95 latency above 2 s' }),
                  report(30, AgentHealthStatus.Degraded),
                  report(60, AgentHealthStatus.Healthy),
                  report(120, AgentHealthStatus.Healthy),
                ],
              }
            : {}),
        },
      },
    },
  };
}

const seriesMock = (name: string) => ({
  request: {
    query: MetricSeriesQuery,
    variables: (v: { input: { name: string; agentIds: string[] } }) => v.input.name === name && v.input.agentIds[0] === agentId,
  },
  result: {
    data: {
      metricSeries: {
        __typename: 'MetricSeriesResult',
        resolution: 'MINUTE',
        step: 900,
        from: ago(1440),
        to: ago(0),
        series: [
          {
            __typename: 'MetricSeries',
            name,
            unit: name === 'agent.uptime' ? 'percent' : 'ms',
            agent: { __typename: 'Agent', id: agentId, name: 'Support Assistant' },
            buckets: {
              __typename: 'MetricBuckets',
              at: [30, 15, 0].map((m) => ago(m)),
              avg: [100, 101, 102],
              sum: [null, null, null],
              min: [90, 90, 90],
              max: [200, 200, 200],
              count: [10, 10, 10],
              p95: [180, 181, 182],
            },
          },
        ],
      },
    },
  },
});

describe("an agent's Health tab", () => {
  it('shows the current status, resources, uptime, the latency and uptime charts and the status changes', async () => {
    renderPage(<AgentHealth agentId={agentId} />, {
      viewer: viewerFor(Role.Developer),
      mocks: [healthMock(true), seriesMock('agent.response_time'), seriesMock('agent.uptime')],
    });
    expect(screen.getByLabelText("Loading the agent's health")).toBeInTheDocument();
    expect(await screen.findByTestId('agent-health-status')).toHaveTextContent(/degraded/i);
    expect(screen.getByTestId('agent-cpu')).toHaveTextContent('87.5%');
    expect(screen.getByTestId('agent-memory')).toHaveTextContent('1,536 MB');
    expect(screen.getByTestId('agent-restarts')).toHaveTextContent('3');
    expect(screen.getByTestId('agent-uptime')).toHaveTextContent('98.25%');
    const history = screen.getByTestId('agent-health-history');
    expect(
      within(history)
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.getAttribute('data-status')),
    ).toEqual(['DEGRADED', 'HEALTHY']);
    expect(await screen.findByTestId('agent-latency-chart')).toBeInTheDocument();
    expect(await screen.findByTestId('agent-uptime-chart-chart')).toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: 'Explore' })[0]).toHaveAttribute('href', expect.stringContaining('metric=agent.response_time'));
  });

  it('shows a viewer the status only, without asking for what the role may not read', async () => {
    renderPage(<AgentHealth agentId={agentId} />, { viewer: viewerFor(Role.Viewer), mocks: [healthMock(false)] });
    expect(await screen.findByTestId('agent-health-status')).toHaveTextContent(/degraded/i);
    expect(screen.getByText(/Your role sees the agent's status only/)).toBeInTheDocument();
    expect(screen.queryByTestId('agent-cpu')).not.toBeInTheDocument();
    expect(screen.queryByTestId('agent-health-history')).not.toBeInTheDocument();
    expect(screen.queryByTestId('agent-latency')).not.toBeInTheDocument();
  });

  it('keeps only the reports where the status changed', () => {
    const changes = statusChanges([
      report(1, AgentHealthStatus.Unhealthy),
      report(2, AgentHealthStatus.Healthy),
      report(3, AgentHealthStatus.Healthy),
      report(4, AgentHealthStatus.Degraded),
    ] as never);
    expect(changes.map((c) => c.status)).toEqual(['UNHEALTHY', 'HEALTHY', 'DEGRADED']);
    expect(changes[1].at).toBe(ago(3));
  });
});
