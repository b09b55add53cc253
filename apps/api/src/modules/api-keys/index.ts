import type { StewardModule } from '../module';
import { readById } from '../../graphql/read-model';
import { apiKeyReads } from './api-key.reads';
import { ApiKey } from './api-key.entity';
import { ApiKeyResolver } from './api-key.resolver';
import { apiKeyPermissions } from './api-key.rules';

export { ApiKey } from './api-key.entity';
export { apiKeyById } from './api-key.loaders';
export { apiKeyReads } from './api-key.reads';

export const apiKeysModule: StewardModule = {
  name: 'api-keys',
  entities: [ApiKey],
  resolvers: [ApiKeyResolver],
  permissions: apiKeyPermissions,
  nodes: { ApiKey: (ctx, id, selection) => readById(ctx, apiKeyReads, selection).load(id) },
};
