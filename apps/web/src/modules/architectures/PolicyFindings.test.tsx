import { screen, within } from '@testing-library/react';
import { renderPage } from '../../test/render';
import { Findings, outcomeOf } from './PolicyFindings';

const finding = { policyName: 'Production designs need approval', ruleName: 'approve-production', message: 'Production designs are reviewed first' };

describe('architecture policy findings', () => {
  it('says a held activation is not applied and links to its approval request', async () => {
    const outcome = outcomeOf({
      policyViolations: [],
      policyWarnings: [],
      policyHolds: [finding],
      heldForApproval: { id: 'QXBwcm92YWxSZXF1ZXN0Ojc=', title: 'Activate Support stack' },
    });
    renderPage(<Findings {...outcome} />);
    const held = await screen.findByTestId('held-for-approval');
    expect(within(held).getByText('Waiting for approval: not applied yet')).toBeInTheDocument();
    expect(within(held).getByTestId('policy-finding')).toHaveTextContent('Production designs need approval: Production designs are reviewed first');
    expect(within(held).getByRole('link', { name: 'Open the approval request: Activate Support stack' })).toHaveAttribute(
      'href',
      '/approvals/QXBwcm92YWxSZXF1ZXN0Ojc%3D',
    );
    expect(screen.queryByText('Refused by policy')).not.toBeInTheDocument();
  });

  it('shows a refusal, and nothing when the policies had nothing to say', async () => {
    const { unmount } = renderPage(<Findings {...outcomeOf({ policyViolations: [finding], policyWarnings: [] })} />);
    expect(await screen.findByText('Refused by policy')).toBeInTheDocument();
    expect(screen.queryByTestId('held-for-approval')).not.toBeInTheDocument();
    unmount();
    renderPage(<Findings {...outcomeOf(null)} />);
    expect(screen.queryByTestId('policy-findings')).not.toBeInTheDocument();
  });
});
