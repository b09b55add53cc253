import type { StewardModule } from '../module';
import { loader } from '../../graphql/loader';
import { ApiKey } from './api-key.entity';
import { apiKeyById } from './api-key.loaders';
import { ApiKeyResolver } from './api-key.resolver';
import { apiKeyPermissions } from './api-key.rules';

export { ApiKey } from './api-key.entity';
export { apiKeyById } from './api-key.loaders';

export const apiKeysModule: StewardModule = {
  name: 'api-keys',
  entities: [ApiKey],
  resolvers: [ApiKeyResolver],
  permissions: apiKeyPermissions,
  nodes: { ApiKey: (ctx, id) => loader(ctx, apiKeyById).load(id) },
};
