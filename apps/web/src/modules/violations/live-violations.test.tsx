import { ApolloLink } from '@apollo/client';
import { act, screen, waitFor, within } from '@testing-library/react';
import { Observable, type Subscriber } from 'rxjs';
import { createCache } from '../../app/apollo/cache';
import type { LiveConnection } from '../../app/apollo/live';
import { LiveProvider } from '../../app/apollo/LiveProvider';
import {
  ComplianceStatus,
  PolicyEnforcement,
  PolicySeverity,
  PolicyViolationStatus,
  Role,
  type PolicyViolationFilter,
  type ViolationRowFragment,
} from '../../gql/graphql';
import { connection } from '../../test/data';
import { renderPage, viewerFor } from '../../test/render';
import { placeLiveViolation } from './live-violations';
import { PolicyViolationsQuery, ViolationRow } from './violation.operations';
import { ViolationsPanel } from './ViolationsPanel';

const POLICY = 'UG9saWN5OjE=';
const OTHER_POLICY = 'UG9saWN5OjI=';

function violation(n: number, overrides: Partial<ViolationRowFragment> = {}): ViolationRowFragment {
  return {
    __typename: 'PolicyViolation',
    id: `UG9saWN5VmlvbGF0aW9uO${n}`,
    status: PolicyViolationStatus.Open,
    severity: PolicySeverity.High,
    enforcement: PolicyEnforcement.Audit,
    ruleName: 'Cheap',
    message: `Too dear (${n})`,
    agentName: `Agent ${n}`,
    policyVersion: 1,
    detectedAt: new Date(Date.now() - n * 60_000).toISOString(),
    lastSeenAt: new Date(Date.now() - n * 60_000).toISOString(),
    resolvedAt: null,
    agent: { __typename: 'Agent', id: `QWdlbnQ6${n}`, name: `Agent ${n}`, status: 'DEPLOYED' as never },
    policy: { __typename: 'Policy', id: POLICY, name: 'Stay cheap' },
    waiver: null,
    ...overrides,
  };
}

const list = (nodes: ViolationRowFragment[]) => ({ __typename: 'PolicyViolationConnection' as const, ...connection(nodes) });
const ATTENTION = [PolicyViolationStatus.Open, PolicyViolationStatus.Blocked];
const filter = (f: Partial<PolicyViolationFilter>): PolicyViolationFilter => ({ agentId: null, policyId: null, statuses: null, severities: null, ...f });

describe('live violations in the cache', () => {
  const cache = createCache();
  const write = (f: PolicyViolationFilter, nodes: ViolationRowFragment[]) =>
    cache.writeQuery({ query: PolicyViolationsQuery, variables: { first: 25, filter: f }, data: { policyViolations: list(nodes) as never } });
  const read = (f: PolicyViolationFilter) => {
    const data = cache.readQuery({ query: PolicyViolationsQuery, variables: { first: 25, filter: f } });
    const c = data!.policyViolations!;
    return { total: c.totalCount, rows: c.edges.map((e) => (e.node as unknown as ViolationRowFragment).id), endCursor: c.pageInfo.endCursor };
  };
  /** What the subscription does: the cache merges the object by id, then the lists place it. */
  const arrive = (v: ViolationRowFragment) => {
    cache.writeFragment({ fragment: ViolationRow, data: v });
    return placeLiveViolation(cache, v);
  };

  const policyOpen = filter({ policyId: POLICY, statuses: ATTENTION });
  const everything = filter({});
  const otherPolicy = filter({ policyId: OTHER_POLICY });
  const agentTwo = filter({ agentId: violation(2).agent!.id });

  beforeAll(() => {
    write(policyOpen, [violation(2), violation(3)]);
    write(everything, [violation(2), violation(3)]);
    write(otherPolicy, []);
    write(agentTwo, [violation(2)]);
  });

  it('put a new violation at the top of every list whose filter it meets, and count it, leaving the others and the next page alone', () => {
    expect(arrive(violation(1))).toBe(true);
    expect(read(policyOpen)).toEqual({ total: 3, rows: [violation(1).id, violation(2).id, violation(3).id], endCursor: 'c1' });
    expect(read(everything)).toEqual({ total: 3, rows: [violation(1).id, violation(2).id, violation(3).id], endCursor: 'c1' });
    expect(read(otherPolicy)).toMatchObject({ total: 0, rows: [] });
    expect(read(agentTwo)).toEqual({ total: 1, rows: [violation(2).id], endCursor: 'c0' });
  });

  it('place it once however often it arrives', () => {
    expect(arrive(violation(1))).toBe(false);
    expect(read(everything).rows).toEqual([violation(1).id, violation(2).id, violation(3).id]);
  });

  it('take a resolved violation out of lists of open ones, and update it where it stays', () => {
    const resolved = violation(2, { status: PolicyViolationStatus.Resolved, resolvedAt: new Date().toISOString() });
    expect(arrive(resolved)).toBe(false);
    expect(read(policyOpen)).toEqual({ total: 2, rows: [violation(1).id, violation(3).id], endCursor: 'c1' });
    expect(read(everything)).toMatchObject({ total: 3, rows: [violation(1).id, violation(2).id, violation(3).id] });
    const stored = cache.readFragment({ fragment: ViolationRow, id: cache.identify(resolved) });
    expect(stored?.status).toBe(PolicyViolationStatus.Resolved);
    // Reopened (a waiver revoked): back in the open list, counted again.
    expect(arrive(violation(2))).toBe(true);
    expect(read(policyOpen)).toEqual({ total: 3, rows: [violation(2).id, violation(1).id, violation(3).id], endCursor: 'c1' });
  });
});

/** A network that answers the list from `pages` and lets the test push subscription events. */
function fakeNetwork(pages: ViolationRowFragment[][]) {
  const asked: string[] = [];
  const live: Subscriber<unknown>[] = [];
  const link = new ApolloLink(
    (operation) =>
      new Observable((subscriber) => {
        asked.push(operation.operationName ?? '?');
        if (operation.operationName === 'PolicyViolationChanged') {
          live.push(subscriber);
          return;
        }
        if (operation.operationName === 'PolicyViolations') {
          const nodes = pages[Math.min(asked.filter((n) => n === 'PolicyViolations').length - 1, pages.length - 1)];
          subscriber.next({ data: { policyViolations: list(nodes) } });
        } else subscriber.next({ data: { policies: { __typename: 'PolicyConnection', edges: [] } } });
        subscriber.complete();
      }),
  );
  const push = (v: ViolationRowFragment, openViolationCount: number) =>
    live.forEach((s) =>
      s.next({
        data: {
          policyViolationChanged: {
            ...v,
            agent: v.agent && { ...v.agent, complianceStatus: ComplianceStatus.NonCompliant },
            policy: { ...v.policy, openViolationCount },
          },
        },
      }),
    );
  return { link, asked, push, listening: () => live.length };
}

const up: LiveConnection = { status: 'live', subscribe: () => () => undefined } as unknown as LiveConnection;

describe('the violations list, live', () => {
  it('shows a violation opened elsewhere at the top, marked, with the count, and a resolved one leaves the open list: no refetch', async () => {
    const network = fakeNetwork([[violation(2), violation(3)]]);
    renderPage(
      <LiveProvider live={up}>
        <ViolationsPanel policyId={POLICY} />
      </LiveProvider>,
      { link: network.link, viewer: viewerFor(Role.Auditor) },
    );
    expect(await screen.findAllByTestId('violation-row')).toHaveLength(2);
    expect(screen.getByTestId('list-count')).toHaveTextContent('Showing 2 of 2 violations');
    await waitFor(() => expect(network.listening()).toBe(1));

    act(() => network.push(violation(1), 3));
    await waitFor(() => expect(screen.getAllByTestId('violation-row')).toHaveLength(3));
    const rows = screen.getAllByTestId('violation-row');
    expect(rows[0]).toHaveAttribute('data-agent-name', 'Agent 1');
    expect(rows[0]).toHaveAttribute('data-fresh', 'true');
    expect(rows[1]).not.toHaveAttribute('data-fresh');
    expect(within(rows[0]).getByText('Too dear (1)')).toBeInTheDocument();
    expect(screen.getByTestId('list-count')).toHaveTextContent('Showing 3 of 3 violations');

    act(() => network.push(violation(3, { status: PolicyViolationStatus.Resolved, resolvedAt: new Date().toISOString() }), 2));
    await waitFor(() => expect(screen.getAllByTestId('violation-row')).toHaveLength(2));
    expect(screen.getAllByTestId('violation-row').map((r) => r.getAttribute('data-agent-name'))).toEqual(['Agent 1', 'Agent 2']);
    expect(screen.getByTestId('list-count')).toHaveTextContent('Showing 2 of 2 violations');
    expect(network.asked.filter((n) => n === 'PolicyViolations')).toHaveLength(1);
  });

  it('reads the list again once when the connection is back after a loss, not when it first connects', async () => {
    const network = fakeNetwork([[violation(2)], [violation(1), violation(2)]]);
    const listeners = new Set<() => void>();
    const connection = {
      status: 'connecting',
      subscribe: (listener: () => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    const become = (status: string) =>
      act(() => {
        connection.status = status;
        listeners.forEach((l) => l());
      });
    renderPage(
      <LiveProvider live={connection as unknown as LiveConnection}>
        <ViolationsPanel policyId={POLICY} />
      </LiveProvider>,
      { link: network.link, viewer: viewerFor(Role.Auditor) },
    );
    expect(await screen.findAllByTestId('violation-row')).toHaveLength(1);
    become('live');
    become('reconnecting');
    expect(network.asked.filter((n) => n === 'PolicyViolations')).toHaveLength(1);
    become('live');
    await waitFor(() => expect(screen.getAllByTestId('violation-row')).toHaveLength(2));
    expect(network.asked.filter((n) => n === 'PolicyViolations')).toHaveLength(2);
  });

  it('subscribes to nothing without a live connection', async () => {
    const network = fakeNetwork([[violation(2)]]);
    renderPage(<ViolationsPanel policyId={POLICY} />, { link: network.link, viewer: viewerFor(Role.Auditor) });
    expect(await screen.findAllByTestId('violation-row')).toHaveLength(1);
    expect(network.asked).not.toContain('PolicyViolationChanged');
  });
});
