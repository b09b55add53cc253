import type { StewardModule } from '../module';
import { PersonalDataExport } from './personal-data-export.entity';
import { PersonalDataExportResolver } from './personal-data-export.resolver';
import { personalDataExportNode } from './personal-data-export.service';
import { personalDataPermissions } from './personal-data.rules';

export { buildPersonalDataExport } from './personal-data-export.service';
export { personalDataRouter } from './personal-data.router';

export const personalDataModule: StewardModule = {
  name: 'personal-data',
  entities: [PersonalDataExport],
  resolvers: [PersonalDataExportResolver],
  permissions: personalDataPermissions,
  nodes: { PersonalDataExport: personalDataExportNode },
};
