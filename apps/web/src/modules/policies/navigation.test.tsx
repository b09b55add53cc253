import { Shell } from '../../app/shell/Shell';
import { ShellViewer } from '../../app/shell/viewer';
import { Role } from '../../gql/graphql';
import { allNavigationLinks } from '../../test/navigation';
import { renderPage, viewerFor } from '../../test/render';

async function links(role: Role) {
  renderPage(<Shell />, { viewer: null, mocks: [{ request: { query: ShellViewer }, result: { data: { viewer: viewerFor(role) } } }] });
  return allNavigationLinks();
}

const governance = ['Agents', 'Models', 'Skills', 'Policies', 'Violations'];
const shown = (all: string[]) => governance.filter((page) => all.some((l) => l.startsWith(page)));

describe('governance pages in the navigation', () => {
  it.each([
    [Role.Admin, governance],
    [Role.Developer, governance],
    [Role.ComplianceOfficer, governance],
    [Role.Auditor, governance],
    [Role.Analyst, ['Agents', 'Models', 'Skills', 'Policies']],
    [Role.Viewer, ['Agents', 'Models', 'Skills', 'Policies']],
  ])('shows %s the pages the role may read', async (role, expected) => {
    expect(shown(await links(role))).toEqual(expected);
  });
});
