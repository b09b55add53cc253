import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ComplianceRequirementStatus, type RequirementRowFragment } from '../../gql/graphql';
import { renderPage } from '../../test/render';
import { descendantCount, RequirementTree, siblingPlaces, visibleRequirements } from './RequirementTree';

function requirement(
  id: string,
  code: string,
  parent: string | null,
  status: ComplianceRequirementStatus = ComplianceRequirementStatus.NotMet,
  depth = parent ? 1 : 0,
): RequirementRowFragment {
  return {
    __typename: 'ComplianceRequirement',
    id,
    code,
    title: `Title of ${code}`,
    description: '',
    depth,
    parent: parent ? { __typename: 'ComplianceRequirement', id: parent } : null,
    weight: 1,
    evidenceRequired: false,
    applicable: status !== ComplianceRequirementStatus.NotApplicable,
    notApplicableReason: status === ComplianceRequirementStatus.NotApplicable ? 'We train no models' : null,
    status,
    responsible: null,
    controls: [],
    exception: null,
  };
}

const tree = [
  requirement('a', 'A.2', null),
  requirement('a1', 'A.2.2', 'a', ComplianceRequirementStatus.Met),
  requirement('a2', 'A.2.3', 'a', ComplianceRequirementStatus.NotApplicable),
  requirement('b', 'A.3', null),
  requirement('b1', 'A.3.2', 'b'),
];

const actions = {
  onNotApplicable: jest.fn(),
  onApplicable: jest.fn(),
  onException: jest.fn(),
  onEdit: jest.fn(),
  onAddChild: jest.fn(),
  onMove: jest.fn(),
  onDelete: jest.fn(),
};

describe('the requirement tree', () => {
  it('hides the descendants of collapsed requirements, in tree order', () => {
    expect(visibleRequirements(tree, new Set()).map((r) => r.code)).toEqual(['A.2', 'A.2.2', 'A.2.3', 'A.3', 'A.3.2']);
    expect(visibleRequirements(tree, new Set(['a'])).map((r) => r.code)).toEqual(['A.2', 'A.3', 'A.3.2']);
  });

  it('shows each status and why a requirement does not apply, and collapses a branch', async () => {
    renderPage(<RequirementTree requirements={tree} manage={false} actions={actions} />);
    const rows = await screen.findAllByTestId('requirement-row');
    expect(rows.map((r) => r.getAttribute('data-status'))).toEqual(['NOT_MET', 'MET', 'NOT_APPLICABLE', 'NOT_MET', 'NOT_MET']);
    expect(screen.getByText('Not applicable: We train no models')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /not applicable/ })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Collapse A.2' }));
    expect(screen.getAllByTestId('requirement-row').map((r) => r.getAttribute('data-requirement-code'))).toEqual(['A.2', 'A.3', 'A.3.2']);
    expect(screen.getByRole('button', { name: 'Expand A.2' })).toHaveAttribute('aria-expanded', 'false');
  });

  it('offers compliance officers applicability and exceptions per requirement', async () => {
    renderPage(<RequirementTree requirements={tree} manage actions={actions} />);
    const row = (await screen.findAllByTestId('requirement-row'))[2];
    await userEvent.click(within(row).getByRole('button', { name: 'Mark A.2.3 applicable' }));
    expect(actions.onApplicable).toHaveBeenCalledWith(expect.objectContaining({ code: 'A.2.3' }));
    await userEvent.click(screen.getByRole('button', { name: 'Mark A.3.2 not applicable' }));
    expect(actions.onNotApplicable).toHaveBeenCalledWith(expect.objectContaining({ code: 'A.3.2' }));
  });

  it('knows where each requirement stands among its siblings, and what is below it', () => {
    const places = siblingPlaces(tree);
    expect(places.get('a')).toEqual({ index: 0, count: 2 });
    expect(places.get('b')).toEqual({ index: 1, count: 2 });
    expect(places.get('a2')).toEqual({ index: 1, count: 2 });
    expect(places.get('b1')).toEqual({ index: 0, count: 1 });
    expect(descendantCount(tree, 'a')).toBe(2);
    expect(descendantCount(tree, 'a1')).toBe(0);
  });

  it('lets compliance officers edit, add under, move and delete a requirement from its menu', async () => {
    renderPage(<RequirementTree requirements={tree} manage actions={actions} />);
    await userEvent.click(await screen.findByRole('button', { name: 'More actions for A.2.3' }));
    expect(await screen.findByRole('menuitem', { name: 'Move down' })).toBeDisabled();
    await userEvent.click(screen.getByRole('menuitem', { name: 'Move up' }));
    expect(actions.onMove).toHaveBeenCalledWith(expect.objectContaining({ code: 'A.2.3' }), 0);
    await userEvent.click(screen.getByRole('button', { name: 'More actions for A.2' }));
    expect(await screen.findByRole('menuitem', { name: 'Move up' })).toBeDisabled();
    await userEvent.click(screen.getByRole('menuitem', { name: 'Move down' }));
    expect(actions.onMove).toHaveBeenCalledWith(expect.objectContaining({ code: 'A.2' }), 1);
    await userEvent.click(screen.getByRole('button', { name: 'More actions for A.3' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Add a requirement under it' }));
    expect(actions.onAddChild).toHaveBeenCalledWith(expect.objectContaining({ code: 'A.3' }));
    await userEvent.click(screen.getByRole('button', { name: 'More actions for A.3.2' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Delete' }));
    expect(actions.onDelete).toHaveBeenCalledWith(expect.objectContaining({ code: 'A.3.2' }));
    await userEvent.click(screen.getByRole('button', { name: 'More actions for A.3.2' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Edit' }));
    expect(actions.onEdit).toHaveBeenCalledWith(expect.objectContaining({ code: 'A.3.2' }));
  });
});
