import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PermissionName } from '../gql/graphql';
import { ALSO_OPENED_BY, allowed, type Capability, capabilityPermission, mayUse, roles, SYSTEM_ROLE_PERMISSIONS } from './access';

/**
 * The UI's capabilities against the API's permission map. docs/permissions.md is generated from the
 * API's shield rules (`pnpm permissions:render`; the API's permissions test fails when it is stale), so
 * a role the UI offers a control to that the API refuses, or the other way round, fails here.
 */
const MATRIX = resolve(__dirname, '../../../../docs/permissions.md');

/** The API fields each capability stands for: a role has the capability when the API grants it all of them outright. */
const API_FIELDS: Record<Capability, readonly string[] | { uiOnly: string }> = {
  'members.read': ['Query.members'],
  'members.manage': ['Mutation.membershipRoleChange', 'Mutation.membershipRemove'],
  'members.readEmail': ['User.email'],
  'members.readLastLogin': ['User.lastLoginAt'],
  'invitations.manage': ['Query.invitations', 'Mutation.invitationCreate', 'Mutation.invitationRevoke'],
  'apiKeys.read': ['Query.apiKeys'],
  'tenant.usage': ['Tenant.usage', 'Tenant.subscriptions'],
  'webhooks.manage': ['Query.webhookEndpoints', 'Mutation.webhookEndpointCreate', 'Mutation.webhookDeliveryRedeliver'],
  'apiKeys.manage': ['Mutation.apiKeyCreate', 'Mutation.apiKeyRevoke'],
  'sso.manage': ['Query.ssoConnection', 'Mutation.ssoConnectionSave', 'Mutation.ssoConnectionDelete'],
  'roles.read': ['Query.customRoles', 'Query.systemRoles', 'Query.permissions'],
  'roles.manage': ['Mutation.customRoleCreate', 'Mutation.customRoleUpdate', 'Mutation.customRoleDelete'],
  'audit.read': ['Query.auditEntries', 'Query.auditFacets', 'Query.auditChainVerification'],
  'costs.readAmounts': ['Query.costSummary', 'Query.costRollup', 'Query.costTopAgents'],
  'costs.export': ['Query.costRollupCsv'],
  'budgets.read': ['Query.budgets', 'Query.budget'],
  'budgets.manage': ['Mutation.budgetCreate', 'Mutation.budgetUpdate', 'Mutation.budgetDelete'],
  'alerts.read': ['Query.alerts'],
  'alerts.respond': ['Mutation.alertAcknowledge', 'Mutation.alertResolve'],
  'metrics.read': ['Query.metricSeries', 'Query.metricNames', 'Query.metricDefinitions'],
  'agents.readHealth': ['Agent.healthHistory', 'Agent.uptime'],
  'agents.readTasks': ['Agent.tasks', 'Agent.taskTotals', 'Query.agentTask'],
  'analytics.read': ['Query.analyticsEvents', 'Query.analyticsEventCounts'],
  'analytics.readPayload': ['AnalyticsEvent.payload', 'AnalyticsEvent.user'],
  'alertRules.read': ['Query.alertRules', 'Query.alertRulePreview'],
  'alertRules.manage': [
    'Mutation.alertRuleCreate',
    'Mutation.alertRuleUpdate',
    'Mutation.alertRuleEnable',
    'Mutation.alertRuleDisable',
    'Mutation.alertRuleDelete',
  ],
  graphiql: { uiOnly: 'GraphiQL is a page of the API that runs operations as the caller; the shell links to it for the roles who build or analyse' },
  'agents.read': ['Query.agents', 'Query.agent'],
  'agents.manage': [
    'Mutation.agentCreate',
    'Mutation.agentUpdate',
    'Mutation.agentDeploy',
    'Mutation.agentSuspend',
    'Mutation.agentResume',
    'Mutation.agentArchive',
    'Mutation.agentDelete',
    'Mutation.agentChannelAdd',
    'Mutation.agentChannelUpdate',
    'Mutation.agentChannelRemove',
  ],
  'deleted.restore': {
    uiOnly: 'Query.recentlyDeleted is open to members and lists only the kinds the caller may restore; the page is offered to the roles that delete some kind',
  },
  'agents.readConfiguration': ['Agent.configuration'],
  'agents.readCost': ['Agent.costPerRequest', 'Agent.costTotal'],
  'models.read': ['Query.aiModels', 'Query.aiModel'],
  'models.manage': ['Mutation.aiModelRegister', 'Mutation.aiModelUpdate', 'Mutation.aiModelDeploy', 'Mutation.aiModelUndeploy', 'Mutation.aiModelArchive'],
  'skills.read': ['Query.skills', 'Query.skill'],
  'skills.manage': [
    'Mutation.skillCreate',
    'Mutation.skillUpdate',
    'Mutation.skillPublish',
    'Mutation.skillDeprecate',
    'Mutation.skillInstall',
    'Mutation.skillUninstall',
    'Mutation.skillDelete',
  ],
  'architectures.read': ['Query.architectures', 'Query.architecture'],
  'architectures.manage': [
    'Mutation.architectureCreate',
    'Mutation.architectureUpdate',
    'Mutation.architectureActivate',
    'Mutation.architectureArchive',
    'Mutation.architectureTerraformGenerate',
  ],
  'policies.read': ['Query.policies', 'Query.policy'],
  'policies.readRules': ['Policy.rules'],
  'policies.manage': [
    'Mutation.policyCreate',
    'Mutation.policyUpdate',
    'Mutation.policyActivate',
    'Mutation.policyDeactivate',
    'Mutation.policyReevaluate',
    'Mutation.policyDelete',
  ],
  'violations.read': ['Query.policyViolations', 'Query.policyViolation'],
  'violations.waive': ['Mutation.policyViolationWaive', 'Mutation.policyViolationWaiverRevoke'],
  'compliance.readScores': ['Query.complianceFrameworks', 'ComplianceFramework.name', 'ComplianceFramework.score'],
  'compliance.readTrend': ['ComplianceFramework.scoreHistory'],
  'compliance.read': [
    'Query.complianceOverview',
    'Query.complianceFrameworkTemplates',
    'ComplianceFramework.requirements',
    'Query.complianceEvidenceItems',
    'Query.complianceExceptions',
  ],
  'compliance.readControls': ['Query.complianceControls', 'Query.complianceControl'],
  'compliance.manage': [
    'Mutation.complianceFrameworkCreateFromTemplate',
    'Mutation.complianceFrameworkUpdate',
    'Mutation.complianceRequirementMarkNotApplicable',
    'Mutation.complianceRequirementMarkApplicable',
    'Mutation.complianceControlCreate',
    'Mutation.complianceControlMap',
    'Mutation.complianceControlUnmap',
    'Mutation.complianceEvidenceCreate',
    'Mutation.complianceEvidenceSubmit',
    'Mutation.complianceEvidenceApprove',
    'Mutation.complianceEvidenceReject',
    'Mutation.complianceExceptionGrant',
    'Mutation.complianceExceptionRevoke',
  ],
  'compliance.export': ['Query.complianceExports', 'Mutation.complianceExportStart'],
  'complianceRecords.read': ['Query.complianceRecords'],
  'complianceRecords.readRestricted': ['ComplianceRecord.data', 'ComplianceRecord.riskScore'],
  'complianceRecords.manage': [
    'Mutation.complianceRecordCreate',
    'Mutation.complianceRecordApprove',
    'Mutation.complianceRecordReject',
    'Mutation.complianceRecordFlag',
  ],
  'approvals.inbox': ['Query.approvalInbox', 'Query.approvalInboxCount', 'Query.approvalRequest'],
  'approvals.read': ['Query.approvalRequests'],
  'approvals.readChange': ['ApprovalRequest.heldChange', 'HeldChange.action', 'HeldChange.before', 'HeldChange.after', 'HeldChange.status'],
  'approvals.decide': ['Mutation.approvalRequestApprove', 'Mutation.approvalRequestReject', 'Mutation.approvalRequestComment'],
  'approvals.create': ['Mutation.approvalRequestCreate'],
  'approvals.cancelAny': {
    uiOnly: "Mutation.approvalRequestCancel is open to members; its service withdraws only the caller's own request unless the caller holds tenant.manage",
  },
  'workflows.read': ['Query.workflows', 'Query.workflow', 'Query.workflowExecutions', 'Query.workflowExecution'],
  'workflows.manage': [
    'Mutation.workflowCreate',
    'Mutation.workflowUpdate',
    'Mutation.workflowActivate',
    'Mutation.workflowDeactivate',
    'Query.workflowGraphValidate',
    'Mutation.workflowDelete',
  ],
  'workflows.run': ['Mutation.workflowRun', 'Mutation.workflowExecutionCancel', 'Mutation.workflowExecutionNodeRetry'],
  'hr.read': ['Query.hrRecords', 'Query.hrRecordDataSchemas', 'HrRecord.personalFieldsVisible'],
  'hr.manage': ['Mutation.hrRecordCreate', 'Mutation.hrRecordUpdate', 'Mutation.hrRecordActivate', 'Mutation.hrRecordDeactivate'],
  'hr.settings': ['Query.hrSettings', 'Mutation.hrSettingsUpdate', 'HrSettings.adminsReadPersonal'],
  'hr.readSettings': ['Query.hrSettings', 'HrSettings.adminsReadPersonal'],
  'personalData.export': ['Mutation.personalDataExportStart', 'Query.personalDataExports'],
  'personalData.manage': ['Mutation.personalDataErase', 'PersonalDataErasePayload.hrRecordCount'],
  'tenants.manage': ['Query.tenants', 'Mutation.tenantCreate', 'Mutation.tenantUpdate', 'Mutation.tenantSuspend', 'Mutation.tenantReactivate'],
};

const GRANTED = '✅';

/** type.field -> audience -> cell, from the generated table. */
function parseMatrix(markdown: string): Map<string, Map<string, string>> {
  const rows = markdown.split('\n').filter((line) => line.startsWith('| '));
  const [header, , ...body] = rows.map((line) => line.slice(2, -2).split(' | '));
  if (header?.[0] !== 'type.field') throw new Error('docs/permissions.md has no permission table');
  const audiences = header.slice(1).map((a) => a.toLowerCase());
  return new Map(body.map(([field, ...cells]) => [field, new Map(cells.map((cell, i) => [audiences[i], cell]))]));
}

const matrix = parseMatrix(readFileSync(MATRIX, 'utf8'));
const capabilities = Object.keys(API_FIELDS) as Capability[];
const tenantRole = (role: string) => role.toLowerCase();

/** The tenant roles the API grants every one of the fields outright. */
function apiRoles(fields: readonly string[]): string[] {
  return roles.map(tenantRole).filter((role) => fields.every((field) => matrix.get(field)?.get(role) === GRANTED));
}

describe("the UI's capabilities follow the API's permission map", () => {
  it('reads the generated matrix', () => {
    expect(matrix.size).toBeGreaterThan(300);
    expect(matrix.get('Query.viewer')?.get('anonymous')).toBe(GRANTED);
  });

  it.each(capabilities.filter((c) => Array.isArray(API_FIELDS[c])))('%s: the roles the UI allows are the roles the API grants', (capability) => {
    const fields = API_FIELDS[capability] as readonly string[];
    expect(fields.filter((field) => !matrix.has(field))).toEqual([]);
    const web = roles.filter((role) => allowed({ role, isPlatformAdmin: false }, capability)).map(tenantRole);
    expect({ capability, roles: web.sort() }).toEqual({ capability, roles: apiRoles(fields).sort() });
  });

  it('tenant administration is for platform admins, as the API has it', () => {
    const fields = API_FIELDS['tenants.manage'] as readonly string[];
    expect(fields.every((field) => matrix.get(field)?.get('platform_admin') === GRANTED)).toBe(true);
    expect(mayUse({ role: null, isPlatformAdmin: true }, 'tenants.manage')).toBe(true);
    expect(roles.some((role) => mayUse({ role, isPlatformAdmin: false }, 'tenants.manage'))).toBe(false);
  });

  it.each(capabilities.filter((c) => Array.isArray(API_FIELDS[c]) && c !== 'tenants.manage'))(
    '%s: a custom role holding its permission gets every one of its API fields',
    (capability) => {
      const needed = capabilityPermission(capability);
      expect(needed).not.toBeNull();
      const opening = (field: string) => matrix.get(field)?.get('custom role') ?? '';
      for (const field of API_FIELDS[capability] as readonly string[]) {
        const opened = opening(field)
          .split(', ')
          .map((o) => (o === 'any role' ? o : o.toUpperCase().replace('.', '_')));
        const wanted = needed === 'member' ? 'any role' : needed!;
        expect({ capability, field, opened: opened.includes(wanted) || opened.includes('any role') }).toEqual({
          capability,
          field,
          opened: true,
        });
      }
    },
  );

  it.each(Object.entries(ALSO_OPENED_BY))(
    '%s: each further permission that opens it opens every one of its API fields to a custom role',
    (capability, extra) => {
      for (const permission of extra ?? []) {
        const holder = { role: null, isPlatformAdmin: false, isMember: true, permissions: [permission] };
        expect(mayUse(holder, capability as Capability)).toBe(true);
        const fields = API_FIELDS[capability as Capability];
        // A UI-only capability has no API field to open; the list behind it filters by the caller's own permissions.
        for (const field of Array.isArray(fields) ? fields : []) {
          const opened = (matrix.get(field)?.get('custom role') ?? '').split(', ').map((o) => o.toUpperCase().replace('.', '_'));
          expect({ field, opened: opened.includes(permission) }).toEqual({ field, opened: true });
        }
      }
    },
  );

  it('knows the system roles as the API defines them', () => {
    const table = readFileSync(MATRIX, 'utf8').split('## System roles and permissions')[1];
    const rows = table.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| permission') && !line.startsWith('| ---'));
    const header = table
      .split('\n')
      .find((line) => line.startsWith('| permission'))!
      .slice(2, -2)
      .split(' | ');
    expect(rows.length).toBe(Object.values(PermissionName).length);
    for (const role of roles) {
      const column = header.indexOf(role.toLowerCase());
      const api = rows
        .filter((row) => row.slice(2, -2).split(' | ')[column] === GRANTED)
        .map((row) => row.slice(2, -2).split(' | ')[0].toUpperCase().replace('.', '_'));
      const web: string[] = [...SYSTEM_ROLE_PERMISSIONS[role]];
      expect({ role, permissions: [...web].sort() }).toEqual({ role, permissions: [...api].sort() });
    }
  });

  it('opens pages to a custom role by its permissions only', () => {
    const operator = { role: null, isPlatformAdmin: false, isMember: true, permissions: [PermissionName.AgentsWrite, PermissionName.ViolationsRead] };
    expect(mayUse(operator, 'agents.manage')).toBe(true);
    expect(mayUse(operator, 'violations.read')).toBe(true);
    expect(mayUse(operator, 'agents.read')).toBe(true);
    expect(mayUse(operator, 'costs.readAmounts')).toBe(false);
    expect(mayUse(operator, 'members.manage')).toBe(false);
    expect(mayUse({ ...operator, isMember: false }, 'agents.read')).toBe(false);
  });

  it.each(roles)('a custom role holding the %s role’s permissions sees every action and page that role sees', (role) => {
    const system = { role, isPlatformAdmin: false };
    const custom = { role: null, isPlatformAdmin: false, isMember: true, permissions: SYSTEM_ROLE_PERMISSIONS[role] };
    const differing = capabilities.filter((capability) => allowed(system, capability) !== allowed(custom, capability));
    expect({ role, differing }).toEqual({ role, differing: [] });
  });

  it('opens the manage actions of the pages to a custom role by the one permission behind them', () => {
    const holder = (permissions: PermissionName[]) => ({ role: null, isPlatformAdmin: false, isMember: true, permissions });
    const cases: [Capability, PermissionName][] = [
      ['policies.manage', PermissionName.AgentsWrite],
      ['skills.manage', PermissionName.AgentsWrite],
      ['budgets.manage', PermissionName.TenantManage],
      ['workflows.manage', PermissionName.WorkflowsWrite],
      ['costs.readAmounts', PermissionName.CostsReadAmounts],
      ['costs.export', PermissionName.CostsExport],
      ['violations.waive', PermissionName.TenantManage],
      ['members.manage', PermissionName.MembersManage],
      ['apiKeys.manage', PermissionName.ApiKeysManage],
      ['alerts.respond', PermissionName.CostsReadAmounts],
      ['audit.read', PermissionName.AuditRead],
      ['approvals.cancelAny', PermissionName.TenantManage],
    ];
    for (const [capability, permission] of cases) {
      expect({ capability, with: allowed(holder([permission]), capability), without: allowed(holder([]), capability) }).toEqual({
        capability,
        with: true,
        without: false,
      });
    }
  });

  it('names a reason for every capability the API has no field for', () => {
    for (const capability of capabilities) {
      const fields = API_FIELDS[capability];
      if (!Array.isArray(fields)) expect((fields as { uiOnly: string }).uiOnly.length).toBeGreaterThan(20);
    }
  });
});
