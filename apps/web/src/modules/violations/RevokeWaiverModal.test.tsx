import { notifications } from '@mantine/notifications';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderPage } from '../../test/render';
import { violation } from '../../test/fixtures';
import { RevokeWaiverModal } from './RevokeWaiverModal';
import { PolicyViolationWaiverRevoke } from './violation.operations';

jest.mock('@mantine/notifications', () => ({ ...jest.requireActual('@mantine/notifications'), notifications: { show: jest.fn() } }));

const waived = violation();
const revokeRequest = { query: PolicyViolationWaiverRevoke, variables: { input: { violationId: waived.id } } };

describe('revoking a waiver', () => {
  it('asks first, revokes, says so and closes', async () => {
    const onClose = jest.fn();
    renderPage(<RevokeWaiverModal violation={waived} refetch={[]} onClose={onClose} />, {
      mocks: [
        {
          request: revokeRequest,
          result: {
            data: {
              policyViolationWaiverRevoke: {
                __typename: 'PolicyViolationPayload',
                violation: { ...waived, status: 'OPEN', agent: { ...waived.agent!, complianceStatus: 'NON_COMPLIANT' } },
                userErrors: [],
              },
            },
          },
        },
      ],
    });
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/Revoke the waiver of “Change review before deploy”/)).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Revoke waiver' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(notifications.show).toHaveBeenCalledWith(expect.objectContaining({ title: 'Waiver revoked' }));
  });

  it("keeps the dialog open with the API's refusal", async () => {
    const onClose = jest.fn();
    renderPage(<RevokeWaiverModal violation={waived} refetch={[]} onClose={onClose} />, {
      mocks: [
        {
          request: revokeRequest,
          result: {
            data: {
              policyViolationWaiverRevoke: {
                __typename: 'PolicyViolationPayload',
                violation: null,
                userErrors: [
                  {
                    __typename: 'UserError',
                    field: ['input', 'violationId'],
                    message: 'Only a waived violation can have its waiver revoked',
                    code: 'CONFLICT',
                  },
                ],
              },
            },
          },
        },
      ],
    });
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Revoke waiver' }));
    expect(await within(dialog).findByText(/Only a waived violation can have its waiver revoked/)).toBeInTheDocument();
    expect(onClose).not.toHaveBeenCalled();
  });
});
