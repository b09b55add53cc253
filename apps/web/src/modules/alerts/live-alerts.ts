import type { ApolloCache } from '@apollo/client';
import { useSubscription } from '@apollo/client/react';
import { useLiveAvailable } from '../../app/apollo/LiveProvider';
import { placeInLists, useRereadAfterReconnect } from '../../app/apollo/live-lists';
import { getFragmentData, graphql } from '../../gql';
import { type AlertFilter, type AlertRowFragment, AlertStatus } from '../../gql/graphql';
import { AlertRow } from './AlertsTable';

/** Each alert as it changes, with the row's fields: lists place it from this alone. */
export const AlertChangedSubscription = graphql(`
  subscription AlertChanged($withMoney: Boolean!) {
    alertChanged {
      ...AlertRow
    }
  }
`);

/** What a count needs of each change: the new state, and whether it was acknowledged before (what it was). */
export const AlertStatusChanged = graphql(`
  subscription AlertStatusChanged {
    alertChanged {
      id
      status
      severity
      source
      acknowledgedAt
      agent {
        id
      }
      budget {
        id
      }
    }
  }
`);

type AlertFacts = Pick<AlertRowFragment, 'id' | 'status' | 'severity' | 'source' | 'acknowledgedAt'> & {
  agent?: { id: string } | null;
  budget?: { id: string } | null;
};

function filterOf(args: Record<string, unknown> | null): AlertFilter | null {
  return (args?.filter as AlertFilter | undefined) ?? null;
}

export function alertMatches(filter: AlertFilter | null, alert: AlertFacts, status = alert.status): boolean {
  if (!filter) return true;
  if (filter.agentId && alert.agent?.id !== filter.agentId) return false;
  if (filter.budgetId && alert.budget?.id !== filter.budgetId) return false;
  if (filter.statuses?.length && !filter.statuses.includes(status)) return false;
  if (filter.severities?.length && !filter.severities.includes(alert.severity)) return false;
  if (filter.sources?.length && !filter.sources.includes(alert.source)) return false;
  return true;
}

/**
 * The state an alert was in before the change an event reports: alerts are raised OPEN, acknowledged
 * from OPEN, resolved from OPEN or ACKNOWLEDGED (then it carries when it was acknowledged).
 */
function previousStatus(alert: AlertFacts): AlertStatus | null {
  if (alert.status === AlertStatus.Open) return null;
  if (alert.status === AlertStatus.Acknowledged) return AlertStatus.Open;
  return alert.acknowledgedAt ? AlertStatus.Acknowledged : AlertStatus.Open;
}

/** The last state each cache has counted for each alert, so an event seen twice counts once. */
const counted = new WeakMap<ApolloCache, Map<string, AlertStatus>>();

/**
 * Places an alert the live connection sent in every cached list of alerts (see placeInLists), and
 * moves the cached counts (`alerts(first: 0)`) by the transition it reports. Returns whether it was
 * added to a list.
 */
export function placeLiveAlert(cache: ApolloCache, alert: AlertFacts, { rows }: { rows: boolean }): boolean {
  let seen = counted.get(cache);
  if (!seen) counted.set(cache, (seen = new Map()));
  const countIt = seen.get(alert.id) !== alert.status;
  if (countIt) seen.set(alert.id, alert.status);
  const before = previousStatus(alert);
  return placeInLists(
    cache,
    'alerts',
    { __typename: 'Alert', id: alert.id },
    (args) => (rows ? alertMatches(filterOf(args), alert) : undefined),
    (args) => {
      if (!countIt) return 0;
      const filter = filterOf(args);
      const was = before !== null && alertMatches(filter, alert, before);
      const is = alertMatches(filter, alert);
      return Number(is) - Number(was);
    },
  );
}

/** Keeps the cached alert lists current from the live connection; `reread` once after a reconnect. */
export function useLiveAlerts(withMoney: boolean, reread: () => unknown): void {
  const available = useLiveAvailable();
  useRereadAfterReconnect(reread);
  useSubscription(AlertChangedSubscription, {
    variables: { withMoney },
    skip: !available,
    ignoreResults: true,
    onData: ({ client, data }) => {
      const row = getFragmentData(AlertRow, data.data?.alertChanged);
      if (row) placeLiveAlert(client.cache, row, { rows: true });
    },
  });
}

/** Keeps the cached alert counts current from the live connection; `reread` once after a reconnect. */
export function useLiveAlertCounts(reread: () => unknown): void {
  const available = useLiveAvailable();
  useRereadAfterReconnect(reread);
  useSubscription(AlertStatusChanged, {
    skip: !available,
    ignoreResults: true,
    onData: ({ client, data }) => {
      const alert = data.data?.alertChanged;
      if (alert) placeLiveAlert(client.cache, alert, { rows: false });
    },
  });
}
