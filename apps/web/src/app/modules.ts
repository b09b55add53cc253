import { apiKeysModule } from '../modules/api-keys';
import { auditModule } from '../modules/audit';
import { membersModule } from '../modules/members';
import { overviewModule } from '../modules/overview';
import type { PageModule } from './page-module';

/** Every page, in navigation order. A new page is a folder in src/modules/ and a line here. */
export const pageModules: PageModule[] = [overviewModule, membersModule, apiKeysModule, auditModule];
