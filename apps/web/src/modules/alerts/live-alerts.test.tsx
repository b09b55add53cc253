import { screen, waitFor } from '@testing-library/react';
import { createCache } from '../../app/apollo/cache';
import { LiveProvider } from '../../app/apollo/LiveProvider';
import { AlertSeverity, AlertSource, AlertStatus, Role, type AlertRowFragment } from '../../gql/graphql';
import { connection } from '../../test/data';
import { controlledLive, liveNetwork } from '../../test/live';
import { renderPage, viewerFor } from '../../test/render';
import AlertsPage, { AlertsQuery } from './AlertsPage';
import { AlertRow } from './AlertsTable';
import { placeLiveAlert } from './live-alerts';
import OpenAlertsCount, { OpenAlertsCountQuery } from './OpenAlertsCount';

function alert(n: number, overrides: Partial<AlertRowFragment> = {}): AlertRowFragment {
  return {
    __typename: 'Alert',
    id: `QWxlcnQ6${n}`,
    severity: AlertSeverity.Critical,
    status: AlertStatus.Open,
    source: AlertSource.Budget,
    alertRule: null,
    agent: null,
    message: `Budget passed (${n})`,
    threshold: 100,
    createdAt: new Date(Date.now() - n * 60_000).toISOString(),
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
const acknowledged = (n: number) => alert(n, { status: AlertStatus.Acknowledged, acknowledgedAt: new Date().toISOString() });
const resolved = (n: number, wasAcknowledged: boolean) =>
  alert(n, { status: AlertStatus.Resolved, resolvedAt: new Date().toISOString(), acknowledgedAt: wasAcknowledged ? new Date().toISOString() : null });

const list = (nodes: AlertRowFragment[]) => ({ __typename: 'AlertConnection' as const, ...connection(nodes) });
const ACTIVE = { statuses: [AlertStatus.Open, AlertStatus.Acknowledged], severities: null };

describe('live alerts in the cache', () => {
  const cache = createCache();
  const OPEN = { statuses: [AlertStatus.Open] };
  const WARNINGS = { statuses: null, severities: [AlertSeverity.Warning] };
  const arrive = (a: AlertRowFragment) => {
    cache.writeFragment({ fragment: AlertRow, fragmentName: 'AlertRow', data: a, variables: { withMoney: true } });
    return placeLiveAlert(cache, a, { rows: true });
  };
  const rows = (filter: object) =>
    cache
      .readQuery({ query: AlertsQuery, variables: { first: 25, filter, withMoney: true } })!
      .alerts!.edges.map((e) => (e.node as unknown as AlertRowFragment).id);
  const total = (filter: object) => cache.readQuery({ query: AlertsQuery, variables: { first: 25, filter, withMoney: true } })!.alerts!.totalCount;
  const openCount = () => cache.readQuery({ query: OpenAlertsCountQuery, variables: { filter: OPEN } })!.alerts!.totalCount;

  beforeAll(() => {
    cache.writeQuery({
      query: AlertsQuery,
      variables: { first: 25, filter: ACTIVE, withMoney: true },
      data: { alerts: list([alert(2), acknowledged(3)]) as never },
    });
    cache.writeQuery({ query: AlertsQuery, variables: { first: 25, filter: WARNINGS, withMoney: true }, data: { alerts: list([]) as never } });
    cache.writeQuery({ query: OpenAlertsCountQuery, variables: { filter: OPEN }, data: { alerts: { __typename: 'AlertConnection', totalCount: 1 } as never } });
  });

  it('put a raised alert at the top of the lists it belongs to and count it open, once however often it arrives', () => {
    expect(arrive(alert(1))).toBe(true);
    expect(rows(ACTIVE)).toEqual([alert(1).id, alert(2).id, alert(3).id]);
    expect(total(ACTIVE)).toBe(3);
    expect(rows(WARNINGS)).toEqual([]);
    expect(openCount()).toBe(2);
    expect(arrive(alert(1))).toBe(false);
    expect(rows(ACTIVE)).toHaveLength(3);
    expect(openCount()).toBe(2);
  });

  it('count an acknowledged alert out of the open ones while it stays in the inbox, updated in place', () => {
    expect(arrive(acknowledged(2))).toBe(false);
    expect(rows(ACTIVE)).toEqual([alert(1).id, alert(2).id, alert(3).id]);
    expect(openCount()).toBe(1);
    expect(cache.readFragment({ fragment: AlertRow, fragmentName: 'AlertRow', id: cache.identify(alert(2)), variables: { withMoney: true } })?.status).toBe(
      AlertStatus.Acknowledged,
    );
  });

  it('take resolved alerts out of the inbox; only one that was open lowers the open count', () => {
    arrive(resolved(3, true));
    expect(rows(ACTIVE)).toEqual([alert(1).id, alert(2).id]);
    expect(total(ACTIVE)).toBe(2);
    expect(openCount()).toBe(1);
    arrive(resolved(1, false));
    expect(rows(ACTIVE)).toEqual([alert(2).id]);
    expect(openCount()).toBe(0);
  });
});

describe('alerts inbox and navigation count, live', () => {
  it('shows a raised alert at the top and counts it, takes a resolved one out: no query', async () => {
    const network = liveNetwork({
      Alerts: () => ({ alerts: list([alert(2), alert(3)]) }),
      OpenAlertsCount: () => ({ alerts: { __typename: 'AlertConnection', totalCount: 2 } }),
    });
    const { live, become } = controlledLive();
    become('live');
    renderPage(
      <LiveProvider live={live}>
        <OpenAlertsCount />
        <AlertsPage />
      </LiveProvider>,
      { link: network.link, viewer: viewerFor(Role.Admin) },
    );
    expect(await screen.findAllByTestId('alert-row')).toHaveLength(2);
    expect(await screen.findByTestId('open-alerts-count')).toHaveTextContent('2');
    await waitFor(() => expect(network.listening('AlertChanged') + network.listening('AlertStatusChanged')).toBe(2));

    const facts = (a: AlertRowFragment) => ({
      alertChanged: {
        __typename: 'Alert',
        id: a.id,
        status: a.status,
        severity: a.severity,
        source: a.source,
        acknowledgedAt: a.acknowledgedAt,
        agent: null,
        budget: a.budget,
      },
    });
    network.push('AlertChanged', { alertChanged: alert(1) });
    network.push('AlertStatusChanged', facts(alert(1)));
    await waitFor(() => expect(screen.getAllByTestId('alert-row')).toHaveLength(3));
    expect(screen.getAllByTestId('alert-row')[0]).toHaveTextContent('Budget passed (1)');
    expect(screen.getByTestId('open-alerts-count')).toHaveTextContent('3');

    network.push('AlertStatusChanged', facts(resolved(3, false)));
    network.push('AlertChanged', { alertChanged: resolved(3, false) });
    await waitFor(() => expect(screen.getAllByTestId('alert-row')).toHaveLength(2));
    expect(screen.getByTestId('open-alerts-count')).toHaveTextContent('2');
    expect(network.count('Alerts')).toBe(1);
    expect(network.count('OpenAlertsCount')).toBe(1);
  });

  it('asks once for the list and the count when the connection is back after a loss', async () => {
    const network = liveNetwork({
      Alerts: (n) => ({ alerts: list(n === 1 ? [alert(2)] : [alert(1), alert(2)]) }),
      OpenAlertsCount: (n) => ({ alerts: { __typename: 'AlertConnection', totalCount: n === 1 ? 1 : 2 } }),
    });
    const { live, become } = controlledLive();
    renderPage(
      <LiveProvider live={live}>
        <OpenAlertsCount />
        <AlertsPage />
      </LiveProvider>,
      { link: network.link, viewer: viewerFor(Role.Admin) },
    );
    expect(await screen.findAllByTestId('alert-row')).toHaveLength(1);
    become('live');
    become('reconnecting');
    expect(network.count('Alerts')).toBe(1);
    become('live');
    await waitFor(() => expect(screen.getAllByTestId('alert-row')).toHaveLength(2));
    await waitFor(() => expect(screen.getByTestId('open-alerts-count')).toHaveTextContent('2'));
    expect(network.count('Alerts')).toBe(2);
    expect(network.count('OpenAlertsCount')).toBe(2);
  });
});
