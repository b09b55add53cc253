import { agentsModule } from '../modules/agents';
import { alertRulesModule } from '../modules/alert-rules';
import { alertsModule } from '../modules/alerts';
import { analyticsModule } from '../modules/analytics';
import { apiKeysModule } from '../modules/api-keys';
import { approvalsModule } from '../modules/approvals';
import { architecturesModule } from '../modules/architectures';
import { auditModule } from '../modules/audit';
import { budgetsModule } from '../modules/budgets';
import { complianceModule, controlsModule, evidenceModule } from '../modules/compliance';
import { costsModule } from '../modules/costs';
import { deletedItemsModule } from '../modules/deleted-items';
import { hrRecordsModule } from '../modules/hr-records';
import { membersModule } from '../modules/members';
import { metricsModule } from '../modules/metrics';
import { modelsModule } from '../modules/models';
import { notificationPreferencesModule } from '../modules/notifications';
import { overviewModule } from '../modules/overview';
import { policiesModule } from '../modules/policies';
import { rolesModule } from '../modules/roles';
import { skillsModule } from '../modules/skills';
import { ssoModule } from '../modules/sso';
import { tenantsModule } from '../modules/tenants';
import { usageModule } from '../modules/usage';
import { violationsModule } from '../modules/violations';
import { webhooksModule } from '../modules/webhooks';
import { workflowsModule } from '../modules/workflows';
import type { PageModule } from './page-module';

export interface NavigationGroup {
  /** Shown above the group's entries; the first group (the landing page) has none. */
  label: string | null;
  modules: PageModule[];
}

/**
 * Every page, grouped and in navigation order. A new page is a folder in src/modules/ and one entry
 * here; the router, the navigation and the browser tests (route discovery) all read this list.
 */
export const navigation: NavigationGroup[] = [
  { label: null, modules: [overviewModule] },
  { label: 'Inventory', modules: [agentsModule, modelsModule, skillsModule, architecturesModule] },
  { label: 'Governance', modules: [approvalsModule, policiesModule, violationsModule, auditModule] },
  { label: 'Compliance', modules: [complianceModule, controlsModule, evidenceModule] },
  { label: 'Spend', modules: [costsModule, budgetsModule] },
  { label: 'Operations', modules: [metricsModule, alertsModule, alertRulesModule, analyticsModule, workflowsModule, notificationPreferencesModule] },
  { label: 'People', modules: [hrRecordsModule] },
  { label: 'Administration', modules: [membersModule, rolesModule, apiKeysModule, webhooksModule, ssoModule, usageModule, deletedItemsModule, tenantsModule] },
];

export const pageModules: PageModule[] = navigation.flatMap((group) => group.modules);
