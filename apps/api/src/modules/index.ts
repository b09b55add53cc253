import { accountModule } from './account';
import { agentActivityModule } from './agent-activity';
import { agentHealthModule } from './agent-health';
import { agentChannelsModule } from './agent-channels';
import { agentsModule } from './agents';
import { alertsModule } from './alerts';
import { alertRulesModule } from './alert-rules';
import { analyticsEventsModule } from './analytics-events';
import { approvalsModule } from './approvals';
import { aiModelsModule } from './ai-models';
import { apiKeysModule } from './api-keys';
import { architecturesModule } from './architectures';
import { auditModule } from './audit';
import { budgetsModule } from './budgets';
import { deletedItemsModule } from './deleted-items';
import { complianceModule } from './compliance';
import { complianceRecordsModule } from './compliance-records';
import { hrRecordsModule } from './hr-records';
import { personalDataModule } from './personal-data';
import { costsModule } from './costs';
import { eventsModule } from './events';
import { invitationsModule } from './invitations';
import { membershipsModule } from './memberships';
import { metricsModule } from './metrics';
import { mfaModule } from './mfa';
import type { StewardModule } from './module';
import { overviewModule } from './overview';
import { policiesModule } from './policies';
import { rolesModule } from './roles';
import { sessionsModule } from './sessions';
import { ssoModule } from './sso';
import { skillsModule } from './skills';
import { tenantsModule } from './tenants';
import { usersModule } from './users';
import { viewerModule } from './viewer';
import { webhooksModule } from './webhooks';
import { notificationsModule } from './notifications';
import { workflowsModule } from './workflows';
import { workflowExecutionsModule } from './workflow-executions';

/** Every domain module. A new module adds its folder and one line here. */
export const modules: StewardModule[] = [
  viewerModule,
  sessionsModule,
  accountModule,
  mfaModule,
  ssoModule,
  tenantsModule,
  usersModule,
  rolesModule,
  membershipsModule,
  invitationsModule,
  apiKeysModule,
  auditModule,
  eventsModule,
  webhooksModule,
  notificationsModule,
  aiModelsModule,
  agentsModule,
  agentActivityModule,
  policiesModule,
  costsModule,
  budgetsModule,
  architecturesModule,
  alertsModule,
  metricsModule,
  agentHealthModule,
  alertRulesModule,
  analyticsEventsModule,
  skillsModule,
  agentChannelsModule,
  overviewModule,
  complianceModule,
  complianceRecordsModule,
  hrRecordsModule,
  personalDataModule,
  approvalsModule,
  workflowsModule,
  workflowExecutionsModule,
  deletedItemsModule,
];

export const entities = modules.flatMap((m) => m.entities);
