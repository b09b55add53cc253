import { screen, within } from '@testing-library/react';
import { renderPage } from '../../test/render';
import SkillDetailPage, { INSTALLATIONS_SHOWN, SkillDetailQuery } from './SkillDetailPage';

const id = 'U2tpbGw6MQ==';
const route = { route: `/skills/${encodeURIComponent(id)}`, path: '/skills/:id' };
const request = { query: SkillDetailQuery, variables: { id, first: INSTALLATIONS_SHOWN } };

function skill(installations: unknown[]) {
  return {
    __typename: 'Skill',
    id,
    name: 'GitHub PR review',
    description: 'Reviews pull requests',
    version: '1.2.0',
    category: 'ENGINEERING',
    status: 'PUBLISHED',
    compatibleRoles: ['engineering'],
    permissions: ['read:repo', 'write:comments'],
    installCount: installations.length,
    rating: 4.5,
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
    installations: { __typename: 'SkillInstallationConnection', totalCount: installations.length, nodes: installations },
  };
}

const installation = {
  __typename: 'SkillInstallation',
  id: 'U2tpbGxJbnN0YWxsYXRpb246MQ==',
  installedAt: new Date().toISOString(),
  grantedPermissions: ['read:repo', 'write:comments'],
  installedBy: { __typename: 'User', id: 'VXNlcjoy', fullName: 'Dev Dhillon' },
  agent: { __typename: 'Agent', id: 'QWdlbnQ6MQ==', name: 'Code Reviewer', status: 'DEPLOYED' },
};

describe('SkillDetailPage', () => {
  it('shows progress, then the permissions it asks for and the agents it is installed on, with who installed it', async () => {
    renderPage(<SkillDetailPage />, { ...route, mocks: [{ request, result: { data: { skill: skill([installation]) } }, delay: 10 }] });
    expect(screen.getByText('Loading this skill…')).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'GitHub PR review 1.2.0' })).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Permissions' })).getByText('write:comments')).toBeInTheDocument();
    const row = within(screen.getByTestId('skill-installations')).getByTestId('installation-row');
    expect(within(row).getByRole('link', { name: 'Code Reviewer' })).toHaveAttribute('href', `/agents/${encodeURIComponent('QWdlbnQ6MQ==')}`);
    expect(within(row).getByText('by Dev Dhillon')).toBeInTheDocument();
  });

  it('says when no agent has it installed', async () => {
    renderPage(<SkillDetailPage />, { ...route, mocks: [{ request, result: { data: { skill: skill([]) } } }] });
    expect(await screen.findByText('No agent has it installed.')).toBeInTheDocument();
  });

  it("says so when the skill does not exist or is another tenant's", async () => {
    renderPage(<SkillDetailPage />, {
      ...route,
      mocks: [{ request, result: { data: { skill: null }, errors: [{ message: 'Skill not found', extensions: { code: 'NOT_FOUND' } }] } }],
    });
    expect(await screen.findByText('No such skill')).toBeInTheDocument();
  });
});
