import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PermissionName, Role } from '../../gql/graphql';
import { renderPage, viewerFor } from '../../test/render';
import ControlsPage, { ControlsQuery } from './ControlsPage';

const OWN_AGENTS = 'The controls that cover your agents: the policies that check them and the frameworks they count in.';
const ALL_CONTROLS = /^Your own measures, each mapped to requirements in any framework/;

const controls = (withDetails: boolean) => ({
  request: { query: ControlsQuery, variables: { first: 50, filter: { search: null, status: null }, withDetails } },
  result: {
    data: {
      complianceControls: {
        __typename: 'ComplianceControlConnection',
        totalCount: 0,
        nodes: [],
        pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
      },
    },
  },
});

const custom = (permissions: PermissionName[]) => viewerFor(null, { isMember: true, customRoleName: 'Custom', permissions });

describe('the controls page says what the viewer is answered, by permission', () => {
  it.each([
    ['a developer', viewerFor(Role.Developer), false],
    ['a custom role holding agents.write only', custom([PermissionName.AgentsWrite]), false],
    ['a compliance officer', viewerFor(Role.ComplianceOfficer), true],
    ['a custom role holding compliance.read and agents.write', custom([PermissionName.ComplianceRead, PermissionName.AgentsWrite]), true],
  ])('%s', async (_who, viewer, readsAll) => {
    renderPage(<ControlsPage />, { viewer, mocks: [controls(readsAll)] });
    expect(await screen.findByText('No controls')).toBeInTheDocument();
    if (readsAll) {
      expect(screen.getByText(ALL_CONTROLS)).toBeInTheDocument();
      expect(screen.queryByText(OWN_AGENTS)).not.toBeInTheDocument();
    } else {
      expect(screen.getByText(OWN_AGENTS)).toBeInTheDocument();
      expect(screen.queryByText(ALL_CONTROLS)).not.toBeInTheDocument();
    }
  });
});

describe('the controls list', () => {
  it('appends the next page, read through nodes, on "Load more"', async () => {
    const control = (n: number) => ({
      __typename: 'ComplianceControl',
      id: `Q29tcGxpYW5jZUNvbnRyb2w6${n}`,
      name: `Control ${n}`,
      status: 'PASSING',
      automated: false,
      evidenceRequired: true,
      reviewFrequency: 'QUARTERLY',
      nextReviewDue: null,
      statusComputedAt: null,
      owner: null,
      requirements: [],
    });
    const variables = { first: 50, filter: { search: null, status: null }, withDetails: true };
    const page = (ns: number[], hasNextPage: boolean, endCursor: string | null) => ({
      data: {
        complianceControls: {
          __typename: 'ComplianceControlConnection',
          totalCount: 3,
          nodes: ns.map(control),
          pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor },
        },
      },
    });
    renderPage(<ControlsPage />, {
      viewer: viewerFor(Role.ComplianceOfficer),
      mocks: [
        { request: { query: ControlsQuery, variables }, result: page([1, 2], true, 'c1') },
        { request: { query: ControlsQuery, variables: { ...variables, after: 'c1' } }, result: page([3], false, 'c2') },
      ],
    });
    expect(await screen.findByText('Showing 2 of 3 controls')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('Showing 3 of 3 controls')).toBeInTheDocument();
    expect(screen.getAllByTestId('control-row').map((r) => r.getAttribute('data-control-name'))).toEqual(['Control 1', 'Control 2', 'Control 3']);
  });
});
