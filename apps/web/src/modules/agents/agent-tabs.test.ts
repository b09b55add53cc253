import { PermissionName, Role } from '../../gql/graphql';
import { SYSTEM_ROLE_PERMISSIONS } from '../../app/access';
import { agentTabs } from './agent-tabs';

const systemRole = (role: Role) => agentTabs({ role, isPlatformAdmin: false });
const customRole = (permissions: PermissionName[]) => agentTabs({ role: null, isPlatformAdmin: false, isMember: true, permissions });

describe("the agent page's tabs", () => {
  it('show AI tasks to the system roles that hold budgets.read, and to no other', () => {
    for (const role of Object.values(Role)) {
      expect({ role, tasks: systemRole(role).includes('tasks') }).toEqual({
        role,
        tasks: SYSTEM_ROLE_PERMISSIONS[role].includes(PermissionName.BudgetsRead),
      });
    }
    expect(systemRole(Role.Viewer)).not.toContain('tasks');
    expect(systemRole(Role.Auditor)).toContain('tasks');
  });

  it('follow a custom role by the permissions it holds, not by any system role', () => {
    expect(customRole([PermissionName.BudgetsRead])).toEqual(['overview', 'health', 'skills', 'channels', 'activity', 'tasks', 'policies']);
    expect(customRole([PermissionName.AgentsWrite])).toEqual(['overview', 'health', 'configuration', 'skills', 'channels', 'activity', 'policies']);
    expect(customRole([PermissionName.AgentsWrite, PermissionName.BudgetsRead, PermissionName.ViolationsRead])).toEqual([
      'overview',
      'health',
      'configuration',
      'skills',
      'channels',
      'activity',
      'tasks',
      'violations',
      'policies',
    ]);
    expect(customRole([PermissionName.ComplianceRead])).not.toContain('tasks');
    // A member whose role grants nothing sees the inventory tabs only.
    expect(customRole([])).toEqual(['overview', 'health', 'skills', 'channels', 'activity', 'policies']);
  });
});
