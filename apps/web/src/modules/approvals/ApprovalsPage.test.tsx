import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Role } from '../../gql/graphql';
import { connection } from '../../test/data';
import { renderPage, viewerFor } from '../../test/render';
import { requestRow, step } from './approval.fixtures';
import { ApprovalInboxCountQuery, ApprovalInboxQuery, ApprovalRequestsQuery } from './approval.operations';
import ApprovalsPage from './ApprovalsPage';
import InboxCount from './InboxCount';

const hours = (n: number) => new Date(Date.now() + n * 3600_000).toISOString();

const inbox = {
  request: { query: ApprovalInboxQuery, variables: { first: 25 } },
  result: {
    data: {
      approvalInbox: {
        __typename: 'ApprovalRequestConnection',
        ...connection([
          requestRow({ id: 'QXBwcm92YWxSZXF1ZXN0OjI=', title: 'Loosen the PII policy', kind: 'POLICY_CHANGE', deadline: hours(-2) }),
          requestRow({
            deadline: hours(5),
            currentStep: step({
              mode: 'MAJORITY',
              requiredApprovals: 3,
              approvals: 1,
              eligibleDeciders: [1, 2, 3, 4].map((n) => ({ __typename: 'User', id: `VXNlcjo${n}`, fullName: `Person ${n}` })),
            }),
          }),
          requestRow({ id: 'QXBwcm92YWxSZXF1ZXN0OjM=', title: 'Quarterly access review', kind: 'MANUAL', deadline: null }),
        ]),
      },
    },
  },
};

describe('the approvals inbox', () => {
  it('lists what waits for me with its deadline, overdue first, and the progress of its step', async () => {
    renderPage(<ApprovalsPage />, { viewer: viewerFor(Role.ComplianceOfficer), mocks: [inbox] });
    const rows = await screen.findAllByTestId('approval-row');
    expect(rows.map((r) => r.getAttribute('data-approval-title'))).toEqual(['Loosen the PII policy', 'Deploy Contract reviewer', 'Quarterly access review']);
    expect(within(rows[0]).getByTestId('deadline')).toHaveTextContent(/overdue, 2 hours ago/);
    expect(within(rows[1]).getByTestId('deadline')).toHaveTextContent(/due in 5 hours/);
    expect(within(rows[1]).getByTestId('approval-progress')).toHaveTextContent('Majority: 3 of 4 approve · 1 of 3 so far');
    expect(within(rows[2]).getByText('No deadline')).toBeInTheDocument();
    expect(within(rows[1]).getByRole('link', { name: 'Deploy Contract reviewer' })).toHaveAttribute('href', '/approvals/QXBwcm92YWxSZXF1ZXN0OjE%3D');
    expect(screen.getByRole('tab', { name: 'All requests' })).toBeInTheDocument();
  });

  it('follows what I asked for under "Asked by me", whatever its status', async () => {
    const mine = {
      request: { query: ApprovalRequestsQuery, variables: { first: 25, filter: { statuses: null, requestedByViewer: true } } },
      result: {
        data: {
          approvalRequests: {
            __typename: 'ApprovalRequestConnection',
            ...connection([requestRow({ id: 'QXBwcm92YWxSZXF1ZXN0Ojk=', title: 'Deploy Vendor Contract Reviewer' })]),
          },
        },
      },
    };
    renderPage(<ApprovalsPage />, { viewer: viewerFor(Role.Developer), mocks: [inbox, mine] });
    await userEvent.click(await screen.findByRole('tab', { name: 'Asked by me' }));
    const table = await screen.findByRole('table', { name: 'Requests I asked for' });
    expect(
      within(table)
        .getAllByTestId('approval-row')
        .map((r) => r.getAttribute('data-approval-title')),
    ).toEqual(['Deploy Vendor Contract Reviewer']);
  });

  it('appends the next page of the inbox and of "Asked by me" on "Load more"', async () => {
    const row = (n: number) => requestRow({ id: `QXBwcm92YWxSZXF1ZXN0OjE${n}`, title: `Request ${n}` });
    const page = (field: 'approvalInbox' | 'approvalRequests', ns: number[], offset: number, hasNextPage: boolean) => ({
      data: { [field]: { __typename: 'ApprovalRequestConnection', ...connection(ns.map(row), { hasNextPage, totalCount: 3, offset }) } },
    });
    const mineVariables = { first: 25, filter: { statuses: null, requestedByViewer: true } };
    renderPage(<ApprovalsPage />, {
      viewer: viewerFor(Role.Developer),
      mocks: [
        { request: { query: ApprovalInboxQuery, variables: { first: 25 } }, result: page('approvalInbox', [1, 2], 0, true) },
        { request: { query: ApprovalInboxQuery, variables: { first: 25, after: 'c1' } }, result: page('approvalInbox', [3], 2, false) },
        { request: { query: ApprovalRequestsQuery, variables: mineVariables }, result: page('approvalRequests', [4, 5], 0, true) },
        { request: { query: ApprovalRequestsQuery, variables: { ...mineVariables, after: 'c1' } }, result: page('approvalRequests', [6], 2, false) },
      ],
    });
    const titles = () => screen.getAllByTestId('approval-row').map((r) => r.getAttribute('data-approval-title'));
    expect(await screen.findByText('Showing 2 of 3 requests')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('Showing 3 of 3 requests')).toBeInTheDocument();
    expect(titles()).toEqual(expect.arrayContaining(['Request 1', 'Request 2', 'Request 3']));
    expect(titles()).toHaveLength(3);

    await userEvent.click(screen.getByRole('tab', { name: 'Asked by me' }));
    const table = await screen.findByRole('table', { name: 'Requests I asked for' });
    expect(await screen.findByText('Showing 2 of 3 requests')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('Showing 3 of 3 requests')).toBeInTheDocument();
    expect(
      within(table)
        .getAllByTestId('approval-row')
        .map((r) => r.getAttribute('data-approval-title')),
    ).toEqual(['Request 4', 'Request 5', 'Request 6']);
  });

  it('tells a viewer with nothing to decide what would show there', async () => {
    renderPage(<ApprovalsPage />, {
      viewer: viewerFor(Role.Viewer),
      mocks: [{ ...inbox, result: { data: { approvalInbox: { __typename: 'ApprovalRequestConnection', ...connection([]) } } } }],
    });
    expect(await screen.findByText('Nothing waits for you')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Waiting for me' })).toHaveAttribute('aria-selected', 'true');
  });

  it('counts what waits in the navigation, and shows nothing when nothing does', async () => {
    const count = (n: number) => ({
      request: { query: ApprovalInboxCountQuery },
      result: { data: { approvalInbox: { __typename: 'ApprovalRequestConnection', totalCount: n, edges: [] } } },
    });
    const { unmount } = renderPage(<InboxCount />, { mocks: [count(3)] });
    expect(await screen.findByTestId('approval-inbox-count')).toHaveTextContent('3 waiting for you');
    unmount();
    renderPage(<InboxCount />, { mocks: [count(0)] });
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByTestId('approval-inbox-count')).not.toBeInTheDocument();
  });
});
