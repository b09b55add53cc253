import type { StewardModule } from '../module';
import { DeletedItemResolver } from './deleted-item.resolver';
import { deletedItemPermissions } from './deleted-item.rules';

export { DeletedItemKind } from './deletable';
export { DeletedItem } from './deleted-item.type';
export { softDelete, restore, withDeleted } from './deleted-item.service';
export { purgeExpired, tenantsWithExpiredDeletions } from './deleted-item.purge';

export const deletedItemsModule: StewardModule = {
  name: 'deleted-items',
  entities: [],
  resolvers: [DeletedItemResolver],
  permissions: deletedItemPermissions,
};
