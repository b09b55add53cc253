import { agentsModule } from '../modules/agents';
import { alertsModule } from '../modules/alerts';
import { apiKeysModule } from '../modules/api-keys';
import { auditModule } from '../modules/audit';
import { budgetsModule } from '../modules/budgets';
import { costsModule } from '../modules/costs';
import { membersModule } from '../modules/members';
import { modelsModule } from '../modules/models';
import { overviewModule } from '../modules/overview';
import { policiesModule } from '../modules/policies';
import { skillsModule } from '../modules/skills';
import { tenantsModule } from '../modules/tenants';
import { violationsModule } from '../modules/violations';
import type { PageModule } from './page-module';

/** Every page, in navigation order. A new page is a folder in src/modules/ and a line here. */
export const pageModules: PageModule[] = [
  overviewModule,
  agentsModule,
  modelsModule,
  skillsModule,
  policiesModule,
  violationsModule,
  costsModule,
  budgetsModule,
  alertsModule,
  membersModule,
  apiKeysModule,
  auditModule,
  tenantsModule,
];
