import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { notifications } from '@mantine/notifications';
import { AlertSeverity, AlertSource, AlertStatus, Role, type AlertRowFragment } from '../../gql/graphql';
import { connection } from '../../test/data';
import { renderPage, viewerFor } from '../../test/render';
import AlertsPage, { AlertsQuery } from './AlertsPage';
import { AlertAcknowledge } from './AlertTransitionModal';

// Mantine's notification container swipes with an AbortSignal this jsdom refuses: record the calls instead.
jest.mock('@mantine/notifications', () => ({ ...jest.requireActual('@mantine/notifications'), notifications: { show: jest.fn() } }));

function alert(n: number, overrides: Partial<AlertRowFragment> = {}): AlertRowFragment {
  return {
    __typename: 'Alert',
    id: `QWxlcnQ6${n}`,
    severity: AlertSeverity.Critical,
    status: AlertStatus.Open,
    source: AlertSource.Budget,
    alertRule: null,
    agent: null,
    message: `Monthly budget "Cloud" passed 100% (${n})`,
    threshold: 100,
    createdAt: new Date(Date.now() - 60_000).toISOString(),
    periodStart: '2026-11-01',
    periodEnd: '2026-11-30',
    note: null,
    spend: '6100.25',
    budget: { __typename: 'Budget', id: 'QnVkZ2V0OjE=', name: 'Cloud', currency: 'USD' },
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    resolvedBy: null,
    ...overrides,
  };
}

const active = { first: 25, filter: { statuses: ['OPEN', 'ACKNOWLEDGED'], severities: null }, withMoney: true };
const list = (nodes: AlertRowFragment[]) => ({ data: { alerts: { __typename: 'AlertConnection', ...connection(nodes) } } });

describe('alerts inbox', () => {
  it('appends the next page on "Load more", and the open-alerts count of the navigation leaves the page\'s rows alone', async () => {
    renderPage(<AlertsPage />, {
      viewer: viewerFor(Role.Admin),
      mocks: [
        {
          request: { query: AlertsQuery, variables: active },
          result: { data: { alerts: { __typename: 'AlertConnection', ...connection([alert(1), alert(2)], { hasNextPage: true, totalCount: 3 }) } } },
        },
        {
          request: { query: AlertsQuery, variables: { ...active, after: 'c1' } },
          result: { data: { alerts: { __typename: 'AlertConnection', ...connection([alert(3)], { totalCount: 3, offset: 2 }) } } },
        },
      ],
    });
    expect(await screen.findByText('Showing 2 of 3 alerts')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('Showing 3 of 3 alerts')).toBeInTheDocument();
    expect(screen.getAllByTestId('alert-row')).toHaveLength(3);
    expect(screen.getByText(/passed 100% \(1\)/)).toBeInTheDocument();
    expect(screen.getByText(/passed 100% \(3\)/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('acknowledges an alert with a note, and shows it acknowledged', async () => {
    renderPage(<AlertsPage />, {
      viewer: viewerFor(Role.Admin),
      mocks: [
        {
          request: { query: AlertsQuery, variables: active },
          result: list([alert(1), alert(2, { severity: AlertSeverity.Warning, threshold: 80 })]),
          delay: 20,
        },
        {
          request: { query: AlertAcknowledge, variables: { input: { alertId: 'QWxlcnQ61', note: 'Looking into it' } } },
          result: {
            data: {
              alertAcknowledge: {
                __typename: 'AlertPayload',
                alert: {
                  __typename: 'Alert',
                  id: 'QWxlcnQ61',
                  status: 'ACKNOWLEDGED',
                  note: 'Looking into it',
                  acknowledgedAt: new Date().toISOString(),
                  acknowledgedBy: { __typename: 'User', id: 'VXNlcjox', fullName: 'Ada Admin' },
                },
                userErrors: [],
              },
            },
          },
        },
        {
          request: { query: AlertsQuery, variables: active },
          result: list([
            alert(1, {
              status: AlertStatus.Acknowledged,
              note: 'Looking into it',
              acknowledgedBy: { __typename: 'User', id: 'VXNlcjox', fullName: 'Ada Admin' },
            }),
            alert(2),
          ]),
        },
      ],
    });
    expect(screen.getByLabelText('Loading alerts')).toBeInTheDocument();
    const rows = await screen.findAllByTestId('alert-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByText(/\$6,100.25 spent when raised/)).toBeInTheDocument();

    await userEvent.click(within(rows[0]).getByRole('button', { name: /^Acknowledge/ }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /Note/ }), 'Looking into it');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Acknowledge' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const first = (await screen.findAllByTestId('alert-row'))[0];
    await waitFor(() => expect(within(first).getByTestId('alert-status')).toHaveTextContent('acknowledged'));
    expect(within(first).getByText('Acknowledged by Ada Admin')).toBeInTheDocument();
    expect(within(first).getByText(/Looking into it/)).toBeInTheDocument();
    expect(within(first).queryByRole('button', { name: /^Acknowledge/ })).not.toBeInTheDocument();
    expect(within(first).getByRole('button', { name: /^Resolve/ })).toBeInTheDocument();
    expect(notifications.show).toHaveBeenCalledWith(expect.objectContaining({ title: 'Alert acknowledged' }));
  });

  it('shows why an alert could not be acknowledged, in the dialog', async () => {
    renderPage(<AlertsPage />, {
      viewer: viewerFor(Role.Analyst),
      mocks: [
        { request: { query: AlertsQuery, variables: active }, result: list([alert(1)]) },
        {
          request: { query: AlertAcknowledge, variables: { input: { alertId: 'QWxlcnQ61', note: null } } },
          result: {
            data: {
              alertAcknowledge: {
                __typename: 'AlertPayload',
                alert: null,
                userErrors: [
                  {
                    __typename: 'UserError',
                    field: ['input', 'alertId'],
                    message: 'The alert is resolved; only open alerts can be acknowledged',
                    code: 'CONFLICT',
                  },
                ],
              },
            },
          },
        },
      ],
    });
    await userEvent.click(await screen.findByRole('button', { name: /^Acknowledge/ }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Acknowledge' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('only open alerts can be acknowledged');
  });

  it('filters by status and severity through the URL, and shows an empty state', async () => {
    renderPage(<AlertsPage />, {
      viewer: viewerFor(Role.Auditor),
      route: '/alerts?status=resolved&severity=critical',
      mocks: [
        {
          request: { query: AlertsQuery, variables: { first: 25, filter: { statuses: ['RESOLVED'], severities: ['CRITICAL'] }, withMoney: false } },
          result: list([]),
        },
      ],
    });
    expect(await screen.findByText('No alerts match these filters')).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Resolved' })).toBeChecked();
    // Auditors follow alerts but do not act on them.
    expect(screen.queryByRole('button', { name: /Acknowledge/ })).not.toBeInTheDocument();
  });

  it('shows a failure with a retry', async () => {
    renderPage(<AlertsPage />, {
      viewer: viewerFor(Role.Developer),
      mocks: [
        { request: { query: AlertsQuery, variables: active }, error: new TypeError('Failed to fetch') },
        { request: { query: AlertsQuery, variables: active }, result: list([alert(3)]) },
      ],
    });
    expect(await screen.findByText('Steward is unreachable')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText(/passed 100% \(3\)/)).toBeInTheDocument();
  });

  it('names what raised each alert: a budget, a metric rule with its agent, or health', async () => {
    const agent = { __typename: 'Agent' as const, id: 'QWdlbnQ6Mg==', name: 'Support Assistant' };
    renderPage(<AlertsPage />, {
      viewer: viewerFor(Role.Developer),
      mocks: [
        {
          request: { query: AlertsQuery, variables: active },
          result: list([
            alert(1),
            alert(2, {
              source: AlertSource.MetricRule,
              message: 'High error rate (production) fired for Support Assistant',
              budget: null,
              threshold: null,
              spend: null,
              periodStart: null,
              periodEnd: null,
              alertRule: { __typename: 'AlertRule', id: 'QWxlcnRSdWxlOjE=', name: 'High error rate (production)' },
              agent,
            }),
            alert(3, { source: AlertSource.Health, message: 'Support Assistant stopped reporting', budget: null, threshold: null, spend: null, agent }),
          ]),
        },
      ],
    });
    const rows = await screen.findAllByTestId('alert-row');
    expect(rows.map((r) => within(r).getByTestId('alert-source').textContent)).toEqual(['Budget', 'Metric rule', 'Health']);
    expect(within(rows[0]).getByTestId('alert-origin')).toHaveTextContent('Cloud');
    expect(within(rows[1]).getByTestId('alert-origin')).toHaveTextContent('High error rate (production)');
    expect(within(rows[1]).getByRole('link', { name: 'Support Assistant' })).toHaveAttribute('href', `/agents/${encodeURIComponent(agent.id)}?tab=health`);
    expect(within(rows[2]).getByTestId('alert-origin')).toHaveTextContent(/unhealthy/);
  });
});
