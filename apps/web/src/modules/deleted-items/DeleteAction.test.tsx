import type { MockLink } from '@apollo/client/testing';
import { notifications } from '@mantine/notifications';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { DeletedItemKind } from '../../gql/graphql';
import { renderPage } from '../../test/render';
import { DeleteAction, type PageKind } from './DeleteAction';
import { BudgetSoftDelete, PolicyDelete } from './delete.operations';

// Mantine's notification container swipes with an AbortSignal this jsdom refuses: record the calls instead.
jest.mock('@mantine/notifications', () => ({ ...jest.requireActual('@mantine/notifications'), notifications: { show: jest.fn() } }));

const RESTORABLE_UNTIL = '2027-01-03T10:00:00.000Z';

function deletedItem(kind: DeletedItemKind, id: string, name: string) {
  return {
    __typename: 'DeletedItem',
    id,
    kind,
    name,
    deletedAt: '2026-12-04T10:00:00.000Z',
    restorableUntil: RESTORABLE_UNTIL,
    personId: null,
    deletedBy: { __typename: 'User', id: 'VXNlcjox', fullName: 'Ada Admin' },
  };
}

function renderAt(kind: PageKind, item: { id: string; name: string }, list: string, mocks: MockLink.MockedResponse[]) {
  return renderPage(
    <Routes>
      <Route path={`${list}/:id`} element={<DeleteAction kind={kind} item={item} />} />
      <Route path={list} element={<h1>The list</h1>} />
    </Routes>,
    { route: `${list}/${encodeURIComponent(item.id)}`, mocks },
  );
}

describe('DeleteAction', () => {
  beforeEach(() => jest.mocked(notifications.show).mockClear());

  it('asks first, deletes the budget by its budgetId, says until when it can be restored, then goes to the budgets', async () => {
    const budget = { id: 'QnVkZ2V0OjE=', name: 'Cloud' };
    renderAt(DeletedItemKind.Budget, budget, '/budgets', [
      {
        request: { query: BudgetSoftDelete, variables: { input: { budgetId: budget.id } } },
        result: {
          data: { budgetDelete: { __typename: 'BudgetDeletePayload', deleted: deletedItem(DeletedItemKind.Budget, budget.id, 'Cloud'), userErrors: [] } },
        },
      },
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete Cloud?' });
    expect(within(dialog).getByText(/can be restored from Recently deleted until its plan’s retention period ends/)).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByRole('heading', { name: 'The list' })).toBeInTheDocument();
    expect(notifications.show).toHaveBeenCalledWith(
      expect.objectContaining({ title: 'Cloud deleted', message: expect.stringMatching(/^It can be restored until .*2027.* from Recently deleted\.$/) }),
    );
  });

  it('keeps the dialog open with the reason when the API refuses, and stays on the page', async () => {
    const policy = { id: 'UG9saWN5OjE=', name: 'No shell access' };
    renderAt(DeletedItemKind.Policy, policy, '/policies', [
      {
        request: { query: PolicyDelete, variables: { input: { id: policy.id } } },
        result: {
          data: {
            policyDelete: {
              __typename: 'DeletePayload',
              deleted: null,
              userErrors: [{ __typename: 'UserError', field: ['input', 'id'], message: 'Only admins and developers delete policies', code: 'BAD_USER_INPUT' }],
            },
          },
        },
      },
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete No shell access?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(await within(dialog).findByText('Only admins and developers delete policies')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'The list' })).not.toBeInTheDocument());
    expect(notifications.show).not.toHaveBeenCalled();
  });
});
