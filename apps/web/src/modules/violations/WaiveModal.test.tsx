import { notifications } from '@mantine/notifications';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import dayjs from 'dayjs';
import { renderPage } from '../../test/render';
import { violation } from '../../test/fixtures';
import { PolicyViolationWaive } from './violation.operations';
import { waiveProblems, WaiveModal } from './WaiveModal';

// Mantine's notification container swipes with an AbortSignal this jsdom refuses: record the calls instead.
jest.mock('@mantine/notifications', () => ({ ...jest.requireActual('@mantine/notifications'), notifications: { show: jest.fn() } }));

const blocked = violation();
const waiveRequest = (reason: string) => ({ query: PolicyViolationWaive, variables: { input: { violationId: blocked.id, reason, expiresAt: null } } });

describe('waiving a violation', () => {
  it('needs a reason and an expiry in the future, before anything is sent', () => {
    const now = dayjs('2026-11-23T12:00:00');
    expect(waiveProblems({ reason: '', expiresAt: null }, now).reason).toMatch(/Say why/);
    expect(waiveProblems({ reason: '   ', expiresAt: null }, now).reason).toMatch(/Say why/);
    expect(waiveProblems({ reason: 'x'.repeat(1001), expiresAt: null }, now).reason).toMatch(/1000/);
    expect(waiveProblems({ reason: 'Approved', expiresAt: '2026-11-23 11:59:00' }, now).expiresAt).toMatch(/future/);
    expect(waiveProblems({ reason: 'Approved', expiresAt: '2026-12-01 09:00:00' }, now)).toEqual({});
    expect(waiveProblems({ reason: 'Approved', expiresAt: null }, now)).toEqual({});
  });

  it('refuses to send a waiver without a reason, and says so next to the field', async () => {
    // No mocks: a request would fail the test with "No more mocked responses".
    renderPage(<WaiveModal violation={blocked} onClose={() => {}} />);
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/Rule “Change review before deploy” on/)).toBeInTheDocument();
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Reason/ }), '   ');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Waive' }));
    const error = await within(dialog).findByText('Say why the agent may break the rule');
    expect(
      within(dialog)
        .getByRole('textbox', { name: /^Reason/ })
        .closest('.mantine-Textarea-root'),
    ).toContainElement(error);
    expect(within(dialog).getByRole('textbox', { name: /^Reason/ })).toHaveAttribute('aria-invalid', 'true');
  });

  it('sends the trimmed reason, without an expiry when none is chosen, and closes', async () => {
    const onClose = jest.fn();
    renderPage(<WaiveModal violation={blocked} onClose={onClose} />, {
      mocks: [
        {
          request: waiveRequest('Change review CR-1042 approved it'),
          result: {
            data: {
              policyViolationWaive: {
                __typename: 'PolicyViolationPayload',
                violation: { ...blocked, status: 'WAIVED', agent: { ...blocked.agent!, complianceStatus: 'COMPLIANT' } },
                userErrors: [],
              },
            },
          },
        },
      ],
    });
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Reason/ }), '  Change review CR-1042 approved it ');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Waive' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(notifications.show).toHaveBeenCalledWith(expect.objectContaining({ title: 'Violation waived' }));
  });

  it("shows the server's refusal next to the field it names, and the rest above the buttons", async () => {
    renderPage(<WaiveModal violation={blocked} onClose={() => {}} />, {
      mocks: [
        {
          request: waiveRequest('Approved'),
          result: {
            data: {
              policyViolationWaive: {
                __typename: 'PolicyViolationPayload',
                violation: null,
                userErrors: [
                  { __typename: 'UserError', field: ['input', 'reason'], message: 'A waiver needs a reason', code: 'BAD_USER_INPUT' },
                  {
                    __typename: 'UserError',
                    field: ['input', 'violationId'],
                    message: 'Only an open or blocked violation can be waived; this one is resolved',
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
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Reason/ }), 'Approved');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Waive' }));
    const error = await within(dialog).findByText('A waiver needs a reason');
    expect(
      within(dialog)
        .getByRole('textbox', { name: /^Reason/ })
        .closest('.mantine-Textarea-root'),
    ).toContainElement(error);
    expect(within(dialog).getByRole('alert')).toHaveTextContent('this one is resolved');
  });
});
