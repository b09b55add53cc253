import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import dayjs from 'dayjs';
import { ComplianceEvidenceKind, ComplianceEvidenceStatus, type EvidenceInboxRowFragment, Role } from '../../gql/graphql';
import { renderPage, viewerFor } from '../../test/render';
import { EvidenceApprove, reviewProblems, ReviewModal } from './ReviewModal';

jest.mock('@mantine/notifications', () => ({ ...jest.requireActual('@mantine/notifications'), notifications: { show: jest.fn() } }));

const uploader = { __typename: 'User' as const, id: 'VXNlcjo0', fullName: 'Carla Compliance' };
const evidence: EvidenceInboxRowFragment = {
  __typename: 'ComplianceEvidence',
  id: 'Q29tcGxpYW5jZUV2aWRlbmNlOjE=',
  kind: ComplianceEvidenceKind.Note,
  title: 'Model risk assessment 2026',
  note: 'Signed off by the AI governance board on 2026-11-30',
  url: null,
  status: ComplianceEvidenceStatus.InReview,
  submittedAt: new Date().toISOString(),
  renewalDue: null,
  reviewComment: null,
  control: { __typename: 'ComplianceControl', id: 'Q29tcGxpYW5jZUNvbnRyb2w6MQ==', name: 'AI risk assessment' },
  uploadedBy: uploader,
  reviewedBy: null,
  file: null,
};
const renewalDue = dayjs().add(1, 'year').format('YYYY-MM-DD');
const approveRequest = { query: EvidenceApprove, variables: { input: { evidenceId: evidence.id, renewalDue, comment: null } } };

describe('reviewing evidence', () => {
  it('checks what the API checks before anything is sent', () => {
    const today = '2026-12-03';
    expect(reviewProblems({ verdict: 'approve', renewalDue: null, comment: '' }, today).renewalDue).toMatch(/renewed/);
    expect(reviewProblems({ verdict: 'approve', renewalDue: '2026-12-03', comment: '' }, today).renewalDue).toMatch(/after today/);
    expect(reviewProblems({ verdict: 'approve', renewalDue: '2027-12-03', comment: '' }, today)).toEqual({});
    expect(reviewProblems({ verdict: 'reject', renewalDue: null, comment: ' ' }, today).comment).toMatch(/what is missing/);
    expect(reviewProblems({ verdict: 'reject', renewalDue: null, comment: 'No signature' }, today)).toEqual({});
  });

  it('tells the uploader up front, and shows the four-eyes refusal as a clear error when they try anyway', async () => {
    const onClose = jest.fn();
    renderPage(<ReviewModal evidence={evidence} initialVerdict="approve" onClose={onClose} />, {
      viewer: viewerFor(Role.ComplianceOfficer, { user: { __typename: 'User', id: uploader.id, fullName: uploader.fullName, email: 'compliance@acme.test' } }),
      mocks: [
        {
          request: approveRequest,
          result: {
            data: {
              complianceEvidenceApprove: {
                __typename: 'ComplianceEvidencePayload',
                evidence: null,
                userErrors: [
                  {
                    __typename: 'UserError',
                    field: ['input', 'evidenceId'],
                    message: 'Four eyes: evidence is reviewed by someone other than its uploader',
                    code: 'FOUR_EYES',
                  },
                ],
              },
            },
          },
        },
      ],
    });
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByTestId('own-upload')).toHaveTextContent('four-eyes');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Approve evidence' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Four eyes: another compliance officer must review it');
    expect(alert).toHaveTextContent('someone other than its uploader');
    expect(onClose).not.toHaveBeenCalled();
  });

  it('approves with a renewal date as another officer, and closes', async () => {
    const onClose = jest.fn();
    renderPage(<ReviewModal evidence={evidence} initialVerdict="approve" onClose={onClose} />, {
      viewer: viewerFor(Role.ComplianceOfficer),
      mocks: [
        {
          request: approveRequest,
          result: {
            data: {
              complianceEvidenceApprove: {
                __typename: 'ComplianceEvidencePayload',
                evidence: { __typename: 'ComplianceEvidence', id: evidence.id, status: 'APPROVED', reviewedAt: new Date().toISOString(), renewalDue },
                userErrors: [],
              },
            },
          },
        },
      ],
    });
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).queryByTestId('own-upload')).not.toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Approve evidence' }));
    await screen.findByRole('dialog');
    await new Promise((r) => setTimeout(r, 50));
    expect(onClose).toHaveBeenCalled();
  });
});
