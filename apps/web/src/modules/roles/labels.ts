import { PermissionName } from '../../gql/graphql';

/** The permissions as the API's docs name them (docs/permissions.md). */
export const PERMISSION_LABELS: Record<PermissionName, string> = {
  [PermissionName.TenantManage]: 'tenant.manage',
  [PermissionName.MembersManage]: 'members.manage',
  [PermissionName.RolesManage]: 'roles.manage',
  [PermissionName.ApiKeysManage]: 'api_keys.manage',
  [PermissionName.AgentsWrite]: 'agents.write',
  [PermissionName.CostsReadAmounts]: 'costs.read_amounts',
  [PermissionName.CostsExport]: 'costs.export',
  [PermissionName.AuditRead]: 'audit.read',
  [PermissionName.ViolationsRead]: 'violations.read',
  [PermissionName.BudgetsRead]: 'budgets.read',
  [PermissionName.ComplianceManage]: 'compliance.manage',
  [PermissionName.ComplianceRead]: 'compliance.read',
  [PermissionName.WorkflowsWrite]: 'workflows.write',
  [PermissionName.HrManage]: 'hr.manage',
  [PermissionName.HrReadPii]: 'hr.read_pii',
};

/** "1 member, 2 API keys and 1 pending invitation"; null when nobody holds the role. */
export function holdersText(role: { memberCount: number; apiKeyCount: number; invitationCount: number }): string | null {
  const parts = [
    [role.memberCount, 'member'],
    [role.apiKeyCount, 'API key'],
    [role.invitationCount, 'pending invitation'],
  ]
    .filter(([n]) => Number(n) > 0)
    .map(([n, noun]) => `${n} ${noun}${n === 1 ? '' : 's'}`);
  if (!parts.length) return null;
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0];
}
