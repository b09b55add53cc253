import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PERMISSION_NAMES, PermissionName, SYSTEM_ROLE_PERMISSIONS } from './permissions';
import { inRoleGroup, ROLE_GROUPS, RoleGroup } from './role-groups';
import { Role, ROLES } from './roles';

const MODULES = join(__dirname, '..', 'modules');

function moduleSources(): { file: string; text: string }[] {
  return readdirSync(MODULES, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((file) => ({ file, text: readFileSync(join(MODULES, file), 'utf8') }));
}

/** The system roles in each group before groups became permissions: the permission sets must keep them exactly. */
const BEFORE_PERMISSIONS: Record<RoleGroup, Role[]> = {
  admins: [Role.ADMIN],
  memberManagers: [Role.ADMIN],
  roleManagers: [Role.ADMIN],
  apiKeyManagers: [Role.ADMIN],
  builders: [Role.ADMIN, Role.DEVELOPER],
  moneyReaders: [Role.ADMIN, Role.DEVELOPER, Role.ANALYST],
  costExporters: [Role.ADMIN, Role.ANALYST],
  trailReaders: [Role.ADMIN, Role.AUDITOR],
  violationReaders: [Role.ADMIN, Role.DEVELOPER, Role.COMPLIANCE_OFFICER, Role.AUDITOR],
  budgetReaders: [Role.ADMIN, Role.DEVELOPER, Role.ANALYST, Role.COMPLIANCE_OFFICER, Role.AUDITOR],
  complianceOwners: [Role.ADMIN, Role.COMPLIANCE_OFFICER],
  complianceReaders: [Role.ADMIN, Role.COMPLIANCE_OFFICER, Role.AUDITOR],
  processAuthors: [Role.ADMIN, Role.DEVELOPER, Role.COMPLIANCE_OFFICER],
  hrManagers: [Role.ADMIN, Role.HR_MANAGER],
};

describe('role groups', () => {
  it('are declared once, in auth/role-groups.ts: no module grants to a list of roles of its own', () => {
    const own = moduleSources()
      .filter(({ text }) => /\bhasRole\(|\[\s*Role\.\w+\s*,/.test(text))
      .map(({ file }) => file);
    expect(own).toEqual([]);
  });

  it('are each one permission, each group a different one', () => {
    const permissions = Object.values(ROLE_GROUPS);
    expect(new Set(permissions).size).toBe(permissions.length);
    for (const permission of permissions) expect(PERMISSION_NAMES).toContain(permission);
  });

  it('hold, for the system roles, exactly the roles they held before permissions', () => {
    for (const group of Object.keys(ROLE_GROUPS) as RoleGroup[]) {
      const holders = ROLES.filter((role) => inRoleGroup(group, { role }));
      expect({ group, holders: [...holders].sort() }).toEqual({ group, holders: [...BEFORE_PERMISSIONS[group]].sort() });
    }
  });

  it('hold for a custom role exactly by its permissions, and for nobody without a role', () => {
    const custom = { role: null, customRole: { id: 'r', name: 'Agent operator', permissions: [ROLE_GROUPS.builders] } };
    expect((Object.keys(ROLE_GROUPS) as RoleGroup[]).filter((g) => inRoleGroup(g, custom))).toEqual(['builders']);
    expect((Object.keys(ROLE_GROUPS) as RoleGroup[]).filter((g) => inRoleGroup(g, { role: null }))).toEqual([]);
  });

  it("give admins every permission but reading HR personal fields (the tenant's HR settings decide), and viewers none", () => {
    expect([...SYSTEM_ROLE_PERMISSIONS[Role.ADMIN]].sort()).toEqual(PERMISSION_NAMES.filter((p) => p !== PermissionName.HR_READ_PII).sort());
    expect(SYSTEM_ROLE_PERMISSIONS[Role.HR_MANAGER]).toEqual([PermissionName.HR_MANAGE, PermissionName.HR_READ_PII]);
    expect(SYSTEM_ROLE_PERMISSIONS[Role.VIEWER]).toEqual([]);
  });
});
